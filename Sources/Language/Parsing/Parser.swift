/// Turns a `SourceText` into statements, by recursive descent over the scanner's tokens.
///
/// The grammar (expressions are read with an explicit operator stack, in
/// `parseOperators`, but they follow these rules):
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
/// not hide the next) and recorded; parsing resumes at the next line, or, when a block's
/// header is wrong, after its `end`. A top-level statement with any error is a failure of its
/// own (`ScriptParse`): the statements around it still parse and run. Only brackets and blocks
/// recurse — operator chains, unary minus and postfixes are loops — each at a bounded number
/// of frames per level, and nesting is capped at `maxNestingDepth`: no input can overflow the
/// stack, or build a tree too deep for the interpreter to walk recursively.
///
/// A REPL, `gradbook run` and `gradbook check` share one path: feed the lines of a cell (or
/// of a file, one at a time, into a growing piece) to `parse` until it is not `.incomplete`,
/// then run the `.complete` program or report the `.failed` diagnostics. Give the piece's
/// `SourceText` the file's name and the piece's `firstLine`, and every location reads as a
/// position in the file.
public final class Parser {
    /// How deeply brackets, operators, postfixes and blocks may nest: the height limit of
    /// every tree the parser builds (Python's parser stops at the same depth of brackets).
    ///
    /// Each operator counts as a level until the expression it is in ends, since a chain of
    /// them makes the tree that much taller: an expression of more than 200 operators is
    /// refused too (`1+1+…` is a tree 200 deep). At the limit the parser needs about 1 MB of stack in a
    /// debug build, less in release, well inside the 8 MB Linux gives a thread.
    public static let maxNestingDepth = 200

    /// How many errors one top-level statement reports before the parser stops looking in
    /// it (a block of garbage lines says enough with this many). Each failed statement of a
    /// script is reported, however many there are.
    public static let maxDiagnostics = 20

    /// Parses `source` completely.
    public static func parse(_ source: SourceText) -> ParseOutcome {
        let script = parseScript(source)
        if let incomplete = script.incomplete { return .incomplete(incomplete) }
        let failures = script.failures
        if failures.isEmpty {
            return .complete(Program(statements: script.statements, comments: script.comments))
        }
        return .failed(failures.flatMap(\.diagnostics))
    }

    /// Parses `source` statement by statement, keeping the statements that parse beside
    /// the ones that fail (see `ScriptParse`).
    public static func parseScript(_ source: SourceText) -> ScriptParse {
        let scanned = TokenScanner.scan(source)
        let parser = Parser(source: source, tokens: scanned.tokens)
        let items = parser.parseProgram()
        var script = ScriptParse(items: items, comments: scanned.comments)
        if let first = parser.errors.first, parser.errors.allSatisfy(\.isAtOpenEnd) {
            script.incomplete = first.diagnostic
        }
        return script
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
    /// How many errors there were when the current top-level statement began (the limit of
    /// `maxDiagnostics` counts from here).
    var statementErrorBase = 0
    /// How many block bodies have been entered: a statement that fails before entering its
    /// own body still has to skip that body (see `parseStatementLine`).
    var bodiesEntered = 0

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
