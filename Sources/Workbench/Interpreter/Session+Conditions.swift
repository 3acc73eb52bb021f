import Autodiff
import Language

/// Comparisons, `and`, `or`, `not`, and the truth value that `if`, `while` and the logical
/// operators take of a value.
extension Session {
    /// The truth of a condition: a boolean, or a single number (non-zero is true, NaN too, as
    /// in Python). A tensor of several elements has none — which element would decide? — and
    /// the error says to ask `any` or `all`. `construct` names what needed it (`'if'`).
    func truthValue(of value: Value, for construct: String, at range: SourceRange) throws(Diagnostic) -> Bool {
        switch value {
        case .bool(let b):
            return b
        case .integer(let i):
            return i != 0
        case .tensor(let t):
            if let x = t.scalar { return x != 0 }
            throw .error(.ambiguousTruthValue(construct: construct, shape: "[\(ShapeMath.describe(t.shape))]"), at: range,
                         hint: .hintAdvice("any(t) is true when some element is non-zero, all(t) when every one is: if any(x > 0)"))
        default:
            throw .error(.wrongArgumentKind(function: construct, argument: "the condition", expected: "a boolean or a single number",
                                            got: value.kind), at: range)
        }
    }

    /// `a and b`, `a or b`: the right side is evaluated only when the left does not decide.
    func evaluateLogical(_ op: BinaryOperator, lhs: Expr, rhs: Expr) throws(Diagnostic) -> Value {
        let construct = "'\(op.symbol)'"
        let left = try truthValue(of: try evaluate(lhs), for: construct, at: lhs.range)
        if op == .and ? !left : left { return .bool(left) }
        return .bool(try truthValue(of: try evaluate(rhs), for: construct, at: rhs.range))
    }

    /// `a < b` and the other comparisons. Two single numbers (0-d) give a boolean; otherwise a
    /// 0/1 tensor of the broadcast shape. Booleans compare as 1 and 0; strings, with `==` and
    /// `!=`, by their text.
    func evaluateComparison(_ op: BinaryOperator, _ l: Value, _ r: Value, at range: SourceRange) throws(Diagnostic) -> Value {
        guard let comparison = Tensor.Comparison(rawValue: op.symbol) else {
            throw .error(.invalidOperands(op: op.symbol, lhs: l.kind, rhs: r.kind), at: range)
        }
        if case .string(let x) = l, case .string(let y) = r, op == .equal || op == .notEqual {
            return .bool((x == y) == (op == .equal))
        }
        guard let a = Self.comparable(l), let b = Self.comparable(r) else {
            throw .error(.invalidOperands(op: op.symbol, lhs: l.kind, rhs: r.kind), at: range,
                         hint: .hintAdvice("comparisons take numbers, tensors and booleans; == and != also strings"))
        }
        do {
            let result = try Tensor.compare(a, b, comparison)
            if a.rank == 0, b.rank == 0, let x = result.scalar { return .bool(x != 0) }
            return .tensor(result)
        } catch {
            throw Session.diagnostic(error, at: range)
        }
    }

    /// A value as a tensor to compare: numbers and tensors as they are, booleans as 1 and 0.
    private static func comparable(_ value: Value) -> Tensor? {
        if case .bool(let b) = value { return Tensor(b ? 1 : 0) }
        return value.tensor
    }
}
