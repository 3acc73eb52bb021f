/// Turns source text into tokens, and collects its comments on the side.
///
/// The scanner reads UTF-8 bytes, with fast paths for ASCII and a decoded scalar for anything
/// else. It never fails: text it cannot read becomes an `.invalid` token carrying the
/// diagnostic, and the parser reports it when it gets there. Three pieces of context live here
/// rather than in the parser:
/// - line breaks inside an open `(` or `[` are dropped (counted as whitespace), so a
///   `.newline` token always ends a statement;
/// - each token records whether whitespace comes right before it (`hasLeadingSpace`), which
///   command form needs to tell `show [1, 2]` from `x[1]`;
/// - comments are collected, with `#>` saved-output lines marked (see `Comment`).
///
/// Scanning is one pass with no recursion, whatever the input.
public final class TokenScanner {
    /// What a scan produces.
    public struct Output: Sendable, Equatable {
        /// The tokens, ending with exactly one `.endOfInput`.
        public var tokens: [Token]
        /// The comments, in source order.
        public var comments: [Comment]
    }

    /// Scans the whole of `source`.
    public static func scan(_ source: SourceText) -> Output {
        let scanner = TokenScanner(source: source)
        while scanner.position < scanner.bytes.count {
            scanner.scanToken()
        }
        scanner.tokenStart = scanner.location(at: scanner.position)
        scanner.emit(.endOfInput)
        return Output(tokens: scanner.tokens, comments: scanner.comments)
    }

    let source: SourceText
    let bytes: [UInt8]
    /// The UTF-8 offset of the next byte to read.
    var position = 0
    /// The line `position` is on.
    var line: Int
    var columns: ColumnCounter
    /// How many `(` and `[` are open; line breaks are dropped while it is above zero.
    var bracketDepth = 0
    /// Whether whitespace has been skipped since the last token.
    var sawSpace = false
    /// Where the token being scanned starts.
    var tokenStart: SourceLocation
    var tokens: [Token] = []
    var comments: [Comment] = []

    private init(source: SourceText) {
        self.source = source
        bytes = source.bytes
        line = source.firstLine
        columns = ColumnCounter(source: source)
        tokenStart = SourceLocation(offset: 0, line: source.firstLine, column: 1)
    }

    /// The location of a UTF-8 offset on the current line.
    func location(at offset: Int) -> SourceLocation {
        SourceLocation(offset: offset, line: line, column: columns.column(at: offset))
    }

    /// Appends a token from `tokenStart` to the current position.
    func emit(_ kind: Token.Kind) {
        let range = SourceRange(start: tokenStart, end: location(at: position))
        tokens.append(Token(kind: kind, range: range, hasLeadingSpace: sawSpace))
        sawSpace = false
    }

    /// Appends an `.invalid` token from `tokenStart` to the current position, reporting
    /// `message` over `range` (the whole token when nil).
    func emitInvalid(_ message: DiagnosticMessage, hint: DiagnosticMessage? = nil,
                              range: SourceRange? = nil) {
        let tokenRange = SourceRange(start: tokenStart, end: location(at: position))
        let diagnostic = Diagnostic(.error, message, at: range ?? tokenRange, hint: hint)
        tokens.append(Token(kind: .invalid(diagnostic), range: tokenRange, hasLeadingSpace: sawSpace))
        sawSpace = false
    }

    /// The byte `distance` ahead of `position`, or nil past the end.
    func peekByte(_ distance: Int = 0) -> UInt8? {
        let index = position + distance
        return index < bytes.count ? bytes[index] : nil
    }

