/// Turns a `SourceText` into statements, by recursive descent over the scanner's tokens.
///
/// ```
/// program    := (statement? NEWLINE)* statement?
/// statement  := "repeat" expression block
///             | "def" NAME "(" params ")" ("=" expression | "do" block)
///             | NAME "=" expression
///             | NAME "," NAME "=" expression
///             | command                        -- see `startsCommandArgument`
///             | expression
/// block      := NEWLINE (statement? NEWLINE)* "end"
/// expression := sum ;  sum := product (("+"|"-") product)*
/// product    := matmul (("*"|"/") matmul)* ;  matmul := unary ("@" unary)*
/// unary      := "-" unary | power ;  power := postfix ("^" unary)?
/// postfix    := primary ("." NAME | "[" index "]" | "(" arguments ")")*
/// primary    := NUMBER | STRING | "true" | "false" | NAME | "(" expression ")" | "[" list "]"
/// ```
///
/// Errors are thrown as `ParseError`, caught at the statement (so one bad line in a block does
/// not hide the next) and recorded; parsing resumes at the next line. Nothing here recurses
/// more than a bounded number of frames per level of nesting, and nesting is capped at
/// `maxNestingDepth`, so no input can overflow the stack — or build a tree too deep for the
/// interpreter to walk recursively.
public final class Parser {
    /// How deeply brackets, operators, postfixes and blocks may nest: the height limit of
    /// every tree the parser builds. Far above anything a person writes; far below what
    /// overflows a thread's stack (each level costs the parser about a dozen frames).
    public static let maxNestingDepth = 200

    /// How many errors a failed parse reports before it stops looking.
    public static let maxDiagnostics = 20

    /// Parses `source` completely.
    public static func parse(_ source: SourceText) -> ParseOutcome {
        let scanned = TokenScanner.scan(source)
        let parser = Parser(source: source, tokens: scanned.tokens)
        let statements = parser.parseProgram()
        guard let first = parser.errors.first else {
            return .complete(Program(statements: statements, comments: scanned.comments))
        }
        if parser.errors.allSatisfy(\.isAtOpenEnd) {
            return .incomplete(first.diagnostic)
        }
        return .failed(parser.errors.map(\.diagnostic))
    }

    let source: SourceText
    let tokens: [Token]
    /// The index of the next token to read.
    var current = 0
    /// The current nesting depth (see `enterNesting`).
    var depth = 0
    /// The open brackets and block keywords, innermost last.
    var openers: [Token] = []
    /// The errors so far, in the order found.
    var errors: [ParseError] = []

    init(source: SourceText, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    // MARK: Tokens

    /// The next token (the `.endOfInput` token once there).
    var peek: Token { tokens[current] }

    /// The token `distance` ahead of the next one (the end when past it).
    func peek(_ distance: Int) -> Token { tokens[min(current + distance, tokens.count - 1)] }

    /// The token just consumed, if any.
    var previous: Token? { current > 0 ? tokens[current - 1] : nil }

    /// Consumes and returns the next token (staying on `.endOfInput`).
    @discardableResult
    func advance() -> Token {
        let token = tokens[current]
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    /// Whether the next token is `kind`.
    func check(_ kind: Token.Kind) -> Bool { peek.kind == kind }

    /// Consumes the next token if it is `kind`.
    func match(_ kind: Token.Kind) -> Token? { check(kind) ? advance() : nil }

    /// Consumes any line breaks.
    func skipNewlines() {
        while match(.newline) != nil {}
    }

    /// The source text of a range, as a `String`.
    func text(_ range: SourceRange) -> String { String(source.text(in: range)) }
}
