extension Dense {
    /// x·W + b over the last axis in Float64, by plain loops (the loss twin's dense layer):
    ///
    ///     z[r, j] = b[j] + Σ_p x[r, p] · W[p, j]
    ///
    /// Shapes: x `[…, in]`, W `[in, units]` row-major, b `[units]` (nil without a bias);
    /// z `[…, units]`.
    func doublePreActivation(_ x: DoubleBatch, weight w: [Double], bias b: [Double]?) -> DoubleBatch {
        let width = x.width
        var z = [Double](repeating: 0, count: x.lines * units)
        for r in 0..<x.lines {
            for j in 0..<units {
                var s = b?[j] ?? 0
                for p in 0..<width { s += x.values[r * width + p] * w[p * units + j] }
                z[r * units + j] = s
            }
        }
        return x.with(z, sampleShape: Array(x.sampleShape.dropLast()) + [units])
    }
}
