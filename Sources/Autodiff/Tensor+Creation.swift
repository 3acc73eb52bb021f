/// Constructors: constant fills, ranges, identity, and seeded random tensors.
///
/// Every shape passes through `ShapeMath.elementCount`, so a negative or absurd size is a thrown
/// error naming the shape and the limit.
extension Tensor {
    public static func zeros(_ shape: [Int]) throws(TensorError) -> Tensor {
        try Tensor(shape: shape, repeating: 0)
    }

    public static func ones(_ shape: [Int]) throws(TensorError) -> Tensor {
        try Tensor(shape: shape, repeating: 1)
    }

    public static func full(_ shape: [Int], value: Float) throws(TensorError) -> Tensor {
        try Tensor(shape: shape, repeating: value)
    }

    /// The n×n identity matrix.
    public static func eye(_ n: Int) throws(TensorError) -> Tensor {
        let t = try Tensor(shape: [n, n], repeating: 0)
        for i in 0..<n { t.storage.base[i * n + i] = 1 }
        return t
    }

    /// `start, start + step, …` up to but excluding `stop` (NumPy's `arange`).
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1) throws(TensorError) -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw .invalidArgument("arange needs finite bounds and a non-zero step (got \(start), \(stop), \(step))")
        }
        let span = ((stop - start) / step).rounded(.up)
        guard span < Double(TensorAllocationLimit.elements) else {
            throw .tooLarge(shape: [Int(Swift.min(span, 1e18))], limit: TensorAllocationLimit.elements)
        }
        let n = Swift.max(0, Int(span))
        let t = Tensor(uninitializedShape: [n])
        for i in 0..<n { t.storage.base[i] = Float(start + Double(i) * step) }
        return t
    }

    /// `count` evenly spaced values from `start` to `stop`, both included (NumPy's `linspace`).
    public static func linspace(_ start: Double, _ stop: Double, count: Int) throws(TensorError) -> Tensor {
        guard count >= 0 else { throw .invalidArgument("linspace needs a non-negative count, got \(count)") }
        _ = try ShapeMath.elementCount([count])
        let t = Tensor(uninitializedShape: [count])
        let step = count > 1 ? (stop - start) / Double(count - 1) : 0
        for i in 0..<count { t.storage.base[i] = Float(start + Double(i) * step) }
        if count > 1 { t.storage.base[count - 1] = Float(stop) }
        return t
    }

    /// Uniform in [low, high), drawn in row-major order from `generator`.
    public static func uniform(
        _ shape: [Int], low: Float = 0, high: Float = 1, using generator: inout RandomGenerator
    ) throws(TensorError) -> Tensor {
        let n = try ShapeMath.elementCount(shape)
        let t = Tensor(uninitializedShape: shape)
        for i in 0..<n { t.storage.base[i] = low + (high - low) * generator.nextFloat() }
        return t
    }

    /// Normal with the given mean and standard deviation, in row-major order from `generator`.
    public static func normal(
        _ shape: [Int], mean: Float = 0, std: Float = 1, using generator: inout RandomGenerator
    ) throws(TensorError) -> Tensor {
        let n = try ShapeMath.elementCount(shape)
        let t = Tensor(uninitializedShape: shape)
        for i in 0..<n { t.storage.base[i] = mean + std * generator.nextNormal() }
        return t
    }
}
