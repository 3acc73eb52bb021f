import Language
import Autodiff

/// The distribution of a tensor's values (`hist t`): equal-width bins over the values' range
/// (NumPy's `histogram`: the last bin includes its right edge), with the count, mean, standard
/// deviation and extremes. NaN and infinite values are skipped and counted in a note.
public struct Histogram: Sendable {
    /// Values per bin.
    public let counts: [Int]
    /// Bin edges, one more than the bins, ascending.
    public let edges: [Double]
    /// Finite values counted.
    public let total: Int
    public let mean: Double, standardDeviation: Double
    public let minimum: Double, maximum: Double
    public var title: String?
    /// Sentences to print under the plot (skipped values).
    public let notes: [String]

    /// The default bin count for `n` values: Sturges' rule, ⌈log₂ n⌉ + 1, at most 50.
    public static func defaultBins(count n: Int) -> Int {
        var bins = 1, power = 1
        while power < n, bins < 50 { power *= 2; bins += 1 }
        return bins
    }

    /// The most bins: one per line of the terminal drawing, so more would not be readable.
    public static let maxBins = 1000

    /// Bins `values`; `bins` nil chooses Sturges' rule.
    public init(values: [Double], bins: Int? = nil, title: String? = nil) throws(PlotError) {
        if let bins, !(1...Histogram.maxBins).contains(bins) {
            throw .invalidOption(name: "bins", message: "must be between 1 and \(Histogram.maxBins), got \(bins)")
        }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            throw .noData(values.isEmpty ? "the tensor has no values" : "all \(Plural.count(values.count, "value")) are NaN or infinite")
        }
        let n = finite.count
        let binCount = bins ?? Histogram.defaultBins(count: n)
        var low = lo, high = hi
        if low == high {
            // As NumPy does: one value gets a unit-wide range around it (wider when 0.5 is lost in rounding).
            let half = Swift.max(0.5, Swift.abs(lo) * 0.01)
            low -= half
            high += half
        }
        edges = (0...binCount).map { i in
            let t = Double(i) / Double(binCount)
            return i == binCount ? high : low * (1 - t) + high * t  // no overflow even for ±1e308
        }
        var counts = Array(repeating: 0, count: binCount)
        let halfSpan = high / 2 - low / 2
        for v in finite {
            let t = (v / 2 - low / 2) / halfSpan
            counts[clampedIndex((t * Double(binCount)).rounded(.down), 0...(binCount - 1))] += 1
        }
        self.counts = counts
        total = n
        // Sums of v/n and of scaled squares cannot overflow, whatever the values' size.
        let mean = finite.reduce(0) { $0 + $1 / Double(n) }
        let scale = Swift.max(Swift.abs(lo), Swift.abs(hi), .leastNormalMagnitude)
        let variance = finite.reduce(0) { $0 + (($1 - mean) / scale) * (($1 - mean) / scale) / Double(n) }
        self.mean = mean
        standardDeviation = scale * variance.squareRoot()
        minimum = lo
        maximum = hi
        self.title = title
        let skipped = values.count - n
        notes = skipped > 0 ? ["note: \(skipped) of \(values.count) values are NaN or infinite and were skipped"] : []
    }

    /// Bins a tensor's elements.
    public init(_ tensor: Tensor, bins: Int? = nil, title: String? = nil) throws(PlotError) {
        try self.init(values: tensor.scalars.map(Double.init), bins: bins, title: title)
    }

    /// The bin holding the mean (where the mean marker goes).
    var meanBin: Int {
        let halfSpan = edges[edges.count - 1] / 2 - edges[0] / 2
        let t = (mean / 2 - edges[0] / 2) / halfSpan
        return clampedIndex((t * Double(counts.count)).rounded(.down), 0...(counts.count - 1))
    }

    /// `n 1000 · mean 0.0132 · std 0.9871 · min -3.0912 · max 3.1022`.
    var summary: String { summaryParts.joined(separator: " · ") }

    var summaryParts: [String] {
        ["n \(total)", "mean \(TickLabels.value(mean))", "std \(TickLabels.value(standardDeviation))",
         "min \(TickLabels.value(minimum))", "max \(TickLabels.value(maximum))"]
    }

    /// Edge labels with the decimals that tell neighbouring edges apart.
    var edgeLabels: [String] {
        let width = edges.count > 1 ? (edges[1] / 2 - edges[0] / 2) * 2 : 1
        return TickLabels.labels(for: edges, step: width / 10)
    }
}
