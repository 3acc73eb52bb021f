import Autodiff
import NN

/// For a param of a model's conv2d layer, backprop from the loss down to that layer, one row
/// per layer with its shapes (δ(v) = ∂L/∂v, each value named by its layer):
/// through a dense layer δ · Wᵀ; through flatten a reshape; through max pooling δ routed to
/// each window's max (0 elsewhere); through average pooling δ/size² spread over each window;
/// through a later convolution the transposed convolution δ ⋆ᵀ W; through an activation
/// ⊙ act′; through dropout ⊙ its mask. Then, with δ = ∂L/∂y at the convolution's output,
///   ∂L/∂W = Σ over the positions (s, i, j) of δ[s, :, i, j] ⊗ the input patch under (i, j),
///   ∂L/∂b = Σ of δ over n, h′, w′,
/// and that sum taken position by position (`ConvGradientByPositions`) against autodiff.
struct ConvRecurrence {
    let names: GraphNames
    let numbers: NumberFormat

    /// The recurrence lines, or nil when `param` is not a conv2d layer's W or b in this graph,
    /// or the graph between the loss and that layer is not one chain of layers.
    func render(root: Node, param: Node) -> [String]? {
        guard let label = param.label, let owner = LayerScope(label: label), owner.kind == .conv2d,
              owner.parameter == "W" || owner.parameter == "b" else { return nil }
        let order = Tensor.topologicalOrder(from: root)
        guard let conv = order.first(where: { ConvRecurrence.isConvolution($0) && $0.inputs.dropFirst().contains { $0.node === param } })
        else { return nil }
        // The values that depend on the convolution's output: the data path runs through them.
        var above: Set<ObjectIdentifier> = [ObjectIdentifier(conv)]
        for n in order where n.inputs.contains(where: { $0.node.map { above.contains(ObjectIdentifier($0)) } ?? false }) {
            above.insert(ObjectIdentifier(n))
        }
        func dataInput(_ n: Node) -> (index: Int, node: Node)? {
            let onPath = n.inputs.indices.filter { n.inputs[$0].node.map { above.contains(ObjectIdentifier($0)) } ?? false }
            guard onPath.count == 1, let child = n.inputs[onPath[0]].node else { return nil }
            return (onPath[0], child)
        }

        // Out of the loss's own ops, to the first value a layer made.
        var current = root
        while current.scope.flatMap(LayerScope.init(scope:)) == nil, current !== conv {
            guard let (_, child) = dataInput(current) else { return nil }
            current = child
        }
        var lines = ["backprop through the layers down to \(names.name(of: conv)) (δ(v) = ∂L/∂v, each value named by its layer):"]
        let top = names.name(of: current)
        if let i = root.inputs.firstIndex(where: { $0.node === current }) {
            let rule = root.op.localDerivative(of: i, root.inputs.map { names.name(of: $0) }, isScalar: false)
            lines.append(LayerRecurrence.row("δ(\(top)) = \(rule)", brackets(current.shape)))
        } else {
            lines.append(LayerRecurrence.row("δ(\(top)) = ∂L/∂\(GraphNames.inDerivative(top)) through the loss's ops (the path above)", brackets(current.shape)))
        }
        var delta = "δ(\(top))"
        while current !== conv {
            guard let (i, child) = dataInput(current) else { return nil }
            if let row = step(current, input: i, delta: delta) {
                lines.append(row)
                delta = "δ(\(names.name(of: child)))"
            }
            current = child
        }
        guard let x = conv.inputs.first, let kernel = conv.inputs.dropFirst().first, case .conv2d(let stride, let padding) = conv.op
        else { return nil }
        let y = conv.shape
        if owner.parameter == "W" {
            let patch = dims(Array(kernel.shape.dropFirst()))
            lines.append(LayerRecurrence.row(
                "∂L/∂\(label) = Σ over the \(y[0])·\(y[2])·\(y[3]) positions of \(delta) ⊗ the \(patch) patch of \(names.name(of: x)) under it",
                "\(brackets(y)) ⊗ patches [\(patch)] → \(brackets(kernel.shape))"))
        } else {
            lines.append(LayerRecurrence.row("∂L/∂\(label) = Σ of \(delta) over n, h′, w′", "\(brackets(y)) → \(brackets(param.shape))"))
        }
        lines.append(check(label: label, param: param, conv: conv, delta: delta, x: x, kernel: kernel, stride: stride, padding: padding))
        return lines
    }

