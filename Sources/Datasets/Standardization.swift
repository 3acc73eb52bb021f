import Autodiff

/// Per-feature statistics for standardizing: `x′ᵢⱼ = (xᵢⱼ − meanⱼ) / scaleⱼ`.
///
/// As scikit-learn's `StandardScaler`: `meanⱼ = (1/n) Σᵢ xᵢⱼ` and `scaleⱼ` is the population
/// standard deviation `√((1/n) Σᵢ (xᵢⱼ − meanⱼ)²)`, except that a constant column gets scale 1
/// (so it maps to 0, not to NaN). Sums run in Double over float32 data, two passes (mean, then
/// squared deviations) so a large mean does not swallow a small variance.
public struct Standardization: Equatable, Sendable {
    /// The mean of each feature, length `features`.
    public let mean: [Double]
    /// The standard deviation of each feature (1 for a constant one), length `features`.
    public let scale: [Double]

    /// The statistics of `x` `[n, features]`, n ≥ 1.
    init(fitting x: Tensor) {
        let n = x.shape[0], f = x.shape[1]
        var mean = [Double](repeating: 0, count: f)
        var squares = [Double](repeating: 0, count: f)
        x.withUnsafeBufferPointer { x in
            for i in 0..<n { for j in 0..<f { mean[j] += Double(x[i * f + j]) } }
            for j in 0..<f { mean[j] /= Double(n) }
            for i in 0..<n {
                for j in 0..<f {
                    let d = Double(x[i * f + j]) - mean[j]
                    squares[j] += d * d
                }
            }
        }
        self.mean = mean
        self.scale = (0..<f).map { j in
            let variance = squares[j] / Double(n)
            return Standardization.isConstant(variance: variance, mean: mean[j], n: n) ? 1 : variance.squareRoot()
        }
    }

    /// scikit-learn's test for a constant feature (`_is_constant_feature`): a variance no larger
    /// than the rounding error of computing it, `n·ε·var + (n·|mean|·ε)²` with ε of Double.
    static func isConstant(variance: Double, mean: Double, n: Int) -> Bool {
        let eps = Double.ulpOfOne, count = Double(n)
        return variance <= count * eps * variance + (count * mean * eps) * (count * mean * eps)
    }

    /// `x` `[n, features]` standardized with these statistics (computed in Double, rounded once).
    func apply(to x: Tensor) throws(DataError) -> Tensor {
        let f = x.shape[1]
        guard f == mean.count else { throw .featureCountMismatch(expected: mean.count, found: f) }
        var result = x
        result.withUnsafeMutableBufferPointer { values in
            for row in stride(from: 0, to: values.count, by: Swift.max(f, 1)) {
                for j in 0..<f { values[row + j] = Float((Double(values[row + j]) - mean[j]) / scale[j]) }
            }
        }
        return result
    }
}

extension Dataset {
    /// The dataset with standardized features (`standardize(data)`), remembering the
    /// statistics so that `standardized(like:)` can apply the same to other data.
    public func standardized() throws(DataError) -> Dataset {
        guard count > 0 else { throw .emptyDataset(operation: "standardize") }
        return try standardized(with: Standardization(fitting: x))
    }

    /// The dataset standardized with `reference`'s statistics (`standardize(test, like=train)`):
    /// those `reference` was standardized with, or, for raw data, its own mean and population std
    /// computed now. Either way test data never leaks into the statistics.
    public func standardized(like reference: Dataset) throws(DataError) -> Dataset {
        if let statistics = reference.standardization { return try standardized(with: statistics) }
        guard reference.count > 0 else { throw .emptyDataset(operation: "standardize(like=)") }
        return try standardized(with: Standardization(fitting: reference.x))
    }

    /// The dataset standardized with given statistics, which it then remembers.
    public func standardized(with statistics: Standardization) throws(DataError) -> Dataset {
        var result = withRows(x: try statistics.apply(to: x), y: y)
        result.standardization = statistics
        return result
    }
}
