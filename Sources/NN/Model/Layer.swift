import Autodiff

/// One layer of a sequential model, and the one place that says what each kind of layer is.
///
/// Every question a model, a trainer, an exporter or the REPL asks of a layer — its params by
/// name, which of them train, how to replace them, a detached copy, its names, its output shape,
/// its forward — is answered here by an exhaustive switch, so adding a layer kind means a new
/// file for its type, a case here, and the places the compiler then lists (the exporters and
/// renderers that switch over every kind). Code outside this file and `Layer+Parameters.swift`
/// asks these questions and does not match a kind with `if case` to skip the others.
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
        case .dropout(let d): d.inputShape
        case .activation: nil
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

    /// The fewest rows a training batch needs: 2 for a batchnorm whose channels hold one value
    /// per sample (features, or 1×1 images), since batch statistics of one value normalize it
    /// to 0 whatever it is; 1 for every other layer.
    var fewestTrainingRows: Int {
        switch self {
        case .batchnorm(let b): (b.sampleShape?.dropFirst().reduce(1, *) ?? 1) == 1 ? 2 : 1
        case .dense, .conv2d, .pooling, .flatten, .layernorm, .embedding, .dropout, .activation: 1
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

/// New values of non-trainable params from a training forward, by label (`batchnorm_0.moving_mean`),
/// applied by the step that ran it.
public struct LayerStateUpdates {
    public internal(set) var values: [String: Tensor] = [:]
    public init() {}
    public var isEmpty: Bool { values.isEmpty }
}

