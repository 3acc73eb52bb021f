import Autodiff
import NN

/// The last rows of a batchnorm or layernorm param's recurrence: its rule, and the check.
extension LayerPathRecurrence {
    /// ∂L/∂γ = Σ δ ⊙ x̂ and ∂L/∂β = Σ δ, over the values that share one γ: the batch (and h, w)
    /// of a channel for batchnorm, the rows for layernorm; x̂ is the input normalized by the
    /// batch's (or the row's) own mean and variance, as in training.
    func normalizationRows(label: String, param: Node, layer: Node, kind: LayerKind, delta: String) -> [String]? {
        guard layer.inputs.count == 3 else { return nil }
        let x = layer.inputs[0], xName = names.name(of: x)
        let axis: NormalizationGradientBySums.Axis
        let eps: Float
        switch layer.op {
        case .batchNorm(let e): (axis, eps) = (.channels, e)
        case .layerNorm(let e): (axis, eps) = (.lastAxis, e)
        default: return nil
        }
        let over = kind == .batchnorm
            ? (x.rank == 4 ? "the n·h·w values of each channel" : "the batch, per feature")
            : "the rows (every axis but the last)"
        let statistics = kind == .batchnorm ? "the batch's μ, σ² of each channel" : "each row's own μ, σ²"
        let shapes = "\(brackets(x.shape)) → \(brackets(param.shape))"
        if param === layer.inputs[1].node {
            let sum = layer.grad.flatMap { NormalizationGradientBySums.gamma(delta: $0, input: x, axis: axis, eps: eps) }
            return [
                LayerRecurrence.row("x̂ = (\(xName) − μ)/√(σ² + ε), with \(statistics) (ε = \(numbers.format(Double(eps))))", brackets(x.shape)),
                LayerRecurrence.row("∂L/∂\(label) = Σ over \(over) of \(delta) ⊙ x̂", shapes),
                verdict(sum, param: param, label: label, from: "from \(delta) and x̂ of \(xName)"),
            ]
        }
        let sum = layer.grad.flatMap { NormalizationGradientBySums.beta(delta: $0, axis: axis) }
        return [
            LayerRecurrence.row("∂L/∂\(label) = Σ over \(over) of \(delta)", shapes),
            verdict(sum, param: param, label: label, from: "from \(delta)"),
        ]
    }
}
