import Autodiff

/// A fully connected layer: y = activation(x · W + b).
///
/// Shapes: x `[batch, inputSize]`, W `[inputSize, units]`, b `[units]`, y `[batch, units]`.
/// Created as a specification (`dense(128, relu)`); its params exist once the layer is built
/// into a model, which is when its input size becomes known.
public struct Dense {
    public let units: Int
    /// The input width, from `input=` or inferred from the previous layer when built.
    public private(set) var inputSize: Int?
    public let activation: Activation
    public let initializer: Initializer
    public let useBias: Bool
    /// `dense_0`, `dense_1`, … once built.
    public internal(set) var name = "dense"
    /// The kernel `[inputSize, units]` (a param), nil until built.
    public internal(set) var weight: Tensor?
    /// The bias `[units]` (a param), nil until built or when `useBias` is false.
    public internal(set) var bias: Tensor?

    public init(
        units: Int, activation: Activation = .linear, inputSize: Int? = nil,
        initializer: Initializer = .glorot, useBias: Bool = true
    ) throws(NNError) {
        guard units > 0 else { throw .invalidLayerArgument(layer: "dense", message: "units must be positive, got \(units)") }
        if let inputSize, inputSize <= 0 {
            throw .invalidLayerArgument(layer: "dense", message: "input must be positive, got \(inputSize)")
        }
        self.units = units
        self.inputSize = inputSize
        self.activation = activation
        self.initializer = initializer
        self.useBias = useBias
    }

    /// Creates the params for `inputSize` inputs, drawing the kernel from `generator`.
    mutating func build(inputSize: Int, name: String, using generator: inout RandomGenerator) throws(NNError) {
        self.inputSize = inputSize
        self.name = name
        do {
            weight = try initializer.kernel(fanIn: inputSize, fanOut: units, using: &generator)
                .param(label: "\(name).W")
            bias = useBias ? try Tensor.zeros([units]).param(label: "\(name).b") : nil
        } catch {
            throw .tensor(error, layer: name)
        }
    }

    /// The params in order: W, then b.
    public var parameters: [Tensor] { [weight, bias].compactMap { $0 } }

    /// x · W + b, before the activation.
    func preActivation(_ x: Tensor) throws(TensorError) -> Tensor {
        guard let weight else { throw .invalidArgument("\(name) is not built") }
        var z = try Tensor.matmul(x, weight).scoped(name)
        if let bias { z = try (z + bias).scoped(name) }
        return z
    }

    /// activation(x · W + b).
    func forward(_ x: Tensor) throws(TensorError) -> Tensor {
        try activation.apply(preActivation(x)).scoped(name)
    }

    /// Replaces the params (same shapes). Values that are already params are used as they
    /// are (gradcheck differentiates through its own leaves); others become fresh params.
    mutating func setParameters(weight w: Tensor, bias b: Tensor?) {
        weight = Dense.asParam(w, label: "\(name).W")
        bias = b.map { Dense.asParam($0, label: "\(name).b") }
    }

    static func asParam(_ t: Tensor, label: String) -> Tensor {
        guard t.node?.isLeaf == true else { return t.param(label: label) }
        if t.node?.label == nil { t.labeled(label) }
        return t
    }
}
