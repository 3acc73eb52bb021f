/// An infix operator, from the loosest-binding to the tightest.
///
/// | operator | precedence | associativity |
/// |----------|-----------:|---------------|
/// | `or`     | 1          | left; short-circuit |
/// | `and`    | 2          | left; short-circuit |
/// | `not`    | 3 (`Expr.notPrecedence`) | prefix |
/// | `< <= > >= == !=` | 4 | do not chain: `a < b < c` is an error |
/// | `+ -`    | 5          | left          |
/// | `* /`    | 6          | left          |
/// | `@`      | 7          | left          |
/// | unary `-`| 8 (`Expr.unaryMinusPrecedence`) | prefix |
/// | `^`      | 9          | right; its right operand may be a unary minus (`2^-1`) |
///
/// Postfix `.name`, `[index]` and `(call)` bind tighter than all of them.
public enum BinaryOperator: String, Sendable, CaseIterable {
    /// `a or b`: true when a is, else the truth of b (b is not evaluated when a is true).
    case or = "or"
    /// `a and b`: false when a is, else the truth of b (b is not evaluated when a is false).
    case and = "and"
    /// `a == b` (elementwise)
    case equal = "=="
    /// `a != b` (elementwise)
    case notEqual = "!="
    /// `a < b` (elementwise)
    case less = "<"
    /// `a <= b` (elementwise)
    case lessEqual = "<="
    /// `a > b` (elementwise)
    case greater = ">"
    /// `a >= b` (elementwise)
    case greaterEqual = ">="
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
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: 4
        case .add, .subtract: 5
        case .multiply, .divide: 6
        case .matrixProduct: 7
        case .power: 9
        }
    }

    /// Whether this is one of the six comparisons.
    public var isComparison: Bool { precedence == 4 }

    /// Whether `a op b op c` groups as `a op (b op c)`; only `^` does.
    public var isRightAssociative: Bool { self == .power }

    /// The operator as written.
    public var symbol: String { rawValue }
}
