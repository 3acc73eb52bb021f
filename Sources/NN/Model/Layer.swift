import Autodiff

/// One layer of a sequential model, and the one place that says what each kind of layer is.
///
/// Every question a model, a trainer, an exporter or the REPL asks of a layer — its params by
/// name, which of them train, how to replace them, a detached copy, its names, its output shape,
/// its forward — is answered here by an exhaustive switch, so adding a layer kind means a new
/// file for its type, a case here, and the places the compiler then lists (the exporters and
/// renderers that switch over every kind). Code outside this file asks these questions and does
/// not match a kind with `if case` to skip the others.
///
/// Params are named within the layer (`W`, `b`; a normalisation adds `gamma`, `beta` and the
/// non-trainable `moving_mean`, `moving_var`), and labelled `scope.name` in graphs and files
/// (`dense_0.W`). Each says whether it trains: the optimizer steps only trainable ones, while
/// `summary`, safetensors and `params` see all of them.
///
/// Non-trainable state changes in a training forward only. `forward` does not mutate the layer
/// (predict, evaluate and gradcheck share it and must leave the model as it was); a layer with
/// state writes its new values, by param name, into the `LayerStateUpdates` it is handed, and
/// the training step that ran the forward applies them with `Sequential.apply(_:)` after its
/// optimizer step, so a step that is not taken (a non-finite loss) changes no state either.
public enum Layer {
    case dense(Dense)
    case conv2d(Conv2D)
    case pooling(Pooling2D)
    case flatten(Flatten)
    case batchnorm(BatchNorm)
    case layernorm(LayerNorm)
    case embedding(Embedding)
    case dropout(Dropout)
    case activation(Activation, name: String)

    /// The kind of this layer.
    public var kind: LayerKind {
        switch self {
        case .dense: .dense
        case .conv2d: .conv2d
        case .pooling(let p): p.reduction == .max ? .maxpool2d : .avgpool2d
        case .flatten: .flatten
        case .batchnorm: .batchnorm
        case .layernorm: .layernorm
        case .embedding: .embedding
        case .dropout: .dropout
        case .activation: .activation
        }
    }

    /// `dense_0`, `dropout_1`, `relu_0`, … (assigned when the model is built): the layer's scope
    /// in graphs and the prefix of its params' labels.
    public var name: String {
        switch self {
        case .dense(let d): d.name
        case .conv2d(let c): c.name
        case .pooling(let p): p.name
        case .flatten(let f): f.name
        case .batchnorm(let b): b.name
        case .layernorm(let l): l.name
        case .embedding(let e): e.name
        case .dropout(let d): d.name
        case .activation(_, let name): name
        }
    }

    /// What the layer's name is counted by: its kind's name, or the activation's for an
    /// activation layer (`relu_0`, as Keras names them).
    public var scopeBase: String {
        switch self {
        case .dense, .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .embedding, .dropout: kind.name
        case .activation(let a, _): a.rawValue
        }
    }

    /// The Keras-style type name shown by `summary`.
    public var typeName: String { kind.kerasName }

    // MARK: Params

    /// The names of the params a layer of this kind has, built or not (`b` is listed for a
    /// dense layer without a bias, which then holds none).
    public var parameterNames: [String] {
        switch self {
        case .dense, .conv2d: ["W", "b"]
        case .batchnorm: ["gamma", "beta", "moving_mean", "moving_var"]
        case .layernorm: ["gamma", "beta"]
        case .embedding: ["W"]
        case .pooling, .flatten, .dropout, .activation: []
        }
    }

