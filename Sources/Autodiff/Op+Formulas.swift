/// The formulas the teaching commands print, in the session's own names.
///
/// `forward(["w·x", "b"])` is the op written out (`w·x + b`); `localDerivative(of:)` is
/// ∂(output)/∂(input i) for scalars, or for matrices the rule that turns the upstream gradient
/// δ into that input's gradient (`xᵀ · δ`). `explain` gives the general rules for `explain f`.
extension Op {
    /// The forward computation with `inputs` (display names or formulas) substituted.
    public func forward(_ inputs: [String], isScalar: Bool = true) -> String {
        let a = inputs.first ?? "x", b = inputs.count > 1 ? inputs[1] : "y"
        switch self {
        case .param: return a
        case .add: return "\(a) + \(b)"
        case .subtract: return "\(a) − \(parenthesized(b))"
        case .multiply: return isScalar ? "\(factor(a))·\(factor(b))" : "\(factor(a)) ⊙ \(factor(b))"
        case .divide: return "\(factor(a)) / \(factor(b))"
        case .negate: return "−\(factor(a))"
        case .power: return "\(factor(a))^\(factor(b))"
        case .exp: return "exp(\(a))"
        case .log: return "ln(\(a))"
        case .sqrt: return "√(\(a))"
        case .abs: return "|\(a)|"
        case .sin: return "sin(\(a))"
        case .cos: return "cos(\(a))"
        case .tanh: return "tanh(\(a))"
        case .sigmoid: return "σ(\(a))"
        case .relu: return "relu(\(a))"
        case .gelu: return "gelu(\(a))"
        case .leakyRelu(let slope): return "leaky_relu(\(a), \(trim(slope)))"
        case .sum(let axis): return "Σ\(axisNote(axis)) \(factor(a))"
        case .mean(let axis): return "mean\(axisNote(axis))(\(a))"
        case .max(let axis): return "max\(axisNote(axis))(\(a))"
        case .min(let axis): return "min\(axisNote(axis))(\(a))"
        case .norm(let axis): return "‖\(a)‖\(axisNote(axis))"
        case .reshape: return "reshape(\(a))"
        case .transpose: return "\(factor(a))ᵀ"
        case .slice: return "\(factor(a))[…]"
        case .concat: return "concat(\(inputs.joined(separator: ", ")))"
        case .broadcast: return "broadcast(\(a))"
        case .matmul: return "\(factor(a)) · \(factor(b))"
        case .conv2d: return inputs.count > 2 ? "\(factor(a)) ⋆ \(factor(b)) + \(inputs[2])" : "\(factor(a)) ⋆ \(factor(b))"
        case .maxpool2d(let size, _): return "maxpool\(size)×\(size)(\(a))"
        case .avgpool2d(let size, _): return "avgpool\(size)×\(size)(\(a))"
        case .softmax: return "softmax(\(a))"
        case .logSoftmax: return "log_softmax(\(a))"
        case .mse: return "mean((\(a) − \(b))²)"
        case .mae: return "mean(|\(a) − \(b)|)"
        case .bce: return "bce(\(a), \(b))"
        case .bceLogits: return "bce(σ(\(a)), \(b))"
        case .crossEntropy: return "cross_entropy(\(a), \(b))"
        case .categoricalCrossEntropy: return "categorical_cross_entropy(\(a), \(b))"
        case .dropout: return "dropout(\(a))"
        }
    }

    /// ∂(this op's output)/∂(input `index`), written with the inputs' names. For matrix
    /// products it is the rule for the input's gradient given the upstream gradient δ.
    public func localDerivative(of index: Int, _ inputs: [String], output: String, isScalar: Bool = true) -> String {
        let a = inputs.first ?? "x", b = inputs.count > 1 ? inputs[1] : "y"
        let first = index == 0
        switch self {
        case .param: return "1"
        case .add: return "1"
        case .subtract: return first ? "1" : "−1"
        case .multiply: return first ? b : a
        case .divide: return first ? "1/\(factor(b))" : "−\(factor(a))/\(factor(b))²"
        case .negate: return "−1"
        case .power: return first ? "\(factor(b))·\(factor(a))^(\(b) − 1)" : "\(factor(a))^\(factor(b))·ln(\(a))"
        case .exp: return "exp(\(a))"
        case .log: return "1/\(factor(a))"
        case .sqrt: return "1/(2√(\(a)))"
        case .abs: return "sign(\(a))"
        case .sin: return "cos(\(a))"
        case .cos: return "−sin(\(a))"
        case .tanh: return "1 − tanh²(\(a))"
        case .sigmoid: return "σ(\(a))(1 − σ(\(a)))"
        case .relu: return "relu′(\(a))"
        case .gelu: return "Φ(\(a)) + \(factor(a))·φ(\(a))"
        case .leakyRelu(let slope): return "1 if \(a) > 0 else \(trim(slope))"
        case .sum: return "1"
        case .mean: return "1/n"
        case .max: return "1 at the max of \(a), else 0"
        case .min: return "1 at the min of \(a), else 0"
        case .norm: return "\(factor(a))/‖\(a)‖"
        case .reshape: return "reshape⁻¹"
        case .transpose: return "transpose back"
        case .slice: return "1 on the selected entries, else 0"
        case .concat: return "the slab of δ for input \(index + 1)"
        case .broadcast: return "Σ over the broadcast axes"
        case .matmul: return first ? "δ · \(factor(b))ᵀ" : "\(factor(a))ᵀ · δ"
        case .conv2d:
            switch index {
            case 0: return "δ ⋆ᵀ \(factor(b))  (transposed convolution)"
            case 1: return "Σ over positions of δ ⊗ patch of \(factor(a))"
            default: return "Σ of δ over n, h′, w′"
            }
        case .maxpool2d: return "δ at each window's (first) max of \(a), 0 elsewhere"
        case .avgpool2d(let size, _): return "δ/\(size * size) to every element of its window"
        case .softmax: return "diag(s) − s·sᵀ, s = softmax(\(a))"
        case .logSoftmax: return "I − softmax(\(a))"
        case .mse: return first ? "2(\(a) − \(b))/n" : "−2(\(a) − \(b))/n"
        case .mae: return "sign(\(a) − \(b))/n"
        case .bce: return "(\(a) − \(b)) / (\(a)(1 − \(a))·n)"
        case .bceLogits: return "(σ(\(a)) − \(b))/n"
        case .crossEntropy: return "(softmax(\(a)) − onehot(\(b)))/n"
        case .categoricalCrossEntropy: return "−\(b)/(\(a)·n)"
        case .dropout(let rate): return "mask/\(trim(1 - rate))"
        }
    }

    private func axisNote(_ axis: Int?) -> String { axis.map { "[axis \($0)]" } ?? "" }

    private func trim(_ x: Float) -> String {
        x == x.rounded() && Swift.abs(x) < 1e6 ? String(Int(x)) : "\(x)"
    }
}

/// Wraps a compound formula in parentheses where juxtaposition would misread it.
func factor(_ s: String) -> String {
    let isAtomic = !s.contains { " +−-·⊙/^".contains($0) } || (s.hasPrefix("(") && s.hasSuffix(")") && balancedOuter(s))
    return isAtomic ? s : "(\(s))"
}

func parenthesized(_ s: String) -> String {
    s.contains(" + ") || s.contains(" − ") ? "(\(s))" : s
}

private func balancedOuter(_ s: String) -> Bool {
    var depth = 0
    for (i, c) in s.enumerated() {
        if c == "(" { depth += 1 }
        if c == ")" { depth -= 1 }
        if depth == 0 && i < s.count - 1 { return false }
    }
    return true
}
