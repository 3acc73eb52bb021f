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
            values[ObjectIdentifier(n)] = try n.op.evaluate(inputs, outputShape: n.shape)
        }
        return values[ObjectIdentifier(root)] ?? detached
    }
}

extension Op {
    /// This op's forward computation on constant inputs.
    func evaluate(_ x: [Tensor], outputShape: [Int]) throws(TensorError) -> Tensor {
        func a() -> Tensor { x[0] }
        func b() -> Tensor { x.count > 1 ? x[1] : Tensor(0) }
        switch self {
        case .param: return a()
        case .add: return try a() + b()
        case .subtract: return try a() - b()
        case .multiply: return try a() * b()
        case .divide: return try a() / b()
        case .negate: return -a()
        case .power: return try Tensor.pow(a(), b())
        case .exp: return a().exp()
        case .log: return a().log()
        case .sqrt: return a().sqrt()
        case .abs: return a().abs()
        case .sin: return a().sin()
        case .cos: return a().cos()
        case .tanh: return a().tanh()
        case .sigmoid: return a().sigmoid()
        case .relu: return a().relu()
        case .gelu: return a().gelu()
        case .leakyRelu(let slope): return a().leakyRelu(slope: slope)
        case .sum(let axis): return try a().sum(axis: axis).reshaped(outputShape)
        case .mean(let axis): return try a().mean(axis: axis).reshaped(outputShape)
        case .max(let axis): return try a().max(axis: axis).reshaped(outputShape)
        case .min(let axis): return try a().min(axis: axis).reshaped(outputShape)
        case .norm(let axis): return try a().norm(axis: axis).reshaped(outputShape)
        case .reshape: return try a().reshaped(outputShape)
        case .transpose(let perm): return try a().transposed(perm)
        case .slice(let indices): return try a().slice(indices)
        case .concat(let axis): return try Tensor.concat(x, axis: axis)
        case .broadcast: return try a().broadcast(to: outputShape)
        case .matmul: return try Tensor.matmul(a(), b())
        case .conv2d(let stride, let padding):
            return try Tensor.conv2d(a(), b(), bias: x.count > 2 ? x[2] : nil, stride: stride, padding: padding)
        case .maxpool2d(let size, let stride): return try a().maxPool2d(size: size, stride: stride)
        case .avgpool2d(let size, let stride): return try a().avgPool2d(size: size, stride: stride)
        case .softmax(let axis): return try a().softmax(axis: axis)
        case .logSoftmax(let axis): return try a().logSoftmax(axis: axis)
        case .mse: return try Losses.mse(a(), b())
        case .mae: return try Losses.mae(a(), b())
        case .bce: return try Losses.bce(a(), b())
        case .bceLogits: return try Losses.bceLogits(a(), b())
        case .crossEntropy: return try Losses.crossEntropy(a(), b())
        case .categoricalCrossEntropy: return try Losses.categoricalCrossEntropy(a(), b())
        case .dropout: return try a() * b()
        }
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
