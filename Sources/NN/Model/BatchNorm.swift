import Autodiff

/// Batch normalization as a layer (Keras's `BatchNormalization`), over the features of `[n, f]`
/// or the channels of `[n, c, h, w]`.
///
/// In training (`fit`, `train_step`) each channel is normalized by the batch's mean and biased
/// variance (the fused `Tensor.batchNorm`), and the moving statistics follow them by Keras's rule
///
///     moving ← momentum · moving + (1 − momentum) · batch
///
/// recorded in `LayerStateUpdates` and applied by the step once it is taken (Keras's
/// `BatchNormalization.call` assigns exactly this, with the biased variance of `ops.moments`;
/// PyTorch's running variance is the unbiased one instead). At inference
/// (`predict`, `evaluate`, `model(x)`) the moving statistics stand in for the batch's:
///
///     y = (x − moving_mean) · γ / √(moving_var + ε) + β
///
/// Params: γ `[c]` (ones) and β `[c]` (zeros) train; moving_mean `[c]` (zeros) and moving_var
/// `[c]` (ones) do not (Keras counts them as non-trainable params).
public struct BatchNorm {
    public let momentum: Float
    public let eps: Float
    /// The per-sample input `[f]` or `[c, h, w]` declared by `input=`, if any.
    public let inputShape: [Int]?
    /// The per-sample input the layer was built for (nil until built).
    public private(set) var sampleShape: [Int]?
    /// `batchnorm_0`, `batchnorm_1`, … once built.
    public internal(set) var name = "batchnorm"
    public internal(set) var gamma: Tensor?
    public internal(set) var beta: Tensor?
    public internal(set) var movingMean: Tensor?
    public internal(set) var movingVariance: Tensor?

    /// Keras's defaults: momentum 0.99, ε 0.001.
    public static let defaultMomentum: Float = 0.99
    public static let defaultEps: Float = 0.001

    public init(momentum: Float = BatchNorm.defaultMomentum, eps: Float = BatchNorm.defaultEps, inputShape: [Int]? = nil) throws(NNError) {
        guard momentum.isFinite, momentum >= 0, momentum <= 1 else {
            throw .invalidLayerArgument(layer: "batchnorm", message: "momentum must be in [0, 1] (Keras uses 0.99), got \(momentum)")
        }
        guard eps.isFinite, eps > 0 else {
            throw .invalidLayerArgument(layer: "batchnorm", message: "eps must be a finite number > 0 (Keras uses 0.001), got \(eps)")
        }
        if let inputShape { try BatchNorm.checkSampleShape(inputShape, layer: "batchnorm") }
        self.momentum = momentum
        self.eps = eps
        self.inputShape = inputShape
    }

    /// A sample is `[f]` or `[c, h, w]` of positive sizes.
    static func checkSampleShape(_ shape: [Int], layer: String) throws(NNError) {
        guard shape.count == 1 || shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw .invalidLayerArgument(layer: layer, message: "input must be [features] or [channels, height, width] of positive sizes, got \(shape)")
        }
        try Flatten.checkSize(shape, layer: layer)
    }

    func outputShape(inputShape shape: [Int], name: String) throws(NNError) -> [Int] {
        if let declared = inputShape, declared != shape {
            throw .layerShapeMismatch(layer: name, expected: [nil] + declared, got: [nil] + shape)
        }
        guard shape.count == 1 || shape.count == 3 else {
            throw .invalidLayerArgument(layer: name, message: "normalizes [n, features] or [n, channels, height, width], but the previous layer "
                + "outputs \(describeSamples([nil] + shape)): flatten() before it, or layernorm() over the last axis")
        }
        return shape
    }

    /// Creates γ, β and the moving statistics, one value per channel of `shape`.
    mutating func build(inputShape shape: [Int], name: String) throws(NNError) {
        _ = try outputShape(inputShape: shape, name: name)
        sampleShape = shape
        self.name = name
        let channels = shape[0]
        do {
            gamma = try Tensor(shape: [channels], repeating: 1).param(label: "\(name).gamma")
            beta = try Tensor.zeros([channels]).param(label: "\(name).beta")
            movingMean = try Tensor.zeros([channels]).param(label: "\(name).moving_mean")
            movingVariance = try Tensor(shape: [channels], repeating: 1).param(label: "\(name).moving_var")
        } catch {
            throw .tensor(error, layer: name)
        }
    }

    /// The layer on a batch: batch statistics (and their moving averages recorded in
    /// `updates`) in training, the moving statistics otherwise.
    func forward(_ x: Tensor, training: Bool, updates: inout LayerStateUpdates) throws(TensorError) -> Tensor {
        guard let gamma, let beta, let movingMean, let movingVariance else { throw .invalidArgument("\(name) is not built") }
        guard training else { return try inference(x, gamma: gamma, beta: beta, mean: movingMean, variance: movingVariance) }
        let result = try Tensor.batchNorm(x, gamma: gamma, beta: beta, eps: eps)
        updates.values["\(name).moving_mean"] = movingAverage(movingMean, result.mean)
        updates.values["\(name).moving_var"] = movingAverage(movingVariance, result.variance)
        return result.output.scoped(name)
    }

    /// momentum · moving + (1 − momentum) · batch, elementwise, as a constant.
    private func movingAverage(_ moving: Tensor, _ batch: Tensor) -> Tensor {
        let old = moving.scalars, new = batch.scalars
        return Tensor(zip(old, new).map { momentum * $0 + (1 - momentum) * $1 })
    }

    /// (x − mean) · γ/√(variance + ε) + β with the given (constant) statistics; γ and β stay
    /// differentiable, so `model(x)` at inference still has gradients for them.
    private func inference(_ x: Tensor, gamma: Tensor, beta: Tensor, mean: Tensor, variance: Tensor) throws(TensorError) -> Tensor {
        guard (1...4).contains(x.rank) else {
            throw .rankMismatch(op: "batchnorm", expected: "x of shape [n, features] or [n, channels, height, width]", shape: x.shape)
        }
        let channels = gamma.count
        // Per-channel vectors broadcast over the batch ([c]) or over the batch and the pixels
        // ([c, 1, 1]); one sample, `[f]` or `[c, h, w]`, broadcasts the same way.
        let perChannel = x.rank >= 3 ? [channels, 1, 1] : [channels]
        let inverseStd = Tensor(variance.scalars.map { 1 / ($0 + eps).squareRoot() })
        let scale = try (gamma * inverseStd).reshaped(perChannel).scoped(name)
        let centered = try (x - mean.detached.reshaped(perChannel)).scoped(name)
        return try (centered * scale + beta.reshaped(perChannel)).scoped(name)
    }

    /// Replaces the params, in the order γ, β, moving mean, moving variance (same shapes).
    mutating func setParameters(_ values: [Tensor]) {
        gamma = Dense.asParam(values[0], label: "\(name).gamma")
        beta = Dense.asParam(values[1], label: "\(name).beta")
        movingMean = Dense.asParam(values[2], label: "\(name).moving_mean")
        movingVariance = Dense.asParam(values[3], label: "\(name).moving_var")
    }
}
