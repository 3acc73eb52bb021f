import Testing
@testable import Language

/// An input, the first diagnostic it must produce, and where the caret goes.
struct ExpectedDiagnostic: Sendable, CustomTestStringConvertible {
    var source: String
    var message: DiagnosticMessage
    var line = 1
    /// The span's first column and its width in Characters (0 for a position, or for a span
    /// that ends on a later line).
    var column: Int
    var width: Int
    var hint: DiagnosticMessage?

    var testDescription: String { source.debugDescription }
}

/// Every syntax message of the catalogue, produced by some input, with its caret checked.
@Test(arguments: [
    // Scanning
    ExpectedDiagnostic(source: "x = 3 % 2", message: .unexpectedCharacter("%"), column: 7, width: 1),
    ExpectedDiagnostic(source: "θ = ∇J", message: .unexpectedCharacter("∇"), column: 5, width: 1,
                       hint: .hintNotALetter("∇")),
    ExpectedDiagnostic(source: "x = 1; y = 2", message: .unexpectedCharacter(";"), column: 6, width: 1,
                       hint: .hintOneStatementPerLine),
    ExpectedDiagnostic(source: "s = 'abc'", message: .unexpectedCharacter("'"), column: 5, width: 1,
                       hint: .hintDoubleQuotes),
    ExpectedDiagnostic(source: "save \"f.grad", message: .unterminatedString, column: 6, width: 7,
                       hint: .hintCloseString),
    ExpectedDiagnostic(source: "s = \"a\\qb\"", message: .unknownEscape("\\q"), column: 7, width: 2,
                       hint: .hintStringEscapes),
    ExpectedDiagnostic(source: "y = 2x + 1", message: .malformedNumber("2x"), column: 5, width: 2,
                       hint: .hintImplicitProduct(number: "2", name: "x")),
    ExpectedDiagnostic(source: "lr = 1e-", message: .malformedNumber("1e"), column: 6, width: 2,
                       hint: .hintExponentDigits),
    ExpectedDiagnostic(source: "n = 3_000", message: .malformedNumber("3_000"), column: 5, width: 5,
                       hint: .hintDigitSeparator),
    ExpectedDiagnostic(source: "big = 1e999", message: .numberOutOfRange("1e999"), column: 7, width: 5,
                       hint: .hintNumberRange),
    // Parsing
    ExpectedDiagnostic(source: "x = (1 + )", message: .expectedExpression(after: "+", found: .rightParen),
                       column: 10, width: 1),
    ExpectedDiagnostic(source: "+ 1", message: .expectedExpression(after: nil, found: .plus),
                       column: 1, width: 1),
    ExpectedDiagnostic(source: "y = x**2", message: .expectedExpression(after: "*", found: .star),
                       column: 7, width: 1, hint: .hintPowerOperator),
    ExpectedDiagnostic(source: "p = .5", message: .expectedExpression(after: "=", found: .dot),
                       column: 5, width: 1, hint: .hintLeadingZero("5")),
    ExpectedDiagnostic(source: "x = 1 +\ny = 2", message: .expectedExpression(after: "+", found: .newline),
                       column: 8, width: 0),
    ExpectedDiagnostic(source: "x = do", message: .expectedExpression(after: "=", found: .keyword(.do)),
                       column: 5, width: 2),
    ExpectedDiagnostic(source: "f(a b)", message: .expectedClosing(")", opener: "(", found: .name("b")),
                       column: 5, width: 1),
    ExpectedDiagnostic(source: "x = [1, 2)", message: .expectedClosing("]", opener: "[", found: .rightParen),
                       column: 10, width: 1),
    ExpectedDiagnostic(source: "grad(w) x", message: .expectedStatementEnd(found: .name("x")),
                       column: 9, width: 1),
    ExpectedDiagnostic(source: "show x + 1", message: .expectedStatementEnd(found: .plus),
                       column: 8, width: 1, hint: .hintCommandArguments(command: "show")),
    ExpectedDiagnostic(source: "fit model -1", message: .expectedStatementEnd(found: .minus),
                       column: 11, width: 1, hint: .hintCommandArguments(command: "fit")),
    ExpectedDiagnostic(source: "w = model.0", message: .expectedName(after: ".", found: .number(0)),
                       column: 11, width: 1),
    ExpectedDiagnostic(source: "def 3(a) = a", message: .expectedName(after: "def", found: .number(3)),
                       column: 5, width: 1),
    ExpectedDiagnostic(source: "def f(a, 2) = a", message: .expectedName(after: ",", found: .number(2)),
                       column: 10, width: 1),
    ExpectedDiagnostic(source: "a, 3 = s", message: .expectedName(after: ",", found: .number(3)),
                       column: 4, width: 1),
    ExpectedDiagnostic(source: "a, b split(data)", message: .expectedToken(["="], after: "a, b", found: .name("split")),
                       column: 6, width: 5),
    ExpectedDiagnostic(source: "def f a", message: .expectedToken(["("], after: "def f", found: .name("a")),
                       column: 7, width: 1),
    ExpectedDiagnostic(source: "def f(a) a", message: .expectedToken(["=", "do"], after: "def f(a)", found: .name("a")),
                       column: 10, width: 1),
    ExpectedDiagnostic(source: "repeat 3 x = 1\nend", message: .expectedLineBreak(after: "repeat 3", found: .name("x")),
                       column: 10, width: 1, hint: .hintBlockBody(keyword: "repeat")),
    ExpectedDiagnostic(source: "def f(a) do a\nend", message: .expectedLineBreak(after: "def f(a) do", found: .name("a")),
                       column: 13, width: 1, hint: .hintBlockBody(keyword: "def")),
    ExpectedDiagnostic(source: "x = 1\nend", message: .unmatchedEnd, line: 2, column: 1, width: 3),
    ExpectedDiagnostic(source: "x = f(1))", message: .unmatchedClosing(")"), column: 9, width: 1),
    ExpectedDiagnostic(source: "]", message: .unmatchedClosing("]"), column: 1, width: 1),
    ExpectedDiagnostic(source: "x[0] = 1", message: .invalidAssignmentTarget("x[0]"), column: 1, width: 4),
    ExpectedDiagnostic(source: "model.W = 1", message: .invalidAssignmentTarget("model.W"), column: 1, width: 7),
    ExpectedDiagnostic(source: "a, b, c = s", message: .tooManyTargets(3), column: 1, width: 7),
    ExpectedDiagnostic(source: "f(a=1, a=2)", message: .duplicateOption("a"), column: 8, width: 1),
    ExpectedDiagnostic(source: "fit m epochs=1 epochs=2", message: .duplicateOption("epochs"), column: 16, width: 6),
    ExpectedDiagnostic(source: "def f(a, a) = a", message: .duplicateParameter("a"), column: 10, width: 1),
    ExpectedDiagnostic(source: "def f(a) do\nend", message: .emptyFunctionBody("f"), column: 1, width: 0),  // two lines
    ExpectedDiagnostic(source: "x = " + String(repeating: "(", count: 201) + "1" + String(repeating: ")", count: 201),
                       message: .nestingTooDeep(limit: 200), column: 205, width: 1, hint: .hintSimplify),
])
func catalogueMessage(expected: ExpectedDiagnostic) {
    guard let diagnostic = firstError(expected.source) else { return }
    #expect(diagnostic.message == expected.message)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.range.start.line == expected.line)
    #expect(diagnostic.range.start.column == expected.column)
    let end = diagnostic.range.end
    let width = end.line == diagnostic.range.start.line ? end.column - expected.column : 0
    #expect(width == expected.width)
    #expect(diagnostic.hint == expected.hint)
}