    /// The layer's params, in order, with their names and whether they train; empty until built.
    public var namedParameters: [LayerParameter] {
        switch self {
        case .dense(let d):
            [d.weight.map { LayerParameter(name: "W", value: $0, trainable: true) },
             d.bias.map { LayerParameter(name: "b", value: $0, trainable: true) }].compactMap { $0 }
        case .conv2d(let c):
            [c.weight.map { LayerParameter(name: "W", value: $0, trainable: true) },
             c.bias.map { LayerParameter(name: "b", value: $0, trainable: true) }].compactMap { $0 }
        case .batchnorm(let b):
            [b.gamma.map { LayerParameter(name: "gamma", value: $0, trainable: true) },
             b.beta.map { LayerParameter(name: "beta", value: $0, trainable: true) },
             b.movingMean.map { LayerParameter(name: "moving_mean", value: $0, trainable: false) },
             b.movingVariance.map { LayerParameter(name: "moving_var", value: $0, trainable: false) }].compactMap { $0 }
        case .layernorm(let l):
            [l.gamma.map { LayerParameter(name: "gamma", value: $0, trainable: true) },
             l.beta.map { LayerParameter(name: "beta", value: $0, trainable: true) }].compactMap { $0 }
        case .embedding(let e):
            e.weight.map { [LayerParameter(name: "W", value: $0, trainable: true)] } ?? []
        case .pooling, .flatten, .dropout, .activation: []
        }
    }

    /// The layer's params, in order (W, b for dense and conv2d; γ, β, moving mean and variance
    /// for batchnorm; γ, β for layernorm; W for embedding; none otherwise).
    public var parameters: [Tensor] { namedParameters.map(\.value) }

    /// Why param `name` is absent from a built layer of this kind, when the layer was made
    /// without it (`bias=false`); nil when it has it or is not built yet.
    public func absenceReason(ofParameter name: String) -> String? {
        switch self {
        case .dense(let d): name == "b" && !d.useBias ? "this layer has no bias (bias=false)" : nil
        case .conv2d(let c): name == "b" && !c.useBias ? "this layer has no bias (bias=false)" : nil
        case .batchnorm, .layernorm, .embedding, .pooling, .flatten, .dropout, .activation: nil
        }
    }

    /// Replaces the params, in `namedParameters` order (the caller checked count and shapes).
    /// A value that is already a leaf param is used as it is (gradcheck differentiates through
    /// its own leaves); any other value becomes a fresh param labelled `scope.name`.
    mutating func replaceParameters(_ values: [Tensor]) {
        switch self {
        case .dense(var d):
            d.setParameters(weight: values[0], bias: d.useBias ? values[1] : nil)
            self = .dense(d)
        case .conv2d(var c):
            c.setParameters(weight: values[0], bias: c.useBias ? values[1] : nil)
            self = .conv2d(c)
        case .batchnorm(var b):
            b.setParameters(values)
            self = .batchnorm(b)
        case .layernorm(var l):
            l.setParameters(values)
            self = .layernorm(l)
        case .embedding(var e):
            e.setParameters(weight: values[0])
            self = .embedding(e)
        case .pooling, .flatten, .dropout, .activation:
            break
        }
    }

    /// Moves the trainable params (or, with `all`, every param) out of the layer, leaving it
    /// without them, in `namedParameters` order, so that their storage is uniquely referenced
    /// and an optimizer can update it in place.
    mutating func takeParameters(all: Bool = false) -> [Tensor] {
        switch self {
        case .dense(var d):
            let taken = [d.weight, d.bias].compactMap { $0 }
            d.weight = nil
            d.bias = nil
            self = .dense(d)
            return taken
        case .conv2d(var c):
            let taken = [c.weight, c.bias].compactMap { $0 }
            c.weight = nil
            c.bias = nil
            self = .conv2d(c)
            return taken
        case .batchnorm(var b):
            // The moving statistics are not the optimizer's: they stay unless all are taken.
            var taken = [b.gamma, b.beta].compactMap { $0 }
            (b.gamma, b.beta) = (nil, nil)
            if all {
                taken += [b.movingMean, b.movingVariance].compactMap { $0 }
                (b.movingMean, b.movingVariance) = (nil, nil)
            }
            self = .batchnorm(b)
            return taken
        case .layernorm(var l):
            let taken = [l.gamma, l.beta].compactMap { $0 }
            (l.gamma, l.beta) = (nil, nil)
            self = .layernorm(l)
            return taken
        case .embedding(var e):
            let taken = [e.weight].compactMap { $0 }
            e.weight = nil
            self = .embedding(e)
            return taken
        case .pooling, .flatten, .dropout, .activation:
            return []
        }
    }

