/// A two-feature classifier's decision regions with the data over them (`plot boundary model
/// data`), as TensorFlow Playground draws them.
///
/// The plane around the data is sampled once on a regular grid; the caller's predictor says
/// which class each grid point (and each data point) falls in. Both renderers draw from that
/// one grid, so the terminal and SVG versions show the same regions.
public struct DecisionBoundary: Sendable {
    /// What a predictor returns for a batch of points.
    public enum Predictions: Sendable {
        /// One class index per point.
        case classes([Int])
        /// The model's outputs, `width` per point, row-major: width 1 is the probability of
        /// class 1 (a sigmoid output, threshold 0.5); width k is one score per class (argmax).
        case outputs([Float], width: Int)
    }

    /// Grid samples across and down; the default is finer than any terminal and smooth in SVG.
    public struct Resolution: Sendable, Equatable {
        public var columns: Int, rows: Int
        public init(columns: Int, rows: Int) {
            self.columns = Swift.min(Swift.max(columns, 2), 1000)
            self.rows = Swift.min(Swift.max(rows, 2), 1000)
        }
    }

    /// The data points with finite coordinates, their classes, and what the model predicts for them.
    public let points: [SIMD2<Double>]
    public let labels: [Int]
    public let predicted: [Int]
    /// Classes shown: one more than the largest label or prediction.
    public let classCount: Int
    public var title: String?
    public var xLabel: String?, yLabel: String?
    /// Names for the classes in the legend (`class 0`, … when nil).
    public var classNames: [String]?
    public let notes: [String]
    let resolution: Resolution
    /// Per grid cell, row-major from the top-left: predicted class, and confidence in [0, 1] (nil
    /// when only classes were given).
    let gridClasses: [Int]
    let gridConfidence: [Double]?
    let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

    /// Samples the plane around points (`x[i]`, `y[i]`) of classes `labels[i]` and asks
    /// `predict` for the classes of the grid and of the points, in one batch: the grid's
    /// `columns × rows` centres row by row from the top-left, then the data points.
    /// Throws `PlotError` for unusable data, and whatever `predict` throws.
    public init(x: [Double], y: [Double], labels: [Int], resolution: Resolution = Resolution(columns: 160, rows: 100),
                title: String? = nil, predict: ([SIMD2<Double>]) throws -> Predictions) throws {
        guard x.count == y.count else { throw PlotError.lengthMismatch(x: x.count, y: y.count) }
        guard labels.count == x.count else { throw PlotError.predictionCount(expected: x.count, got: labels.count) }
        var points: [SIMD2<Double>] = [], kept: [Int] = []
        for i in x.indices where x[i].isFinite && y[i].isFinite {
            points.append(SIMD2(x[i], y[i]))
            kept.append(labels[i])
        }
        guard !points.isEmpty else {
            throw PlotError.noData(x.isEmpty ? "the data has no rows" : "every point has a NaN or infinite coordinate")
        }
        if let bad = kept.first(where: { !(0..<ClassPalette.maxClasses).contains($0) }) { throw PlotError.invalidClass(bad) }
        let xr = DecisionBoundary.padded(points.map(\.x)), yr = DecisionBoundary.padded(points.map(\.y))

        var batch: [SIMD2<Double>] = []
        batch.reserveCapacity(resolution.columns * resolution.rows + points.count)
        for r in 0..<resolution.rows {
            let ty = (Double(r) + 0.5) / Double(resolution.rows)
            let gy = yr.upperBound * (1 - ty) + yr.lowerBound * ty
            for c in 0..<resolution.columns {
                let tx = (Double(c) + 0.5) / Double(resolution.columns)
                batch.append(SIMD2(xr.lowerBound * (1 - tx) + xr.upperBound * tx, gy))
            }
        }
        batch += points
        let (classes, confidence) = try DecisionBoundary.decode(try predict(batch), count: batch.count)
        let gridCount = resolution.columns * resolution.rows

        self.points = points
        self.labels = kept
        predicted = Array(classes[gridCount...])
        classCount = (kept + classes).reduce(1) { Swift.max($0, $1 + 1) }
        self.title = title
        self.resolution = resolution
        gridClasses = Array(classes[..<gridCount])
        gridConfidence = confidence.map { Array($0[..<gridCount]) }
        xRange = xr
        yRange = yr
        let skipped = x.count - points.count
        notes = skipped > 0 ? ["note: \(skipped) of \(x.count) points have a NaN or infinite coordinate and were skipped"] : []
    }

    /// The fraction of data points whose predicted class is their label.
    public var accuracy: Double {
        Double(zip(labels, predicted).filter { $0 == $1 }.count) / Double(Swift.max(labels.count, 1))
    }

    /// `accuracy on these 200 points: 0.9700 (6 misclassified)`.
    var accuracyLine: String {
        let wrong = zip(labels, predicted).filter { $0 != $1 }.count
        return "accuracy on these \(labels.count) points: \(TickLabels.fixed(accuracy, decimals: 4)) (\(wrong) misclassified)"
    }

    func className(_ k: Int) -> String {
        if let classNames, k < classNames.count { return classNames[k] }
        return "class \(k)"
    }

    /// The grid cell containing the point at fractions (tx, ty) of the plot, ty from the top.
    func gridIndex(tx: Double, ty: Double) -> Int {
        let c = clampedIndex((tx * Double(resolution.columns)).rounded(.down), 0...(resolution.columns - 1))
        let r = clampedIndex((ty * Double(resolution.rows)).rounded(.down), 0...(resolution.rows - 1))
        return r * resolution.columns + c
    }

    /// The data's range with 8% room on each side (a unit around a single value).
    static func padded(_ values: [Double]) -> ClosedRange<Double> {
        let lo = values.min() ?? 0, hi = values.max() ?? 0
        let half = hi / 2 - lo / 2
        let pad = half > 0 ? half * 0.16 : Swift.max(Swift.abs(lo) * 0.1, 1)
        let low = lo - pad, high = hi + pad
        return low.isFinite && high.isFinite ? low...high : lo...hi
    }

    /// Classes and confidences from a predictor's answer, checked against the batch size.
    static func decode(_ p: Predictions, count: Int) throws -> (classes: [Int], confidence: [Double]?) {
        switch p {
        case .classes(let classes):
            guard classes.count == count else { throw PlotError.predictionCount(expected: count, got: classes.count) }
            if let bad = classes.first(where: { !(0..<ClassPalette.maxClasses).contains($0) }) { throw PlotError.invalidClass(bad) }
            return (classes, nil)
        case let .outputs(values, width):
            guard width >= 1, values.count == count * width else {
                throw PlotError.predictionCount(expected: count, got: width >= 1 ? values.count / width : 0)
            }
            guard width <= ClassPalette.maxClasses else { throw PlotError.invalidClass(width - 1) }
            var classes = [Int](repeating: 0, count: count), confidence = [Double](repeating: 0, count: count)
            for i in 0..<count {
                if width == 1 {
                    let p = Double(values[i])
                    classes[i] = p > 0.5 ? 1 : 0   // as accuracy counts it: 0.5 itself is class 0
                    confidence[i] = p.isFinite ? Swift.min(Swift.max(Swift.max(p, 1 - p), 0), 1) : 0
                } else {
                    var best = 0
                    for j in 1..<width where values[i * width + j] > values[i * width + best] { best = j }
                    classes[i] = best
                    confidence[i] = Swift.min(Swift.max(Double(values[i * width + best]), 0), 1)
                }
            }
            return (classes, confidence)
        }
    }
}
