extension TokenScanner {
    /// Whether `byte` is an ASCII digit.
    private static func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Moves past a run of ASCII digits.
    private func skipDigits() {
        while Self.isDigit(peekByte()) { position += 1 }
    }

    /// Whether a name character starts at `position`.
    private func nameContinues() -> Bool {
        guard position < bytes.count else { return false }
        return NameCharacters.isContinue(decodeScalar(at: position).0)
    }

    /// Moves past a run of name characters.
    private func skipNameCharacters() {
        while position < bytes.count {
            let (scalar, length) = decodeScalar(at: position)
            guard NameCharacters.isContinue(scalar) else { return }
            position += length
        }
    }

    /// Scans a number: `digits [. digits] [(e|E) [+|-] digits]`, read as a `NumberLiteral`.
    ///
    /// A number that runs straight into a name character (`2x`, `1e`, `3_000`) is an error
    /// rather than two tokens. A literal too large for a `Double` (`1e999`) is an error too,
    /// never a silent infinity; one too small to represent (`1e-999`) rounds to 0, as in
    /// every language that reads IEEE doubles.
    func scanNumber() {
        let start = position
        skipDigits()
        if peekByte() == UInt8(ascii: "."), Self.isDigit(peekByte(1)) {
            position += 1
            skipDigits()
        }
        if peekByte() == UInt8(ascii: "e") || peekByte() == UInt8(ascii: "E") {
            let sign = peekByte(1) == UInt8(ascii: "+") || peekByte(1) == UInt8(ascii: "-") ? 1 : 0
            if Self.isDigit(peekByte(1 + sign)) {
                position += 1 + sign
                skipDigits()
            }
        }
        let numberEnd = position
        let text = String(decoding: bytes[start..<numberEnd], as: UTF8.self)
        if nameContinues() {
            let stuckOn = peekByte()
            skipNameCharacters()
            let whole = String(decoding: bytes[start..<position], as: UTF8.self)
            let rest = String(decoding: bytes[numberEnd..<position], as: UTF8.self)
            let hint: DiagnosticMessage = switch stuckOn {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): .hintExponentDigits
            case UInt8(ascii: "_"): .hintDigitSeparator
            default: .hintImplicitProduct(number: text, name: rest)
            }
            emitInvalid(.malformedNumber(whole), hint: hint)
            return
        }
        guard let literal = NumberLiteral(text: text) else {
            emitInvalid(.numberOutOfRange(text), hint: .hintNumberRange)
            return
        }
        emit(.number(literal))
    }

    /// Scans a string literal on one line, resolving `\"`, `\\`, `\n` and `\t`.
    ///
    /// An unknown escape is reported at the escape; the scan goes on to the closing quote so
    /// that what follows the string still scans as it should.
    func scanString() {
        position += 1   // the opening quote
        var value: [UInt8] = []
        var badEscape: (text: String, range: SourceRange)?
        while true {
            guard let byte = peekByte(), byte != UInt8(ascii: "\n"),
                  !(byte == UInt8(ascii: "\r") && peekByte(1) == UInt8(ascii: "\n")) else {
                emitInvalid(.unterminatedString, hint: .hintCloseString)
                return
            }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                if let badEscape {
                    emitInvalid(.unknownEscape(badEscape.text), hint: .hintStringEscapes,
                                range: badEscape.range)
                } else {
                    emit(.string(String(decoding: value, as: UTF8.self)))
                }
                return
            case UInt8(ascii: "\\"):
                guard let escaped = peekByte(1), escaped != UInt8(ascii: "\n"),
                      escaped != UInt8(ascii: "\r") else {
                    position += 1   // a backslash at the end of the line: unterminated
                    continue
                }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(escaped)
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
                default:
                    let length = 1 + decodeScalar(at: position + 1).1
                    if badEscape == nil {
                        let text = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
                        let range = SourceRange(start: location(at: position),
                                                end: location(at: position + length))
                        badEscape = (text, range)
                    }
                    position += length
                    continue
                }
                position += 2
            default:
                value.append(byte)
                position += 1
            }
        }
    }

    /// Scans a name or keyword; `position` is at its first character.
    func scanName() {
        let start = position
        position += decodeScalar(at: position).1
        skipNameCharacters()
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        emit(Keyword(rawValue: text).map(Token.Kind.keyword) ?? .name(text))
    }
}