    /// The row for backprop through `n` into its input `i`, or nil when δ passes unchanged
    /// (a dense layer's bias add: its δ is the product's).
    private func step(_ n: Node, input i: Int, delta: String) -> String? {
        let child = n.inputs[i]
        let to = "δ(\(names.name(of: child)))"
        let arrow = "\(brackets(n.shape)) → \(brackets(child.shape))"
        switch n.op {
        case .add where ModelConstantRoles.layer(of: n)?.kind == .dense:
            return nil
        case .matmul where i == 0:
            let w = n.inputs[1]
            return LayerRecurrence.row("\(to) = \(delta) · \(names.name(of: w))ᵀ",
                                       "\(brackets(n.shape))·[\(dims(w.shape.reversed()))] → \(brackets(child.shape))")
        case .conv2d where i == 0:
            let w = n.inputs[1]
            return LayerRecurrence.row("\(to) = \(delta) ⋆ᵀ \(names.name(of: w))  (the transposed convolution)",
                                       "\(brackets(n.shape)) ⋆ᵀ \(brackets(w.shape)) → \(brackets(child.shape))")
        case .maxpool2d(let size, _):
            return LayerRecurrence.row("\(to) = \(delta) at each \(size)×\(size) window's max, 0 elsewhere", arrow)
        case .avgpool2d(let size, _):
            return LayerRecurrence.row("\(to) = \(delta)/\(size * size) to every element of its \(size)×\(size) window", arrow)
        case .reshape:
            return LayerRecurrence.row("\(to) = \(delta) reshaped back (flatten moves no value)", arrow)
        case .multiply where n.inputs.count == 2:
            return LayerRecurrence.row("\(to) = \(delta) ⊙ \(names.name(of: n.inputs[1 - i]))", brackets(child.shape))
        default:
            if let prime = LayerRecurrence.activationPrime(n.op, of: names.name(of: child)) {
                let times = LayerRecurrence.isSoftmax(n.op) ? " · " : " ⊙ "
                return LayerRecurrence.row("\(to) = \(delta)\(times)\(prime)", brackets(child.shape))
            }
            let rule = names.localDerivative(n, i).replacingOccurrences(of: "δ", with: delta)
            return LayerRecurrence.row("\(to) = \(rule)", arrow)
        }
    }

    /// The param's gradient summed here from the convolution's δ and input, against autodiff's.
    private func check(label: String, param: Node, conv: Node, delta: String, x: Tensor, kernel: Tensor,
                       stride: Int, padding: WindowPadding) -> String {
        guard let upstream = conv.grad, let autodiff = param.grad else {
            return "autodiff: no gradient yet: backward L was not run (the rows above need none)"
        }
        let byHand = param === kernel.node
            ? ConvGradientByPositions.kernel(delta: upstream, input: x, kernelShape: kernel.shape, stride: stride, padding: padding)
            : ConvGradientByPositions.bias(delta: upstream)
        guard let byHand, byHand.count == autodiff.count else { return "autodiff: the shapes of δ and \(label) do not match" }
        var gap = 0.0, scale = 0.0
        for (h, a) in zip(byHand, autodiff.scalars) {
            gap = Swift.max(gap, Swift.abs(h - Double(a)))
            scale = Swift.max(scale, Swift.abs(Double(a)))
        }
        let ok = gap <= Double(ChainReport.tolerance) * Swift.max(1, scale)
        let agreement = ok ? "agree to float32 rounding ✓" : "max |Δ| = \(numbers.format(gap)) ✗"
        let from = param === kernel.node ? "position by position from \(delta) and \(names.name(of: x))" : "from \(delta)"
        return "that sum taken here \(from) vs autodiff ∂L/∂\(label) \(brackets(autodiff.shape)): \(agreement)"
    }

    private static func isConvolution(_ n: Node) -> Bool {
        if case .conv2d = n.op { return true }
        return false
    }

    private func brackets(_ shape: [Int]) -> String { "[\(dims(shape))]" }
    private func dims(_ shape: [Int]) -> String { shape.isEmpty ? "1" : shape.map(String.init).joined(separator: "×") }
}
