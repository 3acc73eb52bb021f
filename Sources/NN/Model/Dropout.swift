import Autodiff

/// Dropout: during training each input is zeroed with probability `rate` and the survivors are
/// scaled by 1/(1 − rate) (inverted dropout, so inference needs no rescaling); at inference it
/// is the identity. ∂y/∂x = mask/(1 − rate).
public struct Dropout: Sendable {
    public let rate: Float
    public internal(set) var name = "dropout"
    /// The per-sample input shape it declares as the first layer of a model (`input=`), if any.
    public let inputShape: [Int]?

    public init(rate: Float, inputShape: [Int]? = nil) throws(NNError) {
        guard rate >= 0, rate < 1 else {
            throw .invalidLayerArgument(layer: "dropout", message: "rate must be in [0, 1), got \(rate)")
        }
        if let inputShape { try Flatten.checkSize(inputShape, layer: "dropout") }
        self.rate = rate
        self.inputShape = inputShape
    }

    func forward(_ x: Tensor, training: Bool, generator: inout RandomGenerator) throws(TensorError) -> Tensor {
        guard training, rate > 0 else { return x }
        let keep = 1 - rate
        var mask = try Tensor.zeros(x.shape)
        mask.withUnsafeMutableBufferPointer { m in
            for i in m.indices { m[i] = generator.nextFloat() < keep ? 1 / keep : 0 }
        }
        return try (x * mask).scoped(name)
    }
}
