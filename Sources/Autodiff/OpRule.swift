/// What gradbook knows about one op besides its pullback: the name people type, the formulas
/// the teaching commands print, and the forward computation again for graph replay.
///
/// Each op's rule lives in the file that computes the op and its pullback (`Tensor+Math.swift`
/// for the elementwise functions, `Losses.swift` for the losses, …), so an op is read, and
/// added, in one place; `Op.rule` maps a recorded op to its rule. Adding an op is described in
/// `docs/extending.md`.
protocol OpRule {
    /// The name people type for this op in gradbook's language (`leaky_relu`).
    var name: String { get }
    /// The forward computation with the inputs' display names substituted (`w·x + b`).
    func formula(_ x: OpOperands) -> String
    /// ∂(output)/∂(input `index`) written with the inputs' names; for matrix products, the
    /// rule that turns the upstream gradient δ into that input's gradient (`xᵀ · δ`).
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String
    /// The forward computation on the values given, recorded as usual (a replayed param is
    /// differentiated through). `outputShape` is the shape the node produced.
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor
}

/// The display names (or formulas) of an op's inputs, for its formulas.
struct OpOperands {
    let names: [String]
    /// True when the op's output is a scalar: products are then written `a·b`, not `a ⊙ b`.
    let isScalar: Bool

    var a: String { names.first ?? "x" }
    var b: String { names.count > 1 ? names[1] : "y" }
}

/// The values an op consumed, for replay. A recorded node always has its inputs; a missing
/// second operand reads as 0 rather than trapping.
struct OpValues {
    let all: [Tensor]

    var a: Tensor { all.first ?? Tensor(0) }
    var b: Tensor { all.count > 1 ? all[1] : Tensor(0) }
    /// The third operand (β of the normalizations), 0 when there is none.
    var c: Tensor { all.count > 2 ? all[2] : Tensor(0) }
}

/// A trainable leaf: nothing is computed, so its formula is its own name.
struct ParamRule: OpRule {
    var name: String { "param" }
    func formula(_ x: OpOperands) -> String { x.a }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { x.a }
}

// MARK: Formula helpers

/// Wraps a compound formula in parentheses where juxtaposition would misread it.
func factor(_ s: String) -> String {
    let isAtomic = !s.contains { " +−-·⊙/^".contains($0) } || (s.hasPrefix("(") && s.hasSuffix(")") && balancedOuter(s))
    return isAtomic ? s : "(\(s))"
}

func parenthesized(_ s: String) -> String {
    s.contains(" + ") || s.contains(" − ") ? "(\(s))" : s
}

/// `[axis 1]` after a reduction's symbol, nothing for a reduction over everything.
func axisNote(_ axis: Int?) -> String { axis.map { "[axis \($0)]" } ?? "" }

/// A number as a formula shows it: `1`, not `1.0`.
func trimmed(_ x: Float) -> String {
    x == x.rounded() && Swift.abs(x) < 1e6 ? String(Int(x)) : "\(x)"
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
