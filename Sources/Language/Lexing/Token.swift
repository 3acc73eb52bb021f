/// One lexical unit of source: what it is, where it is, and whether whitespace precedes it.
///
/// The scanner turns a `SourceText` into tokens; the parser reads nothing else. Comments never
/// become tokens (the scanner collects them separately), and line breaks inside an open `(` or
/// `[` are dropped, so a `.newline` token always ends a statement.
public struct Token: Sendable, Equatable {
    /// The kinds of token, with the value a literal or name carries.
    public enum Kind: Sendable, Equatable {
        /// A number literal (`2`, `0.5`, `1e-3`), already converted.
        case number(NumberLiteral)
        /// A string literal, with its escapes already resolved.
        case string(String)
        /// A name: a variable, a function, a command, an option key or a member.
        case name(String)
        /// A reserved word.
        case keyword(Keyword)
        /// `+`
        case plus
        /// `-`
        case minus
        /// `*`
        case star
        /// `/`
        case slash
        /// `@` (matrix product)
        case at
        /// `^` (power)
        case caret
        /// `=`
        case equal
        /// `,`
        case comma
        /// `.`
        case dot
        /// `:`
        case colon
        /// `(`
        case leftParen
        /// `)`
        case rightParen
        /// `[`
        case leftBracket
        /// `]`
        case rightBracket
        /// A line break that ends a statement (never inside `(` or `[`).
        case newline
        /// The end of the source; always the last token.
        case endOfInput
        /// Text the scanner could not read, and the diagnostic that says why.
        indirect case invalid(Diagnostic)
    }

    /// What the token is.
    public var kind: Kind
    /// Where the token is.
    public var range: SourceRange
    /// Whether whitespace (or a line break dropped inside brackets) comes right before it.
    ///
    /// Command form needs this: `show [1, 2]` passes a list, `x[1]` indexes.
    public var hasLeadingSpace: Bool

    /// Creates a token.
    public init(kind: Kind, range: SourceRange, hasLeadingSpace: Bool) {
        self.kind = kind
        self.range = range
        self.hasLeadingSpace = hasLeadingSpace
    }
}

extension Token.Kind {
    /// The fixed spelling of an operator, punctuation mark or keyword (`"+"`, `"repeat"`);
    /// nil for literals, names, line breaks, the end and invalid text.
    public var spelling: String? {
        switch self {
        case .keyword(let keyword): keyword.rawValue
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .at: "@"
        case .caret: "^"
        case .equal: "="
        case .comma: ","
        case .dot: "."
        case .colon: ":"
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .number, .string, .name, .newline, .endOfInput, .invalid: nil
        }
    }

    /// Whether this token ends a statement: a line break or the end of the input.
    public var isStatementEnd: Bool { self == .newline || self == .endOfInput }
}

/// A reserved word: it cannot be used as a name.
public enum Keyword: String, Sendable, CaseIterable {
    /// `repeat N` … `end`
    case `repeat`
    /// `def f(a) = expr`, `def f(a) do` … `end`
    case def
    /// Opens the body of a multi-line `def`.
    case `do`
    /// Closes a `repeat` or `def … do` block.
    case end
    /// The boolean literal true.
    case `true`
    /// The boolean literal false.
    case `false`
}
