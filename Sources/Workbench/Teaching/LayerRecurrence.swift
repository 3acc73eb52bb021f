import Autodiff
import NN

/// For a param of a model's dense layer, the backprop recurrence across layers:
/// δₖ = ∂L/∂zₖ, δₖ = (δₖ₊₁ · Wₖ₊₁ᵀ) ⊙ act′(zₖ), and ∂L/∂Wₖ = aₖ₋₁ᵀ · δₖ.
/// A dropout after layer k multiplies aₖ by its mask mₖ (entries 0, or 1/(1 − p) for the kept
/// ones), so its factor enters the recurrence too: δₖ = ((δₖ₊₁ · Wₖ₊₁ᵀ) ⊙ mₖ) ⊙ act′(zₖ).
struct LayerRecurrence {
    struct DenseNodes {
        var z: Node?
        var activation: Node?
        var weight: Node?
        var input: Tensor?
    }

    /// The recurrence lines, or nil when `param` is not a dense layer's W or b in this graph, or
    /// another kind of layer lies between it and the loss (`LayerPathRecurrence` writes those).
    static func render(root: Node, param: Node, names: GraphNames) -> [String]? {
        guard let label = param.label, let owner = LayerScope(label: label), owner.kind == .dense else { return nil }
        let target = owner.index
        let order = Tensor.topologicalOrder(from: root)
        guard onlyDenseLayersAbove(scope: "dense_\(target)", in: order) else { return nil }
        var layers: [Int: DenseNodes] = [:]
        for n in order {
            guard let scope = n.scope.flatMap(LayerScope.init(scope:)), scope.kind == .dense else { continue }
            let k = scope.index
            var d = layers[k] ?? DenseNodes()
            switch n.op {
            case .matmul:
                d.weight = n.inputs[1].node
                d.input = n.inputs[0]
                if d.z == nil { d.z = n }
            case .add: d.z = n
            case .relu, .sigmoid, .tanh, .gelu, .leakyRelu, .softmax: d.activation = n
            default: break
            }
            layers[k] = d
        }
        guard let last = layers.keys.max(), layers[target] != nil else { return nil }
        let sub = GraphNames.subscripted
        var lines = ["backprop through the layers (δₖ = ∂L/∂zₖ, zₖ = aₖ₋₁·Wₖ + bₖ):"]
        var maskAfter: [Int: String] = [:]
        // The masks this param's gradient passes through: after its input's layer and above.
        for m in names.roles.masks where m.afterLayer.map { $0 >= target - 1 } ?? (target == 0) {
            if let k = m.afterLayer { maskAfter[k] = m.name }
            let kept = ModelConstantRoles.keptValue(m.mask)
            let of = m.afterLayer.map { "a" + sub($0) } ?? "x"
            let rule = kept > 0
                ? "0 where dropped, 1/(1 − p) = \(NumberFormat().format(kept)) where kept (p = \(NumberFormat().format(1 - 1 / kept)))"
                : "every entry dropped"
            lines.append(row("\(m.name) = dropout mask on \(of): \(rule)", "[" + m.mask.shape.map(String.init).joined(separator: "×") + "]"))
        }
        for k in stride(from: last, through: target, by: -1) {
            guard let d = layers[k], let z = d.z else { continue }
            let shape = "[" + z.shape.map(String.init).joined(separator: "×") + "]"
            let masked = { (upstream: String) in maskAfter[k].map { "(\(upstream) ⊙ \($0))" } ?? upstream }
            let formula: String
            if k == last {
                if maskAfter[k] == nil, let lossNode = root.inputs.first?.node, lossNode === z || root.inputs.contains(where: { $0.node === z }) {
                    let names0 = root.inputs.map { names.name(of: $0) }
                    formula = root.op.localDerivative(of: 0, names0, isScalar: false)
                } else {
                    let a = "a\(sub(k))"
                    formula = masked(maskAfter[k].map { "∂L/∂(\(a) ⊙ \($0))" } ?? "∂L/∂\(a)") + derivative(d.activation, k)
                }
            } else {
                formula = masked("(δ\(sub(k + 1)) · W\(sub(k + 1))ᵀ)") + derivative(d.activation, k)
            }
            lines.append(row("δ\(sub(k)) = \(formula)", shape))
        }
        if let d = layers[target], let z = d.z {
            let plainInput = target == 0 ? (layers[target]?.input).map { GraphNames.inDerivative(names.name(of: $0)) } ?? "x" : "a\(sub(target - 1))"
            let inputMask = target == 0 ? names.roles.masks.first { $0.afterLayer == nil }?.name : maskAfter[target - 1]
            let input = inputMask.map { "(\(plainInput) ⊙ \($0))" } ?? plainInput
            let n = z.shape.first ?? 1
            if label.hasSuffix(".W"), let x = d.input {
                let inWidth = x.shape.last ?? 1, out = z.shape.last ?? 1
                lines.append(row("∂L/∂W\(sub(target)) = \(input)ᵀ · δ\(sub(target))", "[\(inWidth)×\(n)]·[\(n)×\(out)] → [\(inWidth)×\(out)]"))
            } else {
                lines.append(row("∂L/∂b\(sub(target)) = Σ over the \(n) rows of δ\(sub(target))", "[\(z.shape.last ?? 1)]"))
            }
        }
        return lines
    }

    /// Whether every layer that uses the output of layer `scope` is a dense or dropout one: the
    /// recurrence above knows no other factor (an activation layer, a normalization, …).
    private static func onlyDenseLayersAbove(scope: String, in order: [Node]) -> Bool {
        var above = Set<ObjectIdentifier>()
        for n in order {
            let consumesAbove = n.inputs.contains { $0.node.map { above.contains(ObjectIdentifier($0)) } ?? false }
            guard n.scope == scope || consumesAbove else { continue }
            above.insert(ObjectIdentifier(n))
            if let kind = ModelConstantRoles.layer(of: n)?.kind, kind != .dense, kind != .dropout { return false }
        }
        return true
    }

    private static func derivative(_ activation: Node?, _ k: Int) -> String {
        guard let activation, let prime = activationPrime(activation.op, of: "z" + GraphNames.subscripted(k)) else { return "" }
        return (isSoftmax(activation.op) ? " · " : " ⊙ ") + prime
    }

    /// An activation's derivative at `z` (`relu′(z)`), or nil when `op` is no activation.
    static func activationPrime(_ op: Op, of z: String) -> String? {
        switch op {
        case .relu: "relu′(\(z))"
        case .sigmoid: "σ′(\(z))"
        case .tanh: "tanh′(\(z))"
        case .gelu: "gelu′(\(z))"
        case .leakyRelu: "leaky_relu′(\(z))"
        case .softmax: "softmax′(\(z))"
        default: nil
        }
    }

    /// Softmax's Jacobian multiplies (·); every other activation's acts elementwise (⊙).
    static func isSoftmax(_ op: Op) -> Bool {
        if case .softmax = op { return true }
        return false
    }

    /// A formula padded to 40 characters, then its shapes.
    static func row(_ text: String, _ shape: String) -> String {
        "  " + text.padded(to: 40) + "  " + shape
    }
}
