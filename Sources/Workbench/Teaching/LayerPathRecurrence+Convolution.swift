import Autodiff

/// The last rows of a conv2d param's recurrence: its rule, and the check.
extension LayerPathRecurrence {
    /// ∂L/∂W = Σ over the n·h′·w′ positions of δ ⊗ the patch under each, or ∂L/∂b = Σ δ over
    /// n, h′, w′, with δ the convolution's, and that sum taken position by position.
    func convolutionRows(label: String, param: Node, conv: Node, delta: String) -> [String]? {
        guard case .conv2d(let stride, let padding) = conv.op, conv.inputs.count >= 2 else { return nil }
        let x = conv.inputs[0], kernel = conv.inputs[1], y = conv.shape
        guard y.count == 4 else { return nil }
        if param === kernel.node {
            let patch = dims(Array(kernel.shape.dropFirst()))
            let sum = conv.grad.flatMap {
                ConvGradientByPositions.kernel(delta: $0, input: x, kernelShape: kernel.shape, stride: stride, padding: padding)
            }
            return [
                LayerRecurrence.row(
                    "∂L/∂\(label) = Σ over the \(y[0])·\(y[2])·\(y[3]) positions of \(delta) ⊗ the \(patch) patch of \(names.name(of: x)) under it",
                    "\(brackets(y)) ⊗ patches [\(patch)] → \(brackets(kernel.shape))"),
                verdict(sum, param: param, label: label, from: "position by position from \(delta) and \(names.name(of: x))"),
            ]
        }
        return [
            LayerRecurrence.row("∂L/∂\(label) = Σ of \(delta) over n, h′, w′", "\(brackets(y)) → \(brackets(param.shape))"),
            verdict(conv.grad.flatMap(ConvGradientByPositions.bias), param: param, label: label, from: "from \(delta)"),
        ]
    }
}
