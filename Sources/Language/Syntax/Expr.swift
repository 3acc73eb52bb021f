/// An expression: a node of the syntax tree that yields a value.
///
/// Every node is a `kind` and the `range` of source it was parsed from. The tree is pure
/// data — no evaluation, no types — and the interpreter walks it with a `switch`:
///
/// ```swift
/// switch expr.kind {
/// case .number(let value): …
/// case .binary(let op, let lhs, let rhs): …
/// case .call(let call): …   // call.callee, call.arguments, call.options
/// …
/// }
/// ```
///
/// Parentheses leave no node of their own: `(a + b)` parses to the `.binary` node for
/// `a + b`, with its range widened to cover the parentheses. So a node's range always covers
/// all of its text, and the tree needs no "grouping" case. A tree is never deeper than
/// `Parser.maxNestingDepth` levels, so recursive walks are safe.
public struct Expr: Sendable, Equatable {
    /// The kinds of expression.
    public indirect enum Kind: Sendable, Equatable {
        /// A number literal: `2`, `0.5`, `1e-3`.
        case number(NumberLiteral)
        /// A string literal, escapes resolved: `"f.grad"`.
        case string(String)
        /// `true` or `false`.
        case bool(Bool)
        /// A name being read: a variable, a function, a built-in, or a bare flag such as
        /// `quiet` (the interpreter, not the parser, decides which).
        case name(String)
        /// A bracketed literal `[a, b, [c, d]]`. Whether it is a tensor (all numbers, equal
        /// shapes) or a list is the interpreter's decision.
        case list([Expr])
        /// Unary minus: `-x`.
        case negate(Expr)
        /// An infix operation: `lhs op rhs`.
        case binary(BinaryOperator, lhs: Expr, rhs: Expr)
        /// A call, written `f(a, k=v)` or in command form `f a k=v`.
        case call(Call)
        /// Indexing: `x[0]`, `x[1, 2]`, `x[:, 0]`, `x[2:5]`, `x[-1]`.
        case index(base: Expr, components: [IndexComponent])
        /// Member access: `t.T`, `model[0].W`, `model.history`.
        case member(base: Expr, name: Name)
    }

    /// What the expression is.
    public var kind: Kind
    /// Where the expression is, parentheses around it included.
    public var range: SourceRange

    /// Creates an expression node.
    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The precedence of unary minus: between `@` (3) and `^` (5); see `BinaryOperator`.
    public static let unaryMinusPrecedence = 4
}
