import Autodiff

/// A max or average pooling layer over `size × size` windows `stride` apart (no padding), on
/// images `[batch, c, h, w]`: y `[batch, c, h′, w′]`, h′ = (h − size) / stride + 1. No params.
public struct Pooling2D: Sendable {
    /// What a window becomes: its largest element, or its mean.
    public enum Reduction: Sendable {
        case max, average
    }

    public let reduction: Reduction
    public let size: Int
    public let stride: Int
    /// The per-sample input `[c, h, w]` from `input=`, if declared.
    public let inputShape: [Int]?
    public internal(set) var name: String

    public init(_ reduction: Reduction, size: Int, stride: Int? = nil, inputShape: [Int]? = nil) throws(NNError) {
        let op = reduction == .max ? "maxpool2d" : "avgpool2d"
        guard size > 0 else { throw .invalidLayerArgument(layer: op, message: "size must be positive, got \(size)") }
        if let stride, stride <= 0 { throw .invalidLayerArgument(layer: op, message: "stride must be positive, got \(stride)") }
        if let inputShape, inputShape.count != 3 || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidLayerArgument(layer: op, message: "input must be a shape [channels, height, width] of positive sizes, got \(inputShape)")
        }
        if let inputShape { try Flatten.checkSize(inputShape, layer: op) }
        self.reduction = reduction
        self.size = size
        self.stride = stride ?? size
        self.inputShape = inputShape
        name = op
    }

    /// The op's name in the language (`maxpool2d`), which is also the layer kind's.
    public var opName: String { reduction == .max ? "maxpool2d" : "avgpool2d" }

    /// One sample's output shape for one sample's input `[c, h, w]`; throws, naming the layer
    /// and both shapes, when the window does not fit.
    func outputShape(inputShape: [Int], name: String) throws(NNError) -> [Int] {
        guard inputShape.count == 3 else {
            throw .layerShapeMismatch(layer: name, expected: [nil, nil, nil, nil], got: [nil] + inputShape)
        }
        if let declared = self.inputShape, declared != inputShape {
            throw .layerShapeMismatch(layer: name, expected: [nil] + declared, got: [nil] + inputShape)
        }
        do {
            return Array(try Tensor.pool2dOutputShape(op: opName, input: [1] + inputShape, size: size, stride: stride).dropFirst())
        } catch {
            throw .tensor(error, layer: name)
        }
    }

    func forward(_ x: Tensor) throws(TensorError) -> Tensor {
        switch reduction {
        case .max: try x.maxPool2d(size: size, stride: stride).scoped(name)
        case .average: try x.avgPool2d(size: size, stride: stride).scoped(name)
        }
    }
}
