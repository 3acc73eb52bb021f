import Autodiff

/// A stack of layers applied in order, Keras's `Sequential`.
///
/// Building the model checks every layer against the previous layer's output and creates the
/// params, named by layer type and position among layers of that type (`dense_0.W`, `dense_0.b`,
/// `dense_1.W`, …), drawing initial weights from the session's random stream.
public struct Sequential {
    public internal(set) var layers: [Layer]
    /// The shape of one input sample (`[10]` for rows of 10 features).
    public let inputShape: [Int]
    /// The shape of one sample's output after each layer.
    public let layerOutputShapes: [[Int]]
    /// Optimizer, loss and metrics, once compiled.
    public var compilation: Compilation?
    /// Per-epoch loss and metrics from every `fit`.
    public var history = History()
    /// The loss of the last training step, with its graph, when it was kept (`train_step`,
    /// `fit(…, keepFinalGraph: true)`).
    public internal(set) var lastStepLoss: Tensor?
    /// ‖Δθ‖/‖θ‖ of each trainable param in the last optimizer step, in `trainableParameters`
    /// order; `updateRatiosByParameter` lines them up with every param.
    public internal(set) var lastUpdateRatios: [Double]?
    /// A fit stopped partway (Ctrl-C, a timeout, `stop_when`), which `fit … resume` continues.
    public internal(set) var pausedFit: PausedFit?

    /// Builds a model from layer specifications.
    public init(_ specs: [Layer], using generator: inout RandomGenerator) throws(NNError) {
        guard !specs.isEmpty else { throw .invalidLayerArgument(layer: "sequential", message: "needs at least one layer") }
        var declared: [Int]?
        for spec in specs {
            if let shape = spec.declaredInputShape { declared = shape; break }
            if spec.needsInputShape { break }
        }
        guard let first = declared else {
            throw .unknownInputSize(layer: Sequential.layerNames(specs).first ?? "dense_0")
        }
        inputShape = first

        var built: [Layer] = [], shapes: [[Int]] = []
        var current = first
        for (i, (spec, name)) in zip(specs, Sequential.layerNames(specs)).enumerated() {
            if i > 0, spec.mustBeFirst {
                throw .invalidLayerArgument(layer: name, message: "takes the model's integer inputs as indices, so it must be the first layer "
                    + "(it comes after \(built.last?.name ?? "another layer"))")
            }
            let layer = try spec.built(name: name, inputShape: current, using: &generator)
            current = try layer.outputShape(inputShape: current)
            built.append(layer)
            shapes.append(current)
        }
        layers = built
        layerOutputShapes = shapes
    }

    /// `dense_0`, `dropout_0`, `dense_1`, …: each type counted on its own, as Keras does.
    static func layerNames(_ specs: [Layer]) -> [String] {
        var counts: [String: Int] = [:]
        return specs.map { spec in
            let base = spec.scopeBase
            let n = counts[base, default: 0]
            counts[base] = n + 1
            return "\(base)_\(n)"
        }
    }

    /// The number of values in one input sample: the width of a row for a model of rows.
    public var inputSize: Int { inputShape.reduce(1, *) }

    /// The shape of one sample's output.
    public var outputShape: [Int] { layerOutputShapes.last ?? inputShape }

    /// The number of values in one sample's output: the width of an output row.
    public var outputSize: Int { outputShape.reduce(1, *) }

    /// The number of values in one sample's output after each layer.
    public var layerOutputSizes: [Int] { layerOutputShapes.map { $0.reduce(1, *) } }

    /// The layer whose scope is `scope` (`dense_1`), if the model has one.
    public func layer(scope: String) -> Layer? {
        layers.first { $0.name == scope }
    }

    /// Every param with its label (`dense_0.W`), in layer order.
    public var namedParameters: [(name: String, value: Tensor)] {
        layers.flatMap { layer in layer.namedParameters.map { ("\(layer.name).\($0.name)", $0.value) } }
    }

    /// Every param, trainable or not, in layer order.
    public var parameters: [Tensor] { layers.flatMap(\.parameters) }

    /// Whether each param trains, in `namedParameters` order (false for moving statistics).
    public var trainableFlags: [Bool] {
        layers.flatMap { $0.namedParameters.map(\.trainable) }
    }

    /// The params the optimizer steps, in layer order.
    public var trainableParameters: [Tensor] {
        layers.flatMap { $0.namedParameters.filter(\.trainable).map(\.value) }
    }

