/// Recomputes a recorded graph's forward pass with some params set to other values, without
/// recording anything: what `gradcheck L p` needs to evaluate L at θ ± h when L was computed
/// statement by statement in a session and no function rebuilds it.
extension Tensor {
    /// L's value with each param in `replacements` (by node) taking the given values instead.
    /// Every other input keeps the value it had when the graph was recorded. Replacement
    /// values that are themselves params are differentiated through (the replay records).
    /// The value a param had when this graph consumed it, or nil if the graph does not use it.
    public func consumedValue(of param: Node) -> Tensor? {
        guard let root = node else { return nil }
        for n in Tensor.topologicalOrder(from: root) {
            if let input = n.inputs.first(where: { $0.node === param }) { return input.detached }
        }
        return nil
    }

    public func replayed(with replacements: [(param: Node, value: Tensor)]) throws(TensorError) -> Tensor {
        guard let root = node else { return self }
        if root.isReleased { throw .invalidArgument("the graph was released by backward; recompute it") }
        var values: [ObjectIdentifier: Tensor] = [:]
        for (param, value) in replacements { values[ObjectIdentifier(param)] = value }
        for n in Tensor.topologicalOrder(from: root) where !n.isLeaf {
            let inputs = n.inputs.map { input -> Tensor in
                guard let child = input.node, let replaced = values[ObjectIdentifier(child)] else { return input.detached }
                return replaced
            }
            values[ObjectIdentifier(n)] = try n.op.rule.evaluate(OpValues(all: inputs), outputShape: n.shape)
        }
        return values[ObjectIdentifier(root)] ?? detached
    }
}

extension Tensor {
    /// The same node (graph identity, gradient, label) holding new values of the same shape:
    /// how `step` applies θ − α·g to a param without making it a different param.
    public func withValues(of values: Tensor) throws(TensorError) -> Tensor {
        guard values.shape == shape else { throw .gradientShapeMismatch(expected: shape, got: values.shape) }
        return Tensor(shape: shape, storage: TensorStorage.copying(values.storage), node: node)
    }
}
