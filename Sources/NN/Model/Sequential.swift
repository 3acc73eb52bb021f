import Autodiff

/// A stack of layers applied in order, Keras's `Sequential`.
///
/// Building the model checks every layer against the previous layer's output and creates the
/// params, named by layer type and position among layers of that type (`dense_0.W`, `dense_0.b`,
/// `dense_1.W`, …), drawing initial weights from the session's random stream.
public struct Sequential {
    public internal(set) var layers: [Layer]
    /// The width of one input row.
    public let inputSize: Int
    /// Optimizer, loss and metrics, once compiled.
    public var compilation: Compilation?
    /// Per-epoch loss and metrics from every `fit`.
    public var history = History()
    /// The loss of the last training step, with its graph, when it was kept (`train_step`,
    /// `fit(…, keepFinalGraph: true)`).
    public internal(set) var lastStepLoss: Tensor?
    /// ‖Δθ‖/‖θ‖ of each param in the last optimizer step (for `grads`), in param order.
    public internal(set) var lastUpdateRatios: [Double]?
    /// A fit stopped partway (Ctrl-C, a timeout, `stop_when`), which `fit … resume` continues.
    public internal(set) var pausedFit: PausedFit?

    /// Builds a model from layer specifications.
    public init(_ specs: [Layer], using generator: inout RandomGenerator) throws(NNError) {
        guard !specs.isEmpty else { throw .invalidLayerArgument(layer: "sequential", message: "needs at least one layer") }
        var width: Int?
        for spec in specs {
            if case .dense(let d) = spec, let declared = d.inputSize { width = declared; break }
            if case .dense = spec { break }
        }
        guard let first = width else {
            throw .unknownInputSize(layer: Sequential.layerNames(specs).first ?? "dense_0")
        }
        inputSize = first

        var built: [Layer] = []
        var current = first
        for (spec, name) in zip(specs, Sequential.layerNames(specs)) {
            switch spec {
            case .dense(var d):
                if let declared = d.inputSize, declared != current {
                    throw .layerShapeMismatch(layer: name, expected: [nil, declared], got: [nil, current])
                }
                try d.build(inputSize: current, name: name, using: &generator)
                built.append(.dense(d))
            case .dropout(var d):
                d.name = name
                built.append(.dropout(d))
            case .activation(let a, _):
                built.append(.activation(a, name: name))
            }
            current = spec.outputSize(inputSize: current)
        }
        layers = built
    }

    /// `dense_0`, `dropout_0`, `dense_1`, …: each type counted on its own, as Keras does.
    static func layerNames(_ specs: [Layer]) -> [String] {
        var counts: [String: Int] = [:]
        return specs.map { spec in
            let base: String
            switch spec {
            case .dense: base = "dense"
            case .dropout: base = "dropout"
            case .activation(let a, _): base = a.rawValue
            }
            let n = counts[base, default: 0]
            counts[base] = n + 1
            return "\(base)_\(n)"
        }
    }

    /// The width of one output row.
    public var outputSize: Int {
        layers.reduce(inputSize) { $1.outputSize(inputSize: $0) }
    }

    /// The output width after each layer.
    public var layerOutputSizes: [Int] {
        var width = inputSize
        return layers.map { width = $0.outputSize(inputSize: width); return width }
    }

    /// Every param with its name, in layer order.
    public var namedParameters: [(name: String, value: Tensor)] {
        layers.flatMap { layer -> [(name: String, value: Tensor)] in
            guard case .dense(let d) = layer else { return [] }
            var out: [(name: String, value: Tensor)] = []
            if let w = d.weight { out.append(("\(d.name).W", w)) }
            if let b = d.bias { out.append(("\(d.name).b", b)) }
            return out
        }
    }

    /// Every param, in layer order.
    public var parameters: [Tensor] { layers.flatMap(\.parameters) }

    /// The total number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Replaces the params in order (same count and shapes), e.g. after an optimizer step.
    public mutating func setParameters(_ values: [Tensor]) throws(NNError) {
        let current = parameters
        guard values.count == current.count else {
            throw .parameterMismatch("expected \(current.count) params, got \(values.count)")
        }
        for (old, new) in zip(current, values) where old.shape != new.shape {
            throw .parameterMismatch("param shape \(new.shape) does not match \(old.shape)")
        }
        var index = 0
        for i in layers.indices {
            guard case .dense(var d) = layers[i] else { continue }
            let w = values[index]
            index += 1
            var b: Tensor?
            if d.useBias { b = values[index]; index += 1 }
            d.setParameters(weight: w, bias: b)
            layers[i] = .dense(d)
        }
    }

    /// New values for the params, in order, keeping each param's identity (its graph node,
    /// gradient and name): what `step model lr=α` applies.
    public mutating func setParameterValues(_ values: [Tensor]) throws(NNError) {
        let current = parameters
        guard values.count == current.count else {
            throw .parameterMismatch("expected \(current.count) params, got \(values.count)")
        }
        var updated: [Tensor] = []
        for (old, new) in zip(current, values) {
            do { updated.append(try old.withValues(of: new)) } catch {
                throw .parameterMismatch("param shape \(new.shape) does not match \(old.shape)")
            }
        }
        updateParameters { params in params = updated }
    }

    /// Runs the layers on `x` `[batch, inputSize]` (or one row `[inputSize]`).
    /// With `training`, dropout is active and draws from `generator`.
    public func forward(
        _ x: Tensor, training: Bool = false, generator: inout RandomGenerator
    ) throws(NNError) -> Tensor {
        try checkInput(x)
        var h = x
        for layer in layers {
            do {
                h = try layer.forward(h, training: training, generator: &generator)
            } catch {
                throw .tensor(error, layer: layer.name)
            }
        }
        return h
    }

    /// The output before the last layer's activation, and that activation, for losses that
    /// fuse the two (σ with bce, softmax with categorical cross-entropy) for stability.
    func forwardLogits(
        _ x: Tensor, training: Bool, generator: inout RandomGenerator
    ) throws(NNError) -> (logits: Tensor, activation: Activation) {
        try checkInput(x)
        var h = x
        for (i, layer) in layers.enumerated() {
            do {
                if i == layers.count - 1, case .dense(let d) = layer {
                    return (try d.preActivation(h), d.activation)
                }
                if i == layers.count - 1, case .activation(let a, _) = layer {
                    return (h, a)
                }
                h = try layer.forward(h, training: training, generator: &generator)
            } catch {
                throw .tensor(error, layer: layer.name)
            }
        }
        return (h, .linear)
    }

    private func checkInput(_ x: Tensor) throws(NNError) {
        guard x.rank >= 1, x.shape.last == inputSize else {
            throw .dataShapeMismatch(expected: [nil, inputSize], got: x.shape)
        }
    }
}
