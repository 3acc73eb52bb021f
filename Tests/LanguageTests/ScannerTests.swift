import Testing
@testable import Language

/// The kinds of the tokens of `text`, without the final `.endOfInput`.
func kinds(_ text: String) -> [Token.Kind] {
    TokenScanner.scan(SourceText(text)).tokens.dropLast().map(\.kind)
}

/// The diagnostic of the first invalid token of `text`.
func scanError(_ text: String) -> Diagnostic? {
    for token in TokenScanner.scan(SourceText(text)).tokens {
        if case .invalid(let diagnostic) = token.kind { return diagnostic }
    }
    return nil
}

@Test func scansNumbersAsDoubles() {
    #expect(kinds("2 0.5 1e-3 1E+4 12.25e2 007") == [.number(2), .number(0.5), .number(0.001),
                                                     .number(10_000), .number(1225), .number(7)])
    #expect(kinds("1e-999") == [.number(0)])   // underflow rounds to zero
    #expect(kinds("2.T") == [.number(2), .dot, .name("T")])
    #expect(kinds("1.") == [.number(1), .dot])
    #expect(kinds(".5") == [.dot, .number(5)])
}

@Test func rejectsMalformedAndHugeNumbers() {
    #expect(scanError("2x")?.message == .malformedNumber("2x"))
    #expect(scanError("2x")?.hint == .hintImplicitProduct(number: "2", name: "x"))
    #expect(scanError("1e")?.message == .malformedNumber("1e"))
    #expect(scanError("1e+")?.hint == .hintExponentDigits)
    #expect(scanError("3_000")?.hint == .hintDigitSeparator)
    #expect(scanError("1e999")?.message == .numberOutOfRange("1e999"))
    #expect(scanError("1" + String(repeating: "0", count: 400))?.message
        == .numberOutOfRange("1" + String(repeating: "0", count: 400)))
}

@Test func scansStringsWithEscapes() {
    #expect(kinds(#""a\"b\\c\nd\te""#) == [.string("a\"b\\c\nd\te")])
    #expect(kinds(#""""#) == [.string("")])
    #expect(kinds(#""θ ∇ 🇫🇷""#) == [.string("θ ∇ 🇫🇷")])
}

@Test func reportsBadStringsWithRanges() {
    let unknown = scanError(#"s = "a\qb" + 1"#)
    #expect(unknown?.message == .unknownEscape(#"\q"#))
    #expect(unknown?.range.start.column == 7)
    #expect(unknown?.range.end.column == 9)
    #expect(kinds(#"s = "a\qb" + 1"#).suffix(2) == [.plus, .number(1)])   // scanning goes on
    let unterminated = scanError("save \"f.grad\nx = 1")
    #expect(unterminated?.message == .unterminatedString)
    #expect(unterminated?.range.start.column == 6)
    #expect(unterminated?.range.end.column == 13)
    #expect(scanError(#""abc\"#)?.message == .unterminatedString)
}

@Test func scansNamesIncludingUnicodeLetters() {
    #expect(kinds("θ α_1 δ W₁ x̂ f′ 𝐱 ℓ _tmp __init x2") == [
        .name("θ"), .name("α_1"), .name("δ"), .name("W₁"), .name("x̂"), .name("f′"), .name("𝐱"),
        .name("ℓ"), .name("_tmp"), .name("__init"), .name("x2"),
    ])
    #expect(kinds("repeat def do end true false repeated") == [
        .keyword(.repeat), .keyword(.def), .keyword(.do), .keyword(.end), .keyword(.true),
        .keyword(.false), .name("repeated"),
    ])
}

@Test func rejectsSymbolsThatAreNotLetters() {
    let nabla = scanError("∇J")
    #expect(nabla?.message == .unexpectedCharacter("∇"))
    #expect(nabla?.hint == .hintNotALetter("∇"))
    #expect(scanError("∂L")?.hint == .hintNotALetter("∂"))
    #expect(scanError("x²")?.message == .unexpectedCharacter("²"))
    #expect(scanError("a; b")?.hint == .hintOneStatementPerLine)
    #expect(scanError("'s'")?.hint == .hintDoubleQuotes)
    #expect(scanError("x % 2")?.hint == nil)
    #expect(scanError("\u{7}")?.message.text == "unexpected character U+0007")
}

@Test func scansOperatorsAndPunctuation() {
    #expect(kinds("+ - * / @ ^ = , . : ( ) [ ]") == [
        .plus, .minus, .star, .slash, .at, .caret, .equal, .comma, .dot, .colon,
        .leftParen, .rightParen, .leftBracket, .rightBracket,
    ])
}

@Test func newlinesEndStatementsOnlyOutsideBrackets() {
    #expect(kinds("a\nb") == [.name("a"), .newline, .name("b")])
    #expect(kinds("f(a,\n  b)\nc") == [.name("f"), .leftParen, .name("a"), .comma, .name("b"),
                                       .rightParen, .newline, .name("c")])
    #expect(kinds("[1,\n[2,\n3]]\n") == [.leftBracket, .number(1), .comma, .leftBracket, .number(2),
                                         .comma, .number(3), .rightBracket, .rightBracket, .newline])
    #expect(kinds("a\r\nb") == [.name("a"), .newline, .name("b")])
    #expect(kinds(")\n(") == [.rightParen, .newline, .leftParen])   // a stray closer opens nothing
}

@Test func recordsWhitespaceBeforeEachToken() {
    let tokens = TokenScanner.scan(SourceText("show [1] x[0] f (y)\tz\u{00A0}w")).tokens
    #expect(tokens.map(\.hasLeadingSpace) == [
        false, true, false, false, true, false, false, false, true, true, false, false, true, true, false,
    ])
    let broken = TokenScanner.scan(SourceText("f(a,\nb)")).tokens
    #expect(broken[4].hasLeadingSpace)   // the line break inside brackets counts as space
}

@Test func collectsCommentsAndSavedOutputs() {
    let scanned = TokenScanner.scan(SourceText("x = 1  # one\n#> 1.0000\n  # indented\n#>\n"))
    #expect(scanned.tokens.map(\.kind) == [.name("x"), .equal, .number(1), .newline, .newline,
                                           .newline, .newline, .endOfInput])
    #expect(scanned.comments.map(\.text) == ["# one", "#> 1.0000", "# indented", "#>"])
    #expect(scanned.comments.map(\.isWholeLine) == [false, true, true, true])
    #expect(scanned.comments.map(\.isSavedOutput) == [false, true, false, true])
    #expect(scanned.comments[1].savedOutput == "1.0000")
    #expect(scanned.comments[3].savedOutput == "")
    #expect(scanned.comments[0].range.start.column == 8)
}

@Test func tokenRangesCoverTheirText() {
    let source = SourceText("θ₁ = \"ab\" + 2.5e1 # c\nfit(x)")
    let tokens = TokenScanner.scan(source).tokens
    let texts = tokens.map { String(source.text(in: $0.range)) }
    #expect(texts == ["θ₁", "=", "\"ab\"", "+", "2.5e1", "\n", "fit", "(", "x", ")", ""])
    #expect(tokens[2].range.start.column == 6)
    #expect(tokens[6].range.start.line == 2 && tokens[6].range.start.column == 1)
    #expect(tokens[5].range.end == tokens[6].range.start)
    #expect(tokens.last?.range.start == source.endLocation)
}

@Test func emptyAndBlankSourcesScanToTheEnd() {
    #expect(kinds("") == [])
    #expect(kinds("   \t ") == [])
    #expect(kinds("# only a comment") == [])
}
