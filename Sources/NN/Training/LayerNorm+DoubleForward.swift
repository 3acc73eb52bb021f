extension LayerNorm {
    /// Layer normalization over the last axis in Float64, by plain loops (the loss twin's):
    /// for each vector x of the last axis (d values),
    ///
    ///     μ = (1/d) Σ x,  σ² = (1/d) Σ (x − μ)²,  y = γ ⊙ (x − μ) / √(σ² + ε) + β
    ///
    /// Shapes: x `[rows, …, d]`, γ and β `[d]`; y the shape of x.
    func doubleForward(_ x: DoubleBatch, gamma: [Double], beta: [Double]) throws(NNError) -> DoubleBatch {
        let d = x.width
        guard gamma.count == d else { throw .layerShapeMismatch(layer: name, expected: [nil, gamma.count], got: [nil] + x.sampleShape) }
        var y = x.values
        let e = Double(eps)
        for line in 0..<x.lines {
            let v = x.values[(line * d)..<((line + 1) * d)]
            let mean = v.reduce(0, +) / Double(d)
            let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d)
            let inverseStd = 1 / (variance + e).squareRoot()
            for j in 0..<d { y[line * d + j] = gamma[j] * (x.values[line * d + j] - mean) * inverseStd + beta[j] }
        }
        return x.with(y, sampleShape: x.sampleShape)
    }
}