    /// Puts back what `takeParameters(all:)` took, in the same order, as they are (no relabelling).
    mutating func restoreParameters(_ values: [Tensor], all: Bool = false) {
        switch self {
        case .dense(var d):
            d.weight = values.first
            d.bias = d.useBias && values.count > 1 ? values[1] : nil
            self = .dense(d)
        case .conv2d(var c):
            c.weight = values.first
            c.bias = c.useBias && values.count > 1 ? values[1] : nil
            self = .conv2d(c)
        case .batchnorm(var b):
            (b.gamma, b.beta) = (values.element(0), values.element(1))
            if all { (b.movingMean, b.movingVariance) = (values.element(2), values.element(3)) }
            self = .batchnorm(b)
        case .layernorm(var l):
            (l.gamma, l.beta) = (values.element(0), values.element(1))
            self = .layernorm(l)
        case .embedding(var e):
            e.weight = values.first
            self = .embedding(e)
        case .pooling, .flatten, .dropout, .activation:
            break
        }
    }

    /// A copy whose params are constants, so a forward pass through it records no graph.
    public var detached: Layer {
        switch self {
        case .dense(var d):
            d.weight = d.weight?.detached
            d.bias = d.bias?.detached
            return .dense(d)
        case .conv2d(var c):
            c.weight = c.weight?.detached
            c.bias = c.bias?.detached
            return .conv2d(c)
        case .batchnorm(var b):
            b.gamma = b.gamma?.detached
            b.beta = b.beta?.detached
            b.movingMean = b.movingMean?.detached
            b.movingVariance = b.movingVariance?.detached
            return .batchnorm(b)
        case .layernorm(var l):
            l.gamma = l.gamma?.detached
            l.beta = l.beta?.detached
            return .layernorm(l)
        case .embedding(var e):
            e.weight = e.weight?.detached
            return .embedding(e)
        case .pooling, .flatten, .dropout, .activation:
            return self
        }
    }

    // MARK: Building and shapes

    /// The per-sample input shape the layer declares (`dense(…, input=10)`: `[10]`), if any.
    public var declaredInputShape: [Int]? {
        switch self {
        case .dense(let d): d.inputSize.map { [$0] }
        case .conv2d(let c): c.inputShape
        case .pooling(let p): p.inputShape
        case .flatten(let f): f.inputShape
        case .batchnorm(let b): b.inputShape
        case .layernorm(let l): l.inputShape
        case .embedding(let e): e.inputLength.map { [$0] }
        case .dropout, .activation: nil
        }
    }

    /// Whether building the layer needs its input shape (its params' shapes depend on it), so
    /// a model whose first such layer declares none cannot be built.
    var needsInputShape: Bool {
        switch self {
        case .dense, .conv2d, .batchnorm, .layernorm, .embedding: true
        case .pooling, .flatten, .dropout, .activation: false
        }
    }

    /// The layer built as `name` for per-sample inputs of `inputShape`, its params drawn from
    /// `generator`; throws when the layer cannot take that shape.
    func built(name: String, inputShape: [Int], using generator: inout RandomGenerator) throws(NNError) -> Layer {
        switch self {
        case .dense(var d):
            if let declared = d.inputSize, inputShape != [declared] {
                throw .layerShapeMismatch(layer: name, expected: [nil, declared], got: [nil] + inputShape)
            }
            guard inputShape.count == 1 else {
                throw .layerShapeMismatch(layer: name, expected: [nil, nil], got: [nil] + inputShape)
            }
            try d.build(inputSize: inputShape[0], name: name, using: &generator)
            return .dense(d)
        case .conv2d(var c):
            try c.build(inputShape: inputShape, name: name, using: &generator)
            return .conv2d(c)
        case .pooling(var p):
            _ = try p.outputShape(inputShape: inputShape, name: name)
            p.name = name
            return .pooling(p)
        case .flatten(var f):
            _ = try f.outputShape(inputShape: inputShape, name: name)
            f.name = name
            return .flatten(f)
        case .batchnorm(var b):
            try b.build(inputShape: inputShape, name: name)
            return .batchnorm(b)
        case .layernorm(var l):
            try l.build(inputShape: inputShape, name: name)
            return .layernorm(l)
        case .embedding(var e):
            try e.build(inputShape: inputShape, name: name, using: &generator)
            return .embedding(e)
        case .dropout(var d):
            d.name = name
            return .dropout(d)
        case .activation(let a, _):
            return .activation(a, name: name)
        }
    }

