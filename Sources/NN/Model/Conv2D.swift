import Autodiff

/// A 2-D convolution layer: y = activation(conv2d(x, W) + b), in gradbook's NCHW layout.
///
/// Shapes: x `[batch, c, h, w]`, W `[filters, c, kh, kw]`, b `[filters]`, y `[batch, filters, h′, w′]`
/// with h′ = (h + padding − kh) / stride + 1. Like `Dense`, a specification until built into a
/// model, when its input channels become known. The kernel's fans are Keras's: fan-in c·kh·kw,
/// fan-out filters·kh·kw.
public struct Conv2D {
    public let filters: Int
    /// The kernel's height and width (square kernels).
    public let kernelSize: Int
    public let stride: Int
    public let padding: WindowPadding
    public let activation: Activation
    /// The per-sample input `[c, h, w]`, from `input=` or the previous layer when built.
    public private(set) var inputShape: [Int]?
    public let initializer: Initializer
    public let useBias: Bool
    /// `conv2d_0`, `conv2d_1`, … once built.
    public internal(set) var name = "conv2d"
    /// The kernel `[filters, c, kh, kw]` (a param), nil until built.
    public internal(set) var weight: Tensor?
    /// The bias `[filters]` (a param), nil until built or when `useBias` is false.
    public internal(set) var bias: Tensor?

    public init(
        filters: Int, kernelSize: Int, stride: Int = 1, padding: WindowPadding = .zeros(0),
        activation: Activation = .linear, inputShape: [Int]? = nil, initializer: Initializer = .glorot, useBias: Bool = true
    ) throws(NNError) {
        guard filters > 0 else { throw .invalidLayerArgument(layer: "conv2d", message: "filters must be positive, got \(filters)") }
        guard kernelSize > 0 else { throw .invalidLayerArgument(layer: "conv2d", message: "kernel must be positive, got \(kernelSize)") }
        guard stride > 0 else { throw .invalidLayerArgument(layer: "conv2d", message: "stride must be positive, got \(stride)") }
        if padding == .same, stride != 1 {
            throw .invalidLayerArgument(layer: "conv2d", message: "padding=same is defined for stride 1 only, got stride \(stride)")
        }
        if let inputShape, inputShape.count != 3 || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidLayerArgument(layer: "conv2d", message: "input must be a shape [channels, height, width] of positive sizes, got \(inputShape)")
        }
        if let inputShape { try Flatten.checkSize(inputShape, layer: "conv2d") }
        self.filters = filters
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.activation = activation
        self.inputShape = inputShape
        self.initializer = initializer
        self.useBias = useBias
    }

    /// The kernel's shape for `channels` input channels.
    func kernelShape(channels: Int) -> [Int] { [filters, channels, kernelSize, kernelSize] }

    /// One sample's output shape for one sample's input `[c, h, w]`; throws, naming the layer
    /// and both shapes, when the kernel does not fit the padded input.
    func outputShape(inputShape: [Int], name: String) throws(NNError) -> [Int] {
        guard inputShape.count == 3 else {
            throw .layerShapeMismatch(layer: name, expected: [nil, nil, nil, nil], got: [nil] + inputShape)
        }
        do {
            let y = try Tensor.conv2dOutputShape(input: [1] + inputShape, kernel: kernelShape(channels: inputShape[0]),
                                                 stride: stride, padding: padding)
            return Array(y.dropFirst())
        } catch {
            throw .tensor(error, layer: name)
        }
    }

    /// Creates the params for per-sample inputs `[c, h, w]`, drawing the kernel from `generator`.
    mutating func build(inputShape shape: [Int], name: String, using generator: inout RandomGenerator) throws(NNError) {
        if let declared = inputShape, declared != shape {
            throw .layerShapeMismatch(layer: name, expected: [nil] + declared, got: [nil] + shape)
        }
        _ = try outputShape(inputShape: shape, name: name)
        inputShape = shape
        self.name = name
        let taps = kernelSize * kernelSize
        do {
            weight = try initializer.kernel(shape: kernelShape(channels: shape[0]), fanIn: shape[0] * taps,
                                            fanOut: filters * taps, using: &generator)
                .param(label: "\(name).W")
            bias = useBias ? try Tensor.zeros([filters]).param(label: "\(name).b") : nil
        } catch {
            throw .tensor(error, layer: name)
        }
    }

    /// conv2d(x, W) + b, before the activation.
    func preActivation(_ x: Tensor) throws(TensorError) -> Tensor {
        guard let weight else { throw .invalidArgument("\(name) is not built") }
        return try Tensor.conv2d(x, weight, bias: bias, stride: stride, padding: padding).scoped(name)
    }

    /// activation(conv2d(x, W) + b).
    func forward(_ x: Tensor) throws(TensorError) -> Tensor {
        try activation.apply(preActivation(x)).scoped(name)
    }

    /// Replaces the params (same shapes), as `Dense.setParameters` does.
    mutating func setParameters(weight w: Tensor, bias b: Tensor?) {
        weight = Dense.asParam(w, label: "\(name).W")
        bias = b.map { Dense.asParam($0, label: "\(name).b") }
    }
}
