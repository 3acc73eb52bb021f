/// Elementwise comparisons with NumPy broadcasting, as NumPy's boolean arrays used as
/// numbers: 1 where the comparison holds, 0 where it does not (NaN compares unequal to
/// everything, itself included, as in IEEE 754).
///
/// A comparison is a step function: its derivative is 0 wherever it exists, so no gradient
/// could flow through it. It records no graph node — its result is a constant, as `detach`
/// gives — and `mean(p == y)` of a param's output is a number, not a differentiable value.
extension Tensor {
    /// The six comparisons.
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessEqual = "<="
        case greater = ">"
        case greaterEqual = ">="
    }

    /// `a op b` elementwise, broadcast: a float32 tensor of 0s and 1s, with no graph node.
    public static func compare(_ a: Tensor, _ b: Tensor, _ comparison: Comparison) throws(TensorError) -> Tensor {
        let op = "comparison '\(comparison.rawValue)'"
        return switch comparison {
        case .equal: try broadcastZip(a, b, op: op) { $0 == $1 ? 1 : 0 }
        case .notEqual: try broadcastZip(a, b, op: op) { $0 != $1 ? 1 : 0 }
        case .less: try broadcastZip(a, b, op: op) { $0 < $1 ? 1 : 0 }
        case .lessEqual: try broadcastZip(a, b, op: op) { $0 <= $1 ? 1 : 0 }
        case .greater: try broadcastZip(a, b, op: op) { $0 > $1 ? 1 : 0 }
        case .greaterEqual: try broadcastZip(a, b, op: op) { $0 >= $1 ? 1 : 0 }
        }
    }

    /// Whether any element is non-zero (NumPy's `any`; false for no elements). NaN is non-zero.
    public var anyNonZero: Bool {
        let p = storage.base
        for i in 0..<count where p[i] != 0 { return true }
        return false
    }

    /// Whether every element is non-zero (NumPy's `all`; true for no elements).
    public var allNonZero: Bool {
        let p = storage.base
        for i in 0..<count where p[i] == 0 { return false }
        return true
    }
}
