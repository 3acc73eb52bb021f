import Autodiff

/// How a dense or convolution layer's kernel starts out. Biases always start at zero (Keras's default).
public enum Initializer: String, Sendable, CaseIterable {
    /// Glorot (Xavier) uniform, Keras's default kernel initializer:
    /// W ~ U(−l, l), l = √(6 / (fan_in + fan_out)).
    case glorot
    /// He normal, for relu networks (Keras's `he_normal`): a normal with σ = √(2 / fan_in),
    /// truncated at two standard deviations (redrawn beyond) and rescaled by 1/0.87962566 so
    /// that the truncated distribution keeps that σ.
    case he
    /// All zeros (every unit identical: useful only to show why it fails).
    case zeros

    /// A `[fanIn, fanOut]` kernel drawn from `generator`.
    public func kernel(fanIn: Int, fanOut: Int, using generator: inout RandomGenerator) throws(TensorError) -> Tensor {
        try kernel(shape: [fanIn, fanOut], fanIn: fanIn, fanOut: fanOut, using: &generator)
    }

    /// A kernel of `shape` drawn from `generator`, scaled by its fans (for a convolution's
    /// `[f, c, kh, kw]`, fan-in c·kh·kw and fan-out f·kh·kw, as Keras counts them).
    public func kernel(shape: [Int], fanIn: Int, fanOut: Int, using generator: inout RandomGenerator) throws(TensorError) -> Tensor {
        switch self {
        case .glorot:
            let limit = Float((6.0 / Double(Swift.max(fanIn + fanOut, 1))).squareRoot())
            return try Tensor.uniform(shape, low: -limit, high: limit, using: &generator)
        case .he:
            let std = Float((2.0 / Double(Swift.max(fanIn, 1))).squareRoot() / 0.87962566103423978)
            var values = [Float](repeating: 0, count: try ShapeMath.elementCount(shape))
            for i in values.indices {
                var z = generator.nextNormal()
                while Swift.abs(z) > 2 { z = generator.nextNormal() }
                values[i] = z * std
            }
            return try Tensor(shape: shape, scalars: values)
        case .zeros:
            return try Tensor.zeros(shape)
        }
    }
}