    /// Scans whitespace, a line break, a comment or one token.
    func scanToken() {
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C:
            position += 1
            sawSpace = true
        case UInt8(ascii: "\r") where peekByte(1) != UInt8(ascii: "\n"):
            position += 1
            sawSpace = true
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            scanLineBreak()
        case UInt8(ascii: "#"):
            scanComment()
        default:
            tokenStart = location(at: position)
            scanNonSpace(byte)
        }
    }

    /// Scans a token that starts with `byte`; `tokenStart` is set.
    private func scanNonSpace(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): scanNumber()
        case UInt8(ascii: "\""): scanString()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "_"):
            scanName()
        case UInt8(ascii: "+"): punctuation(.plus)
        case UInt8(ascii: "-"): punctuation(.minus)
        case UInt8(ascii: "*"): punctuation(.star)
        case UInt8(ascii: "/"): punctuation(.slash)
        case UInt8(ascii: "@"): punctuation(.at)
        case UInt8(ascii: "^"): punctuation(.caret)
        case UInt8(ascii: "="): twoByte(ifNext: "=", .equalEqual, else: .equal)
        case UInt8(ascii: "<"): twoByte(ifNext: "=", .lessEqual, else: .less)
        case UInt8(ascii: ">"): twoByte(ifNext: "=", .greaterEqual, else: .greater)
        case UInt8(ascii: "!") where peekByte(1) == UInt8(ascii: "="):
            position += 2
            emit(.notEqual)
        case UInt8(ascii: ","): punctuation(.comma)
        case UInt8(ascii: "."): punctuation(.dot)
        case UInt8(ascii: ":"): punctuation(.colon)
        case UInt8(ascii: "("), UInt8(ascii: "["):
            bracketDepth += 1
            punctuation(byte == UInt8(ascii: "(") ? .leftParen : .leftBracket)
        case UInt8(ascii: ")"), UInt8(ascii: "]"):
            bracketDepth = max(0, bracketDepth - 1)
            punctuation(byte == UInt8(ascii: ")") ? .rightParen : .rightBracket)
        default:
            scanOther()
        }
    }

    /// Emits a one-byte operator or punctuation token.
    private func punctuation(_ kind: Token.Kind) {
        position += 1
        emit(kind)
    }

    /// Emits `pair` when the byte after this one is `next` (`<=`, `==`), else the one-byte `single`.
    private func twoByte(ifNext next: Unicode.Scalar, _ pair: Token.Kind, else single: Token.Kind) {
        if peekByte(1) == UInt8(ascii: next) {
            position += 2
            emit(pair)
        } else {
            punctuation(single)
        }
    }

    /// Scans `\n` or `\r\n`: a `.newline` token outside brackets, whitespace inside them.
    private func scanLineBreak() {
        let start = location(at: position)
        position += bytes[position] == UInt8(ascii: "\r") ? 2 : 1
        line += 1
        columns.startLine(at: position)
        if bracketDepth == 0 {
            let end = SourceLocation(offset: position, line: line, column: 1)
            tokens.append(Token(kind: .newline, range: SourceRange(start: start, end: end),
                                hasLeadingSpace: sawSpace))
            sawSpace = false
        } else {
            sawSpace = true
        }
    }

    /// Scans a comment from `#` to the end of its line (leaving the line break).
    private func scanComment() {
        let start = position
        let isWholeLine = bytes[columns.lineStart..<start].allSatisfy {
            $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
        }
        let startLocation = location(at: start)
        while let byte = peekByte(), byte != UInt8(ascii: "\n"),
              !(byte == UInt8(ascii: "\r") && peekByte(1) == UInt8(ascii: "\n")) {
            position += 1
        }
        let range = SourceRange(start: startLocation, end: location(at: position))
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        comments.append(Comment(text: text, range: range, isWholeLine: isWholeLine))
    }

    /// Scans something that is not ASCII punctuation, a digit, a letter or a quote: Unicode
    /// whitespace, a Unicode name, or a character the language has no use for.
    private func scanOther() {
        let (scalar, length) = decodeScalar(at: position)
        if scalar.properties.isWhitespace {
            position += length
            sawSpace = true
            return
        }
        if NameCharacters.isStart(scalar) {
            scanName()
            return
        }
        position += length
        while position < bytes.count {   // take the whole character: `∇` with any marks on it
            let (next, nextLength) = decodeScalar(at: position)
            guard next.properties.isGraphemeExtend else { break }
            position += nextLength
        }
        let text = String(decoding: bytes[tokenStart.offset..<position], as: UTF8.self)
        let character = text.first ?? Character(scalar)
        let hint: DiagnosticMessage? = switch scalar {
        case ";": .hintOneStatementPerLine
        case "!": .hintWriteNot
        case "&", "|": .hintWriteAndOr
        case "'": .hintDoubleQuotes
        case _ where NameCharacters.isMathSymbol(scalar): .hintNotALetter(character)
        default: nil
        }
        emitInvalid(.unexpectedCharacter(character), hint: hint)
    }

    /// The Unicode scalar whose UTF-8 encoding starts at `offset`, and its length in bytes.
    ///
    /// The bytes come from a Swift `String`, so they are valid UTF-8; anything else decodes
    /// as U+FFFD rather than trapping.
    func decodeScalar(at offset: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard lead >= 0x80 else { return (Unicode.Scalar(lead), 1) }
        guard offset + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for byte in bytes[(offset + 1)..<(offset + length)] {
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
