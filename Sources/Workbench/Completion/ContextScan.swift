import Language

/// Scans the text before the cursor into the tokens of the statement the cursor is in, then
/// decides what kind of word belongs at the cursor (see `CompletionContext`).
struct ContextScan {
    private let s: [Unicode.Scalar]
    private var i = 0
    /// The tokens of the current statement (a line break outside brackets starts a new one).
    private(set) var tokens: [ContextToken] = []
    /// Indices in `tokens` of the `(` and `[` still open.
    private var open: [Int] = []
    private var spaced = false

    init(_ scalars: [Unicode.Scalar]) {
        s = scalars
    }

    /// Reads the tokens; returns a context at once when the cursor is inside a comment or a
    /// string, where tokens do not matter.
    mutating func run() -> CompletionContext? {
        while i < s.count {
            let c = s[i]
            switch c {
            case "#":
                guard let lineEnd = s[i...].firstIndex(of: "\n") else {
                    return CompletionContext(position: .nothing, word: "", wordStart: s.count)
                }
                i = lineEnd
            case "\"":
                if let inside = scanString() { return inside }
            case "\n":
                if open.isEmpty { tokens = [] }
                spaced = true
                i += 1
            case " ", "\t", "\r":
                spaced = true
                i += 1
            case _ where NameCharacters.isStart(c):
                let start = i
                while i < s.count, NameCharacters.isContinue(s[i]) { i += 1 }
                append(.name(String(String.UnicodeScalarView(s[start..<i]))), from: start)
            case "0"..."9":
                let start = i
                scanNumber()
                append(.number(String(String.UnicodeScalarView(s[start..<i]))), from: start)
            default:
                i += 1
                append(.punctuation(c), from: i - 1)
                if c == "(" || c == "[" { open.append(tokens.count - 1) }
                if (c == ")" || c == "]"), !open.isEmpty { open.removeLast() }
            }
        }
        return nil
    }

    /// Skips a string literal; if it is still open at the cursor, the path context inside it.
    private mutating func scanString() -> CompletionContext? {
        let start = i
        i += 1
        var raw: [Unicode.Scalar] = []
        while i < s.count {
            switch s[i] {
            case "\\" where i + 1 < s.count:
                raw += [s[i], s[i + 1]]
                i += 2
            case "\"":
                i += 1
                append(.string, from: start)
                return nil
            case "\n":
                append(.string, from: start)   // an unterminated string ends at the line
                return nil
            default:
                raw.append(s[i])
                i += 1
            }
        }
        let slash = raw.lastIndex(of: "/").map { $0 + 1 } ?? 0
        return CompletionContext(position: .path(folder: Self.unescape(raw[..<slash])),
                                 word: Self.unescape(raw[slash...]), wordStart: start + 1 + slash)
    }

    private mutating func scanNumber() {
        while i < s.count {
            let c = s[i]
            if ("0"..."9").contains(c) || c == "." || c == "e" || c == "E" {
                i += 1
            } else if (c == "-" || c == "+"), s[i - 1] == "e" || s[i - 1] == "E" {
                i += 1
            } else {
                return
            }
        }
    }

    private mutating func append(_ kind: ContextToken.Kind, from start: Int) {
        tokens.append(ContextToken(kind: kind, start: start, end: i, spaced: spaced, depth: open.count))
        spaced = false
    }

    /// The string escapes `\"`, `\\` and `\n` resolved.
    private static func unescape(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var escaped = false
        for c in raw {
            if escaped {
                out.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    // MARK: Deciding

    /// What belongs at the cursor, from the tokens before it.
    func context() -> CompletionContext {
        var before = tokens
        var word = "", wordStart = s.count, wordSpaced = spaced
        if let last = before.last, last.end == s.count {
            switch last.kind {
            case .name(let n):
                word = n
                wordStart = last.start
                wordSpaced = last.spaced
                before.removeLast()
            // Right after a literal or a closing bracket, no word can start.
            case .number, .string, .punctuation(")"), .punctuation("]"):
                return CompletionContext(position: .nothing, word: "", wordStart: s.count)
            default: break
            }
        }
        let position = Self.position(before: before, open: open.filter { $0 < before.count }, wordSpaced: wordSpaced)
        return CompletionContext(position: position, word: word, wordStart: wordStart)
    }

    private static func position(before t: [ContextToken], open: [Int], wordSpaced: Bool) -> CompletionContext.Position {
        guard let prior = t.last else { return .statementStart }
        if prior.isPunctuation("."), !wordSpaced {
            return memberBase(t.dropLast()).map { .member($0) } ?? .nothing
        }
        if let opener = open.last {
            // Inside `callee(…`: an option may start right after `(` or `,`.
            let paren = t[opener]
            guard paren.isPunctuation("("), !paren.spaced, opener > 0, let callee = t[opener - 1].name,
                  prior.isPunctuation("(") || prior.isPunctuation(",") else { return .name }
            return .argument(callee: callee, given: optionsGiven(t[(opener + 1)...], depth: paren.depth + 1))
        }
        // Command form: a name first, then something that starts an argument (docs/language.md, "Command form").
        guard let callee = t[0].name else { return .name }
        let isCommand = t.count == 1 ? wordSpaced : startsArgument(t[1])
        guard isCommand, wordSpaced || t.count == 1 else { return .name }
        switch prior.kind {
        case .name, .number, .string, .punctuation(")"), .punctuation("]"):
            return .argument(callee: callee, given: optionsGiven(t[1...], depth: 0))
        default:
            return .name
        }
    }

    /// `name.` or `name[i].` (and `name[-i].`), with nothing before the name that makes it a
    /// member or a call result.
    private static func memberBase(_ t: ArraySlice<ContextToken>) -> MemberBase? {
        let tokens = Array(t)
        guard let last = tokens.last else { return nil }
        func plainName(at k: Int) -> String? {
            guard k >= 0, let n = tokens[k].name else { return nil }
            if k > 0, tokens[k - 1].isPunctuation("."), !tokens[k].spaced { return nil }
            return n
        }
        if last.name != nil { return plainName(at: tokens.count - 1).map { .name($0) } }
        guard last.isPunctuation("]"), tokens.count >= 4 else { return nil }
        var k = tokens.count - 2
        guard case .number(let digits) = tokens[k].kind, var index = Int(digits) else { return nil }
        k -= 1
        if tokens[k].isPunctuation("-") {
            index = -index
            k -= 1
        }
        guard k >= 1, tokens[k].isPunctuation("["), !tokens[k].spaced, let name = plainName(at: k - 1) else { return nil }
        return .element(name, index)
    }

    /// The parser's rule for the token after a command's name (see `Parser.startsCommandArgument`).
    private static func startsArgument(_ token: ContextToken) -> Bool {
        switch token.kind {
        case .name, .number, .string: true
        case .punctuation("("), .punctuation("["): token.spaced
        case .punctuation: false
        }
    }

    /// Names written as `name=` at `depth`.
    private static func optionsGiven(_ t: ArraySlice<ContextToken>, depth: Int) -> Set<String> {
        var given: Set<String> = []
        for k in t.indices.dropLast() where t[k].depth == depth {
            if let n = t[k].name, t[k + 1].isPunctuation("=") { given.insert(n) }
        }
        return given
    }
}
