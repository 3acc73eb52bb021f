import Autodiff

/// Gaussian clusters and a linear regression, in any number of features.
extension DatasetGenerator {
    /// Gaussian clusters, one per class, as scikit-learn's `make_blobs`.
    ///
    /// Centres `c_j ~ U(−10, 10)^features`, drawn class by class; class j has ⌊n/k⌋ points
    /// (one more for the first n mod k classes), each `c_j + std·N(0, I)`; rows shuffled.
    /// Shapes: `x` `[n, features]`, `y` `[n]` class indices.
    static func blobs(
        n: Int, features: Int, classes: Int, std: Double, using random: inout RandomGenerator
    ) throws(DataError) -> Dataset {
        try checkSize(n: n, features: features)
        let centres = (0..<classes * features).map { _ in 20 * random.nextDouble() - 10 }
        var x = [Float](), y = [Float]()
        x.reserveCapacity(n * features)
        y.reserveCapacity(n)
        for j in 0..<classes {
            for _ in 0..<(n / classes + (j < n % classes ? 1 : 0)) {
                for f in 0..<features { x.append(Float(centres[j * features + f] + std * Double(random.nextNormal()))) }
                y.append(Float(j))
            }
        }
        shuffleRows(&x, &y, width: features, using: &random)
        return try dataset(x: x, y: y, features: features)
    }

    /// A linear regression: `y = x·w + b + noise·ε`.
    ///
    /// `w_j = s_j·(0.5 + 1.5u_j)` with a random sign `s_j` and `u_j ~ U(0, 1)` (slopes of
    /// magnitude 0.5 to 2, never flat), `b ~ U(−1, 1)`, then each row `x ~ N(0, I)` and
    /// `ε ~ N(0, 1)`. Shapes: `x` `[n, features]`, `y` `[n]` numbers.
    static func linear(n: Int, features: Int, noise: Double, using random: inout RandomGenerator) throws(DataError) -> Dataset {
        try checkSize(n: n, features: features)
        let w = (0..<features).map { _ in
            (random.nextDouble() < 0.5 ? -1.0 : 1.0) * (0.5 + 1.5 * random.nextDouble())
        }
        let b = 2 * random.nextDouble() - 1
        var x = [Float](repeating: 0, count: n * features), y = [Float](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b
            for j in 0..<features {
                let value = random.nextNormal()
                x[i * features + j] = value
                sum += Double(value) * w[j]
            }
            y[i] = Float(sum + noise * Double(random.nextNormal()))
        }
        return try dataset(x: x, y: y, features: features)
    }

    /// Refuses an `x` beyond the allocation limit before any work is done.
    static func checkSize(n: Int, features: Int) throws(DataError) {
        do { _ = try ShapeMath.elementCount([n, features]) } catch { throw .tensor(error) }
    }
}
