/// An infix operator, from the loosest-binding to the tightest.
///
/// | operator | precedence | associativity |
/// |----------|-----------:|---------------|
/// | `+ -`    | 1          | left          |
/// | `* /`    | 2          | left          |
/// | `@`      | 3          | left          |
/// | unary `-`| 4 (`Expr.unaryMinusPrecedence`) | prefix |
/// | `^`      | 5          | right; its right operand may be a unary minus (`2^-1`) |
///
/// Postfix `.name`, `[index]` and `(call)` bind tighter than all of them.
public enum BinaryOperator: String, Sendable, CaseIterable {
    /// `a + b`
    case add = "+"
    /// `a - b`
    case subtract = "-"
    /// `a * b` (elementwise)
    case multiply = "*"
    /// `a / b` (elementwise)
    case divide = "/"
    /// `a @ b` (matrix product)
    case matrixProduct = "@"
    /// `a ^ b` (elementwise power)
    case power = "^"

    /// How tightly the operator binds: higher binds tighter (see the table above).
    public var precedence: Int {
        switch self {
        case .add, .subtract: 1
        case .multiply, .divide: 2
        case .matrixProduct: 3
        case .power: 5
        }
    }

    /// Whether `a op b op c` groups as `a op (b op c)`; only `^` does.
    public var isRightAssociative: Bool { self == .power }

    /// The operator as written.
    public var symbol: String { rawValue }
}
