import Autodiff

/// The last rows of an embedding's recurrence: ∂L/∂W gathers δ back into the rows looked up.
extension LayerPathRecurrence {
    /// ∂L/∂W[r] = Σ of δ[p] over the positions p whose index is r (0 for a row no index names),
    /// with δ the lookup's `[n, length, dim]`, and that sum taken here row by row.
    func embeddingRows(label: String, param: Node, layer: Node, delta: String) -> [String]? {
        guard layer.inputs.count == 2, param === layer.inputs[1].node else { return nil }
        let indices = layer.inputs[0], weight = layer.inputs[1]
        let sum = layer.grad.flatMap { LayerPathRecurrence.rowSums(delta: $0, indices: indices, rows: weight.shape.first ?? 0) }
        return [
            LayerRecurrence.row(
                "∂L/∂\(label)[r] = Σ of \(delta) over the \(indices.count) positions of \(names.name(of: indices)) that hold r (0 for a row none holds)",
                "\(brackets(layer.shape)) → \(brackets(weight.shape))"),
            verdict(sum, param: param, label: label, from: "row by row from \(delta) and \(names.name(of: indices))"),
        ]
    }

    /// Σ of δ's vectors into the rows their indices name; nil when an index is not a whole
    /// number below `rows` or the shapes do not belong together.
    static func rowSums(delta: Tensor, indices: Tensor, rows: Int) -> [Double]? {
        guard indices.count > 0, delta.count % indices.count == 0 else { return nil }
        let dim = delta.count / indices.count
        let d = delta.scalars
        var sums = [Double](repeating: 0, count: rows * dim)
        for (p, value) in indices.scalars.enumerated() {
            guard let r = Int(exactly: value), r >= 0, r < rows else { return nil }
            for j in 0..<dim { sums[r * dim + j] += Double(d[p * dim + j]) }
        }
        return sums
    }
}
