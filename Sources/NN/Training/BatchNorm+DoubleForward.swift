extension BatchNorm {
    /// Batch normalization with the batch's statistics in Float64, by plain loops (the loss
    /// twin's; gradcheck checks the training loss, whose float32 side normalizes the same way):
    ///
    ///     μ_c = (1/m) Σ x,  σ²_c = (1/m) Σ (x − μ_c)²,  y = γ_c · (x − μ_c) / √(σ²_c + ε) + β_c
    ///
    /// with the sums over the m = rows values of feature c of `[rows, f]`, or the m = rows·h·w
    /// values of channel c of `[rows, c, h, w]`. The moving statistics do not enter.
    func doubleForward(_ x: DoubleBatch, gamma: [Double], beta: [Double]) throws(NNError) -> DoubleBatch {
        let channels = x.sampleShape.first ?? 0
        let pixels = x.sampleShape.dropFirst().reduce(1, *)  // 1 for [f]
        let m = x.rows * pixels
        guard x.sampleShape.count == 1 || x.sampleShape.count == 3, gamma.count == channels, m > 1 else {
            throw .layerShapeMismatch(layer: name, expected: [nil, gamma.count], got: [x.rows] + x.sampleShape)
        }
        /// The flat index of the k-th value (0 ≤ k < m) of channel c.
        func offset(_ c: Int, _ k: Int) -> Int { ((k / pixels) * channels + c) * pixels + k % pixels }
        var y = x.values
        let e = Double(eps)
        for c in 0..<channels {
            let mean = (0..<m).reduce(0) { $0 + x.values[offset(c, $1)] } / Double(m)
            let variance = (0..<m).reduce(0) { $0 + (x.values[offset(c, $1)] - mean) * (x.values[offset(c, $1)] - mean) } / Double(m)
            let scale = gamma[c] / (variance + e).squareRoot()
            for k in 0..<m { y[offset(c, k)] = (x.values[offset(c, k)] - mean) * scale + beta[c] }
        }
        return x.with(y, sampleShape: x.sampleShape)
    }
}
