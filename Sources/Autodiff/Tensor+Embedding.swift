/// Embedding lookup: rows of a table gathered by integer indices (PyTorch's `F.embedding`).
extension Tensor {
    /// Gathers row `indices[i, j]` of W for every index:
    ///
    ///     y[i, j, :] = W[indices[i, j], :]
    ///
    /// and the backward scatters the upstream gradient back, adding where an index repeats:
    ///
    ///     ∂L/∂W[v, :] = Σ over the (i, j) with indices[i, j] = v of δ[i, j, :]
    ///
    /// Shapes: indices `[n, length]` (any shape works: the output is indices' shape + `[dim]`),
    /// W `[vocab, dim]`. Indices are constants and get no gradient; each must be a whole number
    /// in 0..<vocab, or the error names the row of indices it is in and the value.
    public static func embedding(_ indices: Tensor, _ table: Tensor) throws(TensorError) -> Tensor {
        guard table.rank == 2 else {
            throw .rankMismatch(op: "embedding", expected: "W of shape [vocab, dim]", shape: table.shape)
        }
        let vocab = table.shape[0], dim = table.shape[1]
        let rowLength = indices.rank >= 2 ? indices.shape[indices.rank - 1] : 1
        var rows = [Int](repeating: 0, count: indices.count)
        for k in 0..<indices.count {
            let v = indices.storage.base[k]
            guard v == v.rounded(), v >= 0, v < Float(vocab) else {
                let position = indices.rank >= 2 ? "row \(k / Swift.max(rowLength, 1)), position \(k % Swift.max(rowLength, 1))" : "position \(k)"
                throw .invalidArgument("embedding: index \(v) at \(position) of indices is not a whole number from 0 to \(vocab - 1) "
                    + "(W has \(vocab) rows)")
            }
            rows[k] = Int(v)
        }
        let shape = indices.shape + [dim]
        _ = try ShapeMath.elementCount(shape)
        let y = Tensor(uninitializedShape: shape)
        let w = table.storage.base
        for (k, row) in rows.enumerated() {
            (y.storage.base + k * dim).update(from: w + row * dim, count: dim)
        }
        guard table.requiresGrad else { return y }
        return Tensor.record(.embedding, inputs: indices.detached, table, output: y) { delta, _ in
            let dW = TensorStorage.repeating(0, count: vocab * dim)
            let d = delta.storage.base
            for (k, row) in rows.enumerated() {
                for j in 0..<dim { dW.base[row * dim + j] += d[k * dim + j] }
            }
            return Contributions(nil, Tensor(shape: [vocab, dim], storage: dW))
        }
    }
}

/// embedding's formulas and replay: inputs indices (a constant), W.
struct EmbeddingRule: OpRule {
    var name: String { "embedding" }
    func formula(_ x: OpOperands) -> String { "\(factor(x.b))[\(x.a)]" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String {
        index == 0 ? "none (indices are constants)" : "δ scattered into the rows of \(x.b) the indices name"
    }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try Tensor.embedding(x.a, x.b)
    }
}