    /// The shape of one sample's output for one sample's input of `inputShape` (`[units]` for
    /// dense); throws, naming the layer and both shapes, when the input does not fit.
    public func outputShape(inputShape: [Int]) throws(NNError) -> [Int] {
        switch self {
        case .dense(let d):
            let expected = d.inputSize ?? inputShape.first ?? 0
            guard inputShape == [expected] else {
                throw .layerShapeMismatch(layer: name, expected: [nil, expected], got: [nil] + inputShape)
            }
            return [d.units]
        case .conv2d(let c): return try c.outputShape(inputShape: inputShape, name: name)
        case .pooling(let p): return try p.outputShape(inputShape: inputShape, name: name)
        case .flatten(let f): return try f.outputShape(inputShape: inputShape, name: name)
        case .batchnorm(let b): return try b.outputShape(inputShape: inputShape, name: name)
        case .layernorm(let l): return try l.outputShape(inputShape: inputShape, name: name)
        case .embedding(let e): return try e.outputShape(inputShape: inputShape, name: name)
        case .dropout, .activation:
            return inputShape
        }
    }

    // MARK: Forward

    /// The layer on a batch. With `training`, dropout is active and draws from `generator`, and
    /// a layer with non-trainable state records its new values in `updates`.
    func forward(
        _ x: Tensor, training: Bool, generator: inout RandomGenerator, updates: inout LayerStateUpdates
    ) throws(TensorError) -> Tensor {
        switch self {
        case .dense(let d): try d.forward(x)
        case .conv2d(let c): try c.forward(x)
        case .pooling(let p): try p.forward(x)
        case .flatten(let f): try f.forward(x)
        case .batchnorm(let b): try b.forward(x, training: training, updates: &updates)
        case .layernorm(let l): try l.forward(x)
        case .embedding(let e): try e.forward(x)
        case .dropout(let d): try d.forward(x, training: training, generator: &generator)
        case .activation(let a, let name): try a.apply(x).scoped(name)
        }
    }

    /// The activation the layer ends in (what a loss fused with it sees): linear for a layer
    /// that applies none.
    public var outputActivation: Activation {
        switch self {
        case .dense(let d): d.activation
        case .conv2d(let c): c.activation
        case .activation(let a, _): a
        case .pooling, .flatten, .batchnorm, .layernorm, .embedding, .dropout: .linear
        }
    }

    /// The layer as the last of a model, split before its `outputActivation`: the logits, for
    /// losses that fuse with the activation.
    func forwardLogits(
        _ x: Tensor, training: Bool, generator: inout RandomGenerator, updates: inout LayerStateUpdates
    ) throws(TensorError) -> Tensor {
        switch self {
        case .dense(let d): try d.preActivation(x)
        case .conv2d(let c): try c.preActivation(x)
        case .activation: x
        case .pooling, .flatten, .batchnorm, .layernorm, .embedding, .dropout:
            try forward(x, training: training, generator: &generator, updates: &updates)
        }
    }

    /// Checks values of the model's input that the layer, when first, takes as indices
    /// (an embedding's), naming the row of `x` a bad one is in; other layers take any number.
    func checkInputValues(_ x: Tensor) throws(NNError) {
        switch self {
        case .embedding(let e): try e.checkIndices(x)
        case .dense, .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .dropout, .activation: break
        }
    }

    /// Whether the layer takes the model's raw input only (an embedding's indices are data,
    /// never a previous layer's output).
    var mustBeFirst: Bool {
        switch self {
        case .embedding: true
        case .dense, .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .dropout, .activation: false
        }
    }
}

/// One param of a layer: its name within the layer (`W`), its value, and whether the
/// optimizer trains it (false for state such as a moving mean, which a training forward sets).
public struct LayerParameter {
    public let name: String
    public let value: Tensor
    public let trainable: Bool
}

/// New values of non-trainable params from a training forward, by label (`batchnorm_0.moving_mean`),
/// applied by the step that ran it.
public struct LayerStateUpdates {
    public internal(set) var values: [String: Tensor] = [:]
    public init() {}
    public var isEmpty: Bool { values.isEmpty }
}

private extension Array {
    /// The element at `i`, or nil past the end (a layer restored without the params it lent out).
    func element(_ i: Int) -> Element? { i < count ? self[i] : nil }
}
