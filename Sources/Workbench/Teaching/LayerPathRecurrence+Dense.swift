import Autodiff

/// The last rows of a dense param's recurrence, when other kinds of layer lie above it.
extension LayerPathRecurrence {
    /// ∂L/∂W = xᵀ · δ (x the layer's input `[n, in]`, δ = ∂L/∂z `[n, out]`) or ∂L/∂b = Σ of δ
    /// over the n rows, and that sum taken here entry by entry.
    func denseRows(label: String, param: Node, layer: Node, delta: String) -> [String]? {
        let upstream = layer.shape
        guard upstream.count == 2 else { return nil }
        let (n, out) = (upstream[0], upstream[1])
        if case .matmul = layer.op, layer.inputs.count == 2, param === layer.inputs[1].node {
            let x = layer.inputs[0]
            guard x.rank == 2, x.shape[0] == n else { return nil }
            let width = x.shape[1]
            let sum = layer.grad.map { d -> [Double] in
                let (xs, ds) = (x.scalars, d.scalars)
                var g = [Double](repeating: 0, count: width * out)
                for r in 0..<n { for i in 0..<width { for j in 0..<out { g[i * out + j] += Double(xs[r * width + i]) * Double(ds[r * out + j]) } } }
                return g
            }
            let input = GraphNames.inDerivative(names.name(of: x))
            return [
                LayerRecurrence.row("∂L/∂\(label) = \(input)ᵀ · \(delta)", "[\(width)×\(n)]·[\(n)×\(out)] → [\(width)×\(out)]"),
                verdict(sum, param: param, label: label, from: "entry by entry from \(input) and \(delta)"),
            ]
        }
        let sum = layer.grad.map { d -> [Double] in
            let ds = d.scalars
            var g = [Double](repeating: 0, count: out)
            for r in 0..<n { for j in 0..<out { g[j] += Double(ds[r * out + j]) } }
            return g
        }
        return [
            LayerRecurrence.row("∂L/∂\(label) = Σ over the \(n) rows of \(delta)", "\(brackets(upstream)) → [\(out)]"),
            verdict(sum, param: param, label: label, from: "from \(delta)"),
        ]
    }
}
