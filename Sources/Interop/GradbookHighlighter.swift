import Language

/// Splits gradbook source into coloured tokens for display (the HTML notebook).
///
/// A display tokenizer, not the language's scanner: it never fails (an unterminated string
/// runs to the end of its line; an unknown character is plain text) and it keeps every
/// character, so joining the tokens' text gives back the source exactly.
public struct GradbookHighlighter: Sendable {
    public enum Kind: String, Sendable {
        case keyword, builtin, name, option, number, string, comment, `operator`, punctuation, plain
    }

    public struct Token: Sendable, Equatable {
        public let kind: Kind
        public let text: String
    }

    /// The language's keywords (the scanner's reserved words).
    public static let keywords: Set<String> = Set(Keyword.allCases.map(\.rawValue))

    /// Names drawn as built-ins (`fit`, `dense`, `relu`, …), from the interpreter's table.
    public let builtins: Set<String>

    public init(builtins: Set<String>) {
        self.builtins = builtins
    }

    public func tokens(_ source: String) -> [Token] {
        let s = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func text(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(s[a..<b])) }
        while i < s.count {
            let c = s[i], start = i
            if c == "#" {
                while i < s.count, s[i] != "\n" { i += 1 }
                tokens.append(Token(kind: .comment, text: text(start, i)))
            } else if c == "\"" {
                i += 1
                while i < s.count, s[i] != "\"", s[i] != "\n" { i += s[i] == "\\" && i + 1 < s.count && s[i + 1] != "\n" ? 2 : 1 }
                if i < s.count, s[i] == "\"" { i += 1 }
                tokens.append(Token(kind: .string, text: text(start, i)))
            } else if c.properties.numericType == .decimal, c.isASCII {
                i = GradbookHighlighter.numberEnd(s, from: i)
                tokens.append(Token(kind: .number, text: text(start, i)))
            } else if c.properties.isAlphabetic || c == "_" {
                while i < s.count, s[i].properties.isAlphabetic || s[i] == "_" || (s[i].isASCII && s[i].properties.numericType == .decimal) { i += 1 }
                let word = text(start, i)
                let isOption = i < s.count && s[i] == "=" && !(i + 1 < s.count && s[i + 1] == "=")
                let kind: Kind = GradbookHighlighter.keywords.contains(word) ? .keyword
                    : isOption ? .option : builtins.contains(word) ? .builtin : .name
                tokens.append(Token(kind: kind, text: word))
            } else {
                i += 1
                let kind: Kind = "+-*/@^=<>!".unicodeScalars.contains(c) ? .operator
                    : "()[],.:".unicodeScalars.contains(c) ? .punctuation : .plain
                // Runs of plain text (spaces) stay one token.
                if kind == .plain, let last = tokens.last, last.kind == .plain {
                    tokens[tokens.count - 1] = Token(kind: .plain, text: last.text + String(c))
                } else {
                    tokens.append(Token(kind: kind, text: String(c)))
                }
            }
        }
        return tokens
    }

    /// The end of a number literal starting at `i`: digits, a fraction, an exponent.
    private static func numberEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        func isDigit(_ k: Int) -> Bool { k < s.count && s[k].isASCII && s[k].properties.numericType == .decimal }
        var i = start
        while isDigit(i) { i += 1 }
        if i < s.count, s[i] == ".", isDigit(i + 1) {
            i += 1
            while isDigit(i) { i += 1 }
        }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            if j < s.count, s[j] == "+" || s[j] == "-" { j += 1 }
            if isDigit(j) {
                i = j
                while isDigit(i) { i += 1 }
            }
        }
        return i
    }
}