@Test func notesPointAtTheRelatedPlace() {
    let unclosed = firstError("f(a b)")
    #expect(unclosed?.notes.map(\.message) == [.noteOpenedHere("(")])
    #expect(unclosed?.notes.first?.range?.start.column == 2)
    let duplicate = firstError("f(a=1, a=2)")
    #expect(duplicate?.notes.map(\.message) == [.noteFirstGivenHere("a")])
    #expect(duplicate?.notes.first?.range?.start.column == 3)
    let block = incompleteDiagnostic("repeat 3\n  x = 1")
    #expect(block?.notes.map(\.message) == [.noteBlockStartsHere("repeat")])
    #expect(block?.notes.first?.range?.start.column == 1)
    #expect(block?.range.start.line == 2)
}

/// The wording of every message, as a person reads it.
@Test(arguments: [
    (DiagnosticMessage.unexpectedCharacter("∇"), "unexpected character '∇'"),
    (.unexpectedCharacter("\u{7}"), "unexpected character U+0007"),
    (.unterminatedString, "unterminated string"),
    (.unknownEscape("\\q"), "unknown escape '\\q' in a string"),
    (.malformedNumber("2x"), "malformed number '2x'"),
    (.numberOutOfRange("1e999"), "number '1e999' is too large"),
    (.expectedExpression(after: "+", found: .rightParen), "expected an expression after '+', found ')'"),
    (.expectedExpression(after: nil, found: .endOfInput), "expected an expression, found end of input"),
    (.expectedExpression(after: "=", found: .newline), "expected an expression after '=', found end of line"),
    (.expectedExpression(after: "=", found: .keyword(.end)), "expected an expression after '=', found keyword 'end'"),
    (.expectedExpression(after: "(", found: .string("abc")), "expected an expression after '(', found string \"abc\""),
    (.expectedExpression(after: "(", found: .string(String(repeating: "a", count: 30))),
     "expected an expression after '(', found string \"aaaaaaaaaaaaaaaaaaaa…\""),
    (.expectedClosing(")", opener: "(", found: .endOfInput), "expected ')' to close '(', found end of input"),
    (.expectedStatementEnd(found: .name("y")), "expected the end of the statement, found name 'y'"),
    (.expectedName(after: ".", found: .number(5)), "expected a name after '.', found number 5"),
    (.expectedToken(["=", "do"], after: "def f(a)", found: .newline),
     "expected '=' or 'do' after 'def f(a)', found end of line"),
    (.expectedToken(["="], after: "a, b", found: .name("s")), "expected '=' after 'a, b', found name 's'"),
    (.expectedLineBreak(after: "repeat 3", found: .name("x")), "expected a line break after 'repeat 3', found name 'x'"),
    (.expectedEnd(block: "repeat", found: .endOfInput), "expected 'end' to close 'repeat', found end of input"),
    (.unmatchedEnd, "'end' without a block to close"),
    (.unmatchedClosing(")"), "unmatched ')'"),
    (.invalidAssignmentTarget("x[0]"), "cannot assign to 'x[0]': only a name can be assigned"),
    (.tooManyTargets(3), "destructuring assigns two names, not 3"),
    (.duplicateOption("epochs"), "option 'epochs' is given twice"),
    (.duplicateParameter("a"), "parameter 'a' appears twice"),
    (.emptyFunctionBody("f"), "the body of 'f' is empty: a function's value is its last statement"),
    (.nestingTooDeep(limit: 200), "nested too deeply (more than 200 levels)"),
    (.hintDidYouMean(["W1"]), "did you mean W1?"),
    (.hintDidYouMean(["W1", "W2"]), "did you mean W1 or W2?"),
    (.hintDidYouMean(["W1", "W2", "b1"]), "did you mean W1, W2 or b1?"),
    (.hintNotALetter("∇"), "'∇' is a symbol, not a letter: names use letters, digits and '_'"),
    (.hintOneStatementPerLine, "put each statement on a line of its own"),
    (.hintDoubleQuotes, "strings use double quotes: \"…\""),
    (.hintStringEscapes, #"the escapes are \" \\ \n and \t"#),
    (.hintCloseString, #"close it with '"' on the same line; write \n for a line break inside a string"#),
    (.hintExponentDigits, "an exponent needs digits, as in 1e-3"),
    (.hintDigitSeparator, "write the digits without '_'"),
    (.hintImplicitProduct(number: "2", name: "x"), "write 2*x for a product"),
    (.hintNumberRange, "numbers go up to about 1.8e308"),
    (.hintPowerOperator, "the power operator is '^', as in x^2"),
    (.hintLeadingZero("5"), "write 0.5"),
    (.hintCommandArguments(command: "show"),
     "in command form each argument is one term: put an expression in parentheses, or write show(…) with commas"),
    (.hintBlockBody(keyword: "repeat"), "the body of 'repeat' goes on the lines below, ended by 'end'"),
    (.hintSimplify, "break it into steps with intermediate names"),
    (.noteOpenedHere("("), "'(' is opened here"),
    (.noteBlockStartsHere("def"), "the 'def' block starts here"),
    (.noteFirstGivenHere("lr"), "'lr' is first given here"),
])
func wording(message: DiagnosticMessage, text: String) {
    #expect(message.text == text)
}

@Test func severalErrorsAreReportedWithRecovery() {
    let outcome = parse("x = 1 +\ny = 2\nz = )\nrepeat 2\n  a = *\n  b = 1\nend\nend")
    guard case .failed(let diagnostics) = outcome else {
        Issue.record("expected failure, got \(outcome)")
        return
    }
    #expect(diagnostics.map(\.range.start.line) == [1, 3, 5, 8])
    #expect(diagnostics.last?.message == .unmatchedEnd)
}

/// The cap is per top-level statement: a block of garbage says 20 things, while a file of
/// 500 bad lines reports each of them (each is a statement of its own that did not run).
@Test func errorCountIsCappedPerStatement() {
    let garbage = String(repeating: "x = )\n", count: 500)
    #expect(parse(garbage).diagnostics.count == 500)
    let inBlock = "repeat 2\n" + garbage + "end"
    #expect(parse(inBlock).diagnostics.count == Parser.maxDiagnostics)
}
