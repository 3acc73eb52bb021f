/// A statement: one line of the language, or a block of them.
///
/// Every statement carries the range of its exact source text (from its first token to its
/// last, comments and the line break excluded), so the interpreter can echo or save a cell as
/// it was typed and report which lines it spans (`range.lines`).
public struct Statement: Sendable, Equatable {
    /// The kinds of statement.
    public indirect enum Kind: Sendable, Equatable {
        /// `name = expr`, or `a, b = expr` (exactly two targets: destructuring, where the value
        /// must yield two values, as `split` does).
        case assign(targets: [Name], value: Expr)
        /// An expression alone, whose value is the cell's output. Command form
        /// (`fit model train epochs=10`) lands here as a `.call` with `commandForm == true`;
        /// a lone name (`quit`, `vars`, `L`) is a `.name` — whether that is a zero-argument
        /// command is the interpreter's decision.
        case expression(Expr)
        /// `repeat N` newline … `end`: runs the body `count` times.
        case `repeat`(count: Expr, body: [Statement])
        /// `for i in N` … `end` (i = 0, 1, …, N−1) or `for x in t` … `end` (each element of a
        /// 1-D tensor, each item of a list): which one is the interpreter's decision.
        case `for`(variable: Name, sequence: Expr, body: [Statement])
        /// `while cond` … `end`: runs the body while `cond` is true.
        case `while`(condition: Expr, body: [Statement])
        /// `if cond` … `else if cond` … `else` … `end`: the first branch whose condition is
        /// true runs, else `otherwise` (nil when there is no `else`).
        case `if`(branches: [ConditionalBranch], otherwise: [Statement]?)
        /// `break`: leaves the innermost loop (the parser checks there is one).
        case `break`
        /// `def f(a, b) = expr`, or `def f(a) do` newline … `end`.
        case def(name: Name, params: [Name], body: FunctionBody)
    }

    /// What the statement is.
    public var kind: Kind
    /// Where the statement is: for a block, from its keyword through `end`.
    public var range: SourceRange

    /// Creates a statement node.
    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The body of a function definition.
public enum FunctionBody: Sendable, Equatable {
    /// `def f(a) = expr`: the function's value is `expr`.
    case expression(Expr)
    /// `def f(a) do` … `end`: the function's value is the value of the last statement, which
    /// the parser guarantees exists.
    case block([Statement])
}

/// One `if cond` or `else if cond` of an `if` statement, with the lines it runs.
public struct ConditionalBranch: Sendable, Equatable {
    /// The condition: a boolean, or a single number (non-zero is true).
    public var condition: Expr
    /// The statements run when the condition is true.
    public var body: [Statement]

    /// Creates a branch.
    public init(condition: Expr, body: [Statement]) {
        self.condition = condition
        self.body = body
    }
}