    /// The total number of scalars in the params, trainable or not.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The number of scalars the optimizer trains.
    public var trainableParameterCount: Int { trainableParameters.reduce(0) { $0 + $1.count } }

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
            let count = layers[i].namedParameters.count
            layers[i].replaceParameters(Array(values[index..<(index + count)]))
            index += count
        }
    }

    /// Applies the non-trainable state a training forward recorded (batchnorm's moving
    /// statistics), keeping each param's identity.
    mutating func apply(_ updates: LayerStateUpdates) throws(NNError) {
        guard !updates.isEmpty else { return }
        let values = namedParameters.map { updates.values[$0.name] ?? $0.value }
        try setParameterValues(values)
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
        updateParameters(all: true) { params in params = updated }
    }

    /// Runs the layers on `x` `[batch] + inputShape` (or one sample, `inputShape`).
    /// With `training`, dropout is active and draws from `generator`.
    public func forward(
        _ x: Tensor, training: Bool = false, generator: inout RandomGenerator
    ) throws(NNError) -> Tensor {
        var updates = LayerStateUpdates()
        return try forward(x, training: training, generator: &generator, updates: &updates)
    }

    /// `forward`, recording the new values of non-trainable state in `updates`.
    func forward(
        _ x: Tensor, training: Bool, generator: inout RandomGenerator, updates: inout LayerStateUpdates
    ) throws(NNError) -> Tensor {
        try checkInput(x)
        // One sample of a model that does not take rows: run it as a batch of one and give the
        // answer without the batch axis, as PyTorch's layers do for an unbatched input.
        guard !takesRows, x.rank == inputShape.count else {
            return try runLayers(x, training: training, generator: &generator, updates: &updates)
        }
        let batch: Tensor
        do { batch = try x.reshaped([1] + x.shape) } catch { throw .tensor(error, layer: nil) }
        let out = try runLayers(batch, training: training, generator: &generator, updates: &updates)
        do { return try out.reshaped(Array(out.shape.dropFirst())) } catch { throw .tensor(error, layer: layers.last?.name) }
    }

    private func runLayers(
        _ x: Tensor, training: Bool, generator: inout RandomGenerator, updates: inout LayerStateUpdates
    ) throws(NNError) -> Tensor {
        var h = x
        for layer in layers {
            do {
                h = try layer.forward(h, training: training, generator: &generator, updates: &updates)
            } catch {
                throw .tensor(error, layer: layer.name)
            }
        }
        return h
    }

    /// The output before the last layer's activation, and that activation, for losses that
    /// fuse the two (σ with bce, softmax with categorical cross-entropy) for stability.
    func forwardLogits(
        _ x: Tensor, training: Bool, generator: inout RandomGenerator, updates: inout LayerStateUpdates
    ) throws(NNError) -> (logits: Tensor, activation: Activation) {
        try checkInput(x)
        var h = x
        for (i, layer) in layers.enumerated() {
            do {
                if i == layers.count - 1 {
                    return (try layer.forwardLogits(h, training: training, generator: &generator, updates: &updates),
                            layer.outputActivation)
                }
                h = try layer.forward(h, training: training, generator: &generator, updates: &updates)
            } catch {
                throw .tensor(error, layer: layer.name)
            }
        }
        return (h, .linear)
    }

    /// Whether the model takes rows as its first dense layer's product does: any tensor whose
    /// last axis is its width (`[k, n, 10]` too). A model that starts with any other layer with
    /// params or statistics (a batchnorm, an embedding, a conv) takes `[n] + inputShape` or one sample.
    var takesRows: Bool {
        inputShape.count == 1 && layers.first(where: { $0.kind != .dropout && $0.kind != .activation })?.kind == .dense
    }

    /// Checks that `x` is a batch of samples of `inputShape` (or one sample). A model of rows
    /// takes any tensor whose last axis is its width, as its first dense layer's product does.
    func checkInput(_ x: Tensor) throws(NNError) {
        let fits = takesRows
            ? x.rank >= 1 && x.shape.last == inputShape[0]
            : (x.rank == inputShape.count || x.rank == inputShape.count + 1) && Array(x.shape.suffix(inputShape.count)) == inputShape
        guard fits else { throw .dataShapeMismatch(expected: [nil] + inputShape, got: x.shape) }
        try layers.first?.checkInputValues(x)
    }

    /// Checks that `x` is exactly `[n] + inputShape`, as the rows that `fit` and `evaluate`
    /// batch must be (a batch is a block of whole samples, so no axis may be left to broadcast).
    func checkSamples(_ x: Tensor) throws(NNError) {
        guard x.rank >= 1, Array(x.shape.dropFirst()) == inputShape else {
            throw .dataShapeMismatch(expected: [nil] + inputShape, got: x.shape)
        }
        try layers.first?.checkInputValues(x)
    }
}
