import Autodiff

/// How a dense layer's kernel starts out. Biases always start at zero (Keras's default).
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
        switch self {
        case .glorot:
            let limit = Float((6.0 / Double(Swift.max(fanIn + fanOut, 1))).squareRoot())
            return try Tensor.uniform([fanIn, fanOut], low: -limit, high: limit, using: &generator)
        case .he:
            let std = Float((2.0 / Double(Swift.max(fanIn, 1))).squareRoot() / 0.87962566103423978)
            var values = [Float](repeating: 0, count: try ShapeMath.elementCount([fanIn, fanOut]))
            for i in values.indices {
                var z = generator.nextNormal()
                while Swift.abs(z) > 2 { z = generator.nextNormal() }
                values[i] = z * std
            }
            return try Tensor(shape: [fanIn, fanOut], scalars: values)
        case .zeros:
            return try Tensor.zeros([fanIn, fanOut])
        }
    }
}
