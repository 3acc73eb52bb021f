import Autodiff
import NN

extension DecisionBoundary {
    /// Plots `model`'s decision regions over `x` `[n, 2]` with targets `y` (class indices `[n]`
    /// or `[n, 1]`, or one-hot `[n, k]`): what `plot boundary model data` draws.
    public init(model: Sequential, x: Tensor, y: Tensor, title: String? = nil,
                resolution: Resolution = Resolution(columns: 160, rows: 100)) throws {
        guard x.rank == 2, x.shape[1] == 2 else {
            throw PlotError.invalidOption(name: "data", message: "plot boundary needs data with 2 features, got shape \(x.shape)")
        }
        guard model.inputSize == 2 else {
            throw PlotError.invalidOption(name: "model", message: "plot boundary needs a model of 2 inputs, this one takes \(model.inputSize)")
        }
        let values = x.scalars
        let n = x.shape[0]
        try self.init(x: (0..<n).map { Double(values[2 * $0]) }, y: (0..<n).map { Double(values[2 * $0 + 1]) },
                      labels: try DecisionBoundary.classLabels(y, rows: n), resolution: resolution, title: title,
                      predict: DecisionBoundary.predictor(for: model))
        xLabel = "x₀"
        yLabel = "x₁"
    }

    /// Class indices from targets: `[n]` or `[n, 1]` values rounded (a binary target of 0.0/1.0
    /// is its class), or the argmax of one-hot rows `[n, k]`.
    public static func classLabels(_ y: Tensor, rows n: Int) throws(PlotError) -> [Int] {
        let values = y.scalars
        guard n > 0, values.count % n == 0 else { throw .predictionCount(expected: n, got: y.shape.first ?? 0) }
        let width = values.count / n
        return (0..<n).map { i in
            guard width > 1 else { return clampedIndex(Double(values[i]), -1...ClassPalette.maxClasses) }
            var best = 0
            for j in 1..<width where values[i * width + j] > values[i * width + best] { best = j }
            return best
        }
    }

    /// A predictor that runs `model` on batches of points (its outputs: probabilities or scores).
    public static func predictor(for model: Sequential) -> ([SIMD2<Double>]) throws -> Predictions {
        let frozen = model.detachedForInference()
        return { points in
            // Batches bound the memory of one forward pass on a fine grid and a wide model.
            let batch = 4096
            var outputs: [Float] = []
            outputs.reserveCapacity(points.count * Swift.max(frozen.outputSize, 1))
            var start = 0
            while start < points.count {
                let chunk = points[start..<Swift.min(start + batch, points.count)]
                let x = try Tensor(shape: [chunk.count, 2], scalars: chunk.flatMap { [Float($0.x), Float($0.y)] })
                outputs += try frozen.predict(x).scalars
                start += batch
            }
            return .outputs(outputs, width: frozen.outputSize)
        }
    }
}
