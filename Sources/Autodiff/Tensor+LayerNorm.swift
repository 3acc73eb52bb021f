/// Layer normalization (Ba, Kiros & Hinton, 2016) over the last axis, one fused op.
///
/// Fused for the same reason as batch normalization: the closed-form backward is one pass,
/// and it is the form `explain layernorm` writes out.
extension Tensor {
    /// Normalizes each row (the last axis, d values) on its own, then scales and shifts it:
    ///
    ///     μ = (1/d) Σ x,  σ² = (1/d) Σ (x − μ)²,  x̂ = (x − μ) / √(σ² + ε),  y = γ ⊙ x̂ + β
    ///
    /// with the backward, δ = ∂L/∂y, ĝ = γ ⊙ δ and sums over the row (or, for γ and β, over
    /// every row):
    ///
    ///     ∂L/∂β = Σ_rows δ,  ∂L/∂γ = Σ_rows δ ⊙ x̂,  ∂L/∂x = 1 / (d·√(σ² + ε)) · (d·ĝ − Σ ĝ − x̂·Σ ĝ·x̂)
    ///
    /// Shapes: x `[…, d]` of any rank ≥ 1; γ and β `[d]`. A row of one value gives x̂ = 0.
    public static func layerNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Float) throws(TensorError) -> Tensor {
        guard x.rank >= 1 else {
            throw .rankMismatch(op: "layernorm", expected: "x with at least one axis ([n, features])", shape: x.shape)
        }
        let d = x.shape[x.rank - 1]
        try checkScaleAndShift(gamma, beta, size: d, op: "layernorm", what: "features")
        try checkEpsilon(eps, op: "layernorm")
        let rows = d == 0 ? 0 : x.count / d
        let xhat = Tensor(uninitializedShape: x.shape), y = Tensor(uninitializedShape: x.shape)
        var inverseStd = [Float](repeating: 0, count: rows)
        let xv = x.storage.base, g = gamma.storage.base, b = beta.storage.base
        for r in 0..<rows {
            let start = r * d
            var total = 0.0
            for j in 0..<d { total += Double(xv[start + j]) }
            let mean = total / Double(d)
            var squares = 0.0
            for j in 0..<d { let e = Double(xv[start + j]) - mean; squares += e * e }
            let inv = 1 / (squares / Double(d) + Double(eps)).squareRoot()
            for j in 0..<d {
                let h = Float((Double(xv[start + j]) - mean) * inv)
                xhat.storage.base[start + j] = h
                y.storage.base[start + j] = g[j] * h + b[j]
            }
            inverseStd[r] = Float(inv)
        }
        guard x.requiresGrad || gamma.requiresGrad || beta.requiresGrad else { return y }
        return Tensor.record(.layerNorm(eps: eps), inputs: [x, gamma, beta], output: y) { delta, node in
            let dl = delta.storage.base, h = xhat.storage.base, gv = node.inputElements(1)
            let dx = Tensor(uninitializedShape: xhat.shape)
            var dGamma = [Double](repeating: 0, count: d), dBeta = dGamma
            for r in 0..<rows {
                let start = r * d
                var sum = 0.0, dot = 0.0
                for j in 0..<d {
                    let i = start + j
                    let scaled = Double(gv[j]) * Double(dl[i])  // ĝ = γ ⊙ δ
                    sum += scaled
                    dot += scaled * Double(h[i])
                    dBeta[j] += Double(dl[i])
                    dGamma[j] += Double(dl[i]) * Double(h[i])
                }
                let scale = Double(inverseStd[r]) / Double(d)
                for j in 0..<d {
                    let i = start + j
                    dx.storage.base[i] = Float(scale * (Double(d) * Double(gv[j]) * Double(dl[i]) - sum - Double(h[i]) * dot))
                }
            }
            return Contributions([dx, Tensor(dGamma.map { Float($0) }), Tensor(dBeta.map { Float($0) })])
        }
    }
}

/// layernorm's formulas and replay.
struct LayerNormRule: OpRule {
    let eps: Float
    var name: String { "layernorm" }
    func formula(_ x: OpOperands) -> String { "layernorm(\(x.names.joined(separator: ", ")))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String {
        switch index {
        case 0: "1/(d·σ)·(d·ĝ − Σĝ − x̂·Σĝ·x̂) per row, ĝ = γ ⊙ δ"
        case 1: "Σ δ ⊙ x̂ over the rows"
        default: "Σ δ over the rows"
        }
    }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try Tensor.layerNorm(x.a, gamma: x.b, beta: x.c, eps: eps)
    }
}
