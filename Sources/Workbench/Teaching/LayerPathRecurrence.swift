import Autodiff
import NN

/// For a param of a model's conv2d, batchnorm, layernorm or embedding layer (or of a dense
/// layer with other kinds of layer above it, which `LayerRecurrence` does not cover), backprop
/// from the loss down to that layer, one row per layer with its shapes (δ(v) = ∂L/∂v, each
/// value named by its layer): through a dense layer δ · Wᵀ; through flatten a reshape; through max pooling δ
/// routed to each window's max (0 elsewhere); through average pooling δ/size² spread over each
/// window; through a later convolution the transposed convolution δ ⋆ᵀ W; through an
/// activation ⊙ act′; through dropout ⊙ its mask; through anything else its op's rule. Then the
/// param's own rule, with δ = ∂L/∂ the layer's output:
///   conv2d:    ∂L/∂W = Σ over the positions (s, i, j) of δ[s, :, i, j] ⊗ the input patch under (i, j),
///              ∂L/∂b = Σ of δ over n, h′, w′;
///   batchnorm: ∂L/∂γ = Σ δ ⊙ x̂, ∂L/∂β = Σ δ, over the batch (and h, w) of each channel;
///   layernorm: the same sums over the rows, x̂ normalized along the last axis;
///   embedding: ∂L/∂W[r] = Σ of δ over the positions whose index is r;
///   dense:     ∂L/∂W = xᵀ · δ, ∂L/∂b = Σ of δ over the rows;
/// and that sum taken here, apart from the engine's backward (`ConvGradientByPositions`,
/// `NormalizationGradientBySums`, `rowSums`), against autodiff.
struct LayerPathRecurrence {
    let names: GraphNames
    let numbers: NumberFormat

    /// The recurrence lines, or nil when `param` is not such a layer's param in this graph, or
    /// the graph between the loss and that layer is not one chain of layers.
    func render(root: Node, param: Node) -> [String]? {
        guard let label = param.label, let owner = LayerScope(label: label), let parameter = owner.parameter,
              LayerPathRecurrence.ownParameters(of: owner.kind).contains(parameter) else { return nil }
        let order = Tensor.topologicalOrder(from: root)
        let takesParam = { (n: Node) in
            LayerPathRecurrence.isOwnOp(n.op, of: owner.kind) && n.inputs.dropFirst().contains { $0.node === param }
        }
        guard let layer = order.first(where: takesParam) else { return nil }
        // The values that depend on the layer's output: the data path runs through them.
        var above: Set<ObjectIdentifier> = [ObjectIdentifier(layer)]
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
        while current.scope.flatMap(LayerScope.init(scope:)) == nil, current !== layer {
            guard let (_, child) = dataInput(current) else { return nil }
            current = child
        }
        // A dense layer's product has no name of its own (z is after the bias): say the layer's.
        let destination = owner.kind == .dense ? (layer.scope ?? names.name(of: layer)) : names.name(of: layer)
        var lines = ["backprop through the layers down to \(destination) (δ(v) = ∂L/∂v, each value named by its layer):"]
        let top = names.name(of: current)
        if let i = root.inputs.firstIndex(where: { $0.node === current }) {
            let rule = root.op.localDerivative(of: i, root.inputs.map { names.name(of: $0) }, isScalar: false)
            lines.append(LayerRecurrence.row("δ(\(top)) = \(rule)", brackets(current.shape)))
        } else {
            lines.append(LayerRecurrence.row("δ(\(top)) = ∂L/∂\(GraphNames.inDerivative(top)) through the loss's ops (the path above)", brackets(current.shape)))
        }
        var delta = "δ(\(top))"
        while current !== layer {
            guard let (i, child) = dataInput(current) else { return nil }
            if let row = step(current, input: i, delta: delta) {
                lines.append(row)
                delta = "δ(\(names.name(of: child)))"
            }
            current = child
        }
        let own: [String]?
        switch owner.kind {
        case .conv2d: own = convolutionRows(label: label, param: param, conv: layer, delta: delta)
        case .batchnorm, .layernorm: own = normalizationRows(label: label, param: param, layer: layer, kind: owner.kind, delta: delta)
        case .embedding: own = embeddingRows(label: label, param: param, layer: layer, delta: delta)
        case .dense: own = denseRows(label: label, param: param, layer: layer, delta: delta)
        default: own = nil
        }
        guard let own else { return nil }
        return lines + own
    }

    /// The params whose recurrence this type writes, by layer kind.
    static func ownParameters(of kind: LayerKind) -> [String] {
        switch kind {
        case .conv2d: ["W", "b"]
        case .batchnorm, .layernorm: ["gamma", "beta"]
        case .embedding: ["W"]
        case .dense: ["W", "b"]
        default: []
        }
    }

    /// Whether `op` is the one op of a `kind` layer that takes its params.
    static func isOwnOp(_ op: Op, of kind: LayerKind) -> Bool {
        switch (kind, op) {
        case (.conv2d, .conv2d), (.batchnorm, .batchNorm), (.layernorm, .layerNorm), (.embedding, .embedding),
             (.dense, .matmul), (.dense, .add): true
        default: false
        }
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

    /// The gradient summed here (`byHand`) against autodiff's: ✓ when they agree to float32
    /// rounding (the tolerance `chain` uses), else ✗ with the largest gap.
    func verdict(_ byHand: [Double]?, param: Node, label: String, from: String) -> String {
        guard let autodiff = param.grad else { return "autodiff: no gradient yet: backward L was not run (the rows above need none)" }
        guard let byHand, byHand.count == autodiff.count else { return "autodiff: the shapes of δ and \(label) do not match" }
        var gap = 0.0, scale = 0.0
        for (h, a) in zip(byHand, autodiff.scalars) {
            gap = Swift.max(gap, Swift.abs(h - Double(a)))
            scale = Swift.max(scale, Swift.abs(Double(a)))
        }
        let ok = gap <= Double(ChainReport.tolerance) * Swift.max(1, scale)
        let agreement = ok ? "agree to float32 rounding ✓" : "max |Δ| = \(numbers.format(gap)) ✗"
        return "that sum taken here \(from) vs autodiff ∂L/∂\(label) \(brackets(autodiff.shape)): \(agreement)"
    }

    func brackets(_ shape: [Int]) -> String { "[\(dims(shape))]" }
    func dims(_ shape: [Int]) -> String { ChainReport.dims(shape) }
}
