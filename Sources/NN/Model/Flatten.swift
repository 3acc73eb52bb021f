import Autodiff

/// Each sample as one row: `[batch, c, h, w]` → `[batch, c·h·w]` (a reshape, in row-major
/// order, so a following dense layer sees channel by channel, row by row). No params.
public struct Flatten: Sendable {
    /// The per-sample input shape from `input=`, if declared.
    public let inputShape: [Int]?
    public internal(set) var name = "flatten"

    public init(inputShape: [Int]? = nil) throws(NNError) {
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidLayerArgument(layer: "flatten", message: "input must be a shape of positive sizes, got \(inputShape)")
        }
        if let inputShape { try Flatten.checkSize(inputShape, layer: "flatten") }
        self.inputShape = inputShape
    }

    /// Refuses a declared input shape whose element count is beyond a tensor's limit, so that
    /// no later product of its sizes can overflow.
    static func checkSize(_ shape: [Int], layer: String) throws(NNError) {
        do { _ = try ShapeMath.elementCount(shape) } catch { throw .tensor(error, layer: layer) }
    }

    func outputShape(inputShape: [Int], name: String) throws(NNError) -> [Int] {
        if let declared = self.inputShape, declared != inputShape {
            throw .layerShapeMismatch(layer: name, expected: [nil] + declared, got: [nil] + inputShape)
        }
        return [inputShape.reduce(1, *)]
    }

    func forward(_ x: Tensor) throws(TensorError) -> Tensor {
        try x.flattened().scoped(name)
    }
}
