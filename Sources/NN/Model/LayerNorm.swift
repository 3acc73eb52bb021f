import Autodiff

/// Layer normalization as a layer (Keras's `LayerNormalization`): each sample normalized over
/// its last axis, then scaled and shifted, the same in training and at inference:
///
///     x̂ = (x − mean(x)) / √(var(x) + ε) over the last axis,  y = γ ⊙ x̂ + β
///
/// Shapes: x `[n, …, d]`, γ and β `[d]` (ones and zeros); y the shape of x.
public struct LayerNorm {
    public let eps: Float
    /// The per-sample input shape from `input=`, if declared.
    public let inputShape: [Int]?
    /// `layernorm_0`, … once built.
    public internal(set) var name = "layernorm"
    public internal(set) var gamma: Tensor?
    public internal(set) var beta: Tensor?

    /// Keras's default ε.
    public static let defaultEps: Float = 0.001

    public init(eps: Float = LayerNorm.defaultEps, inputShape: [Int]? = nil) throws(NNError) {
        guard eps.isFinite, eps > 0 else {
            throw .invalidLayerArgument(layer: "layernorm", message: "eps must be a finite number > 0 (Keras uses 0.001), got \(eps)")
        }
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidLayerArgument(layer: "layernorm", message: "input must be a shape of positive sizes, got \(inputShape)")
        }
        if let inputShape { try Flatten.checkSize(inputShape, layer: "layernorm") }
        self.eps = eps
        self.inputShape = inputShape
    }

    func outputShape(inputShape shape: [Int], name: String) throws(NNError) -> [Int] {
        if let declared = inputShape, declared != shape {
            throw .layerShapeMismatch(layer: name, expected: [nil] + declared, got: [nil] + shape)
        }
        guard !shape.isEmpty else { throw .layerShapeMismatch(layer: name, expected: [nil, nil], got: [nil]) }
        return shape
    }

    /// Creates γ and β, one value per element of the last axis.
    mutating func build(inputShape shape: [Int], name: String) throws(NNError) {
        _ = try outputShape(inputShape: shape, name: name)
        self.name = name
        let features = shape[shape.count - 1]
        do {
            gamma = try Tensor(shape: [features], repeating: 1).param(label: "\(name).gamma")
            beta = try Tensor.zeros([features]).param(label: "\(name).beta")
        } catch {
            throw .tensor(error, layer: name)
        }
    }

    func forward(_ x: Tensor) throws(TensorError) -> Tensor {
        guard let gamma, let beta else { throw .invalidArgument("\(name) is not built") }
        return try Tensor.layerNorm(x, gamma: gamma, beta: beta, eps: eps).scoped(name)
    }

    /// Replaces the params, γ then β (same shapes).
    mutating func setParameters(_ values: [Tensor]) {
        gamma = Dense.asParam(values[0], label: "\(name).gamma")
        beta = Dense.asParam(values[1], label: "\(name).beta")
    }
}
