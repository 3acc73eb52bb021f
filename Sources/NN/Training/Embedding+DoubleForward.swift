extension Embedding {
    /// The embedding lookup in Float64 (the loss twin's): y[s, j, :] = W[x[s, j], :]. The
    /// indices are data, not params: only W has a gradient.
    ///
    /// Shapes: x `[rows, length]` of whole numbers in 0..<vocab, W `[vocab, dim]` row-major;
    /// y `[rows, length, dim]`.
    func doubleForward(_ x: DoubleBatch, weight: [Double]) throws(NNError) -> DoubleBatch {
        let length = x.sampleSize
        var y: [Double] = []
        y.reserveCapacity(x.values.count * dim)
        for (k, v) in x.values.enumerated() {
            guard let row = Int(exactly: v), row >= 0, row < vocab else {
                throw .invalidIndex(layer: name, row: k / Swift.max(length, 1), position: k % Swift.max(length, 1), value: Float(v), vocab: vocab)
            }
            y += weight[(row * dim)..<((row + 1) * dim)]
        }
        return x.with(y, sampleShape: x.sampleShape + [dim])
    }
}
