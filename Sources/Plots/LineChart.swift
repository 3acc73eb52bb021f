import NN

/// One named series of (x, y) points.
public struct PlotSeries: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]

    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// A series over x = 1, 2, …, n (epochs).
    public init(name: String, y: [Double]) {
        self.init(name: name, x: y.indices.map { Double($0 + 1) }, y: y)
    }
}

/// A line or scatter chart of one or more series: `plot model.history` (loss and metrics per
/// epoch) and `plot x y`. Built and checked once from plain data; drawn as terminal text
/// (`terminal(width:height:color:)`) or SVG (`svg(width:height:)`) with the same scales,
/// colours and markers.
///
/// Non-finite points are skipped (a line breaks there) and counted in a note; a series named
/// `val_X` beside a series `X` takes X's colour and a dashed line, as Keras users expect.
public struct LineChart: Sendable {
    /// How points are joined.
    public enum Mark: Sendable, Equatable {
        case lines, points
        /// Lines when every series' x ascends (a curve), points otherwise (a cloud).
        case automatic
    }

    public let series: [PlotSeries]
    public let mark: Mark
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// Ticks on x at whole numbers only (epochs).
    public let integerX: Bool
    /// Sentences to print under the plot (skipped values).
    public let notes: [String]
    let styles: [SeriesStyle]
    let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

    public init(series: [PlotSeries], mark: Mark = .automatic, title: String? = nil, xLabel: String? = nil,
                yLabel: String? = nil, integerX: Bool = false) throws(PlotError) {
        guard !series.isEmpty else { throw .noData("there are no series") }
        for s in series where s.x.count != s.y.count { throw .lengthMismatch(x: s.x.count, y: s.y.count) }
        var notes: [String] = []
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            var skipped = 0
            for (x, y) in zip(s.x, s.y) {
                if x.isFinite && y.isFinite { xs.append(x); ys.append(y) } else { skipped += 1 }
            }
            if skipped > 0 {
                notes.append("note: \(skipped) of \(s.x.count) points\(s.name.isEmpty ? "" : " of \(s.name)") are NaN or infinite and were skipped")
            }
        }
        guard let xMin = xs.min(), let xMax = xs.max(), let yMin = ys.min(), let yMax = ys.max() else {
            let total = series.reduce(0) { $0 + $1.y.count }
            throw .noData(total == 0 ? "the series are empty" : "every value is NaN or infinite")
        }
        self.series = series
        if mark == .automatic {
            let ascending = series.allSatisfy { s in zip(s.x, s.x.dropFirst()).allSatisfy { !($1 < $0) } }
            self.mark = ascending ? .lines : .points
        } else {
            self.mark = mark
        }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.integerX = integerX
        self.notes = notes
        styles = SeriesStyle.assign(series.map(\.name))
        xRange = xMin...xMax
        yRange = yMin...yMax
    }

    /// Loss and metrics per epoch from a model's history, train and `val_` series together.
    public static func history(_ history: History, title: String? = nil) throws(PlotError) -> LineChart {
        guard history.epochs > 0, !history.series.isEmpty else {
            throw .noData("the history is empty: fit the model first")
        }
        return try LineChart(series: history.series.map { PlotSeries(name: $0.name, y: $0.values) },
                             mark: .lines, title: title, xLabel: "epoch", integerX: true)
    }

    /// One chart per quantity (`loss` with `val_loss`, `accuracy` with `val_accuracy`, …), for
    /// when their ranges differ too much to share an axis; and the learning rate when it changed
    /// from epoch to epoch (a schedule), so a fixed rate adds no flat line.
    public static func historyPanels(_ history: History) throws(PlotError) -> [LineChart] {
        guard history.epochs > 0, !history.series.isEmpty else {
            throw .noData("the history is empty: fit the model first")
        }
        let bases = history.series.map(\.name).filter { !$0.hasPrefix("val_") || history.values(String($0.dropFirst(4))) == nil }
        var charts: [LineChart] = []
        for base in bases {
            let members = history.series.filter { $0.name == base || $0.name == "val_" + base }
            charts.append(try LineChart(series: members.map { PlotSeries(name: $0.name, y: $0.values) },
                                        mark: .lines, title: base, xLabel: "epoch", integerX: true))
        }
        if history.learningRateVaries {
            charts.append(try LineChart(series: [PlotSeries(name: "lr", y: history.learningRates)],
                                        mark: .lines, title: "lr", xLabel: "epoch", integerX: true))
        }
        return charts
    }

    /// The scales for a plot area of the given size (in characters or pixels).
    func scales(xTicks: Int, yTicks: Int) -> (x: AxisScale, y: AxisScale) {
        // A cloud of points gets a little room on the sides, so that no point sits on the frame.
        let pad = mark == .points ? (xRange.upperBound / 2 - xRange.lowerBound / 2) * 0.06 : 0
        return (AxisScale(low: xRange.lowerBound - pad, high: xRange.upperBound + pad, targetTicks: xTicks, loose: false, integerSteps: integerX),
         AxisScale(low: yRange.lowerBound, high: yRange.upperBound, targetTicks: yTicks, loose: true))
    }

    /// Runs of consecutive finite points of series `k` (a non-finite point breaks the line).
    func runs(_ k: Int) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = [], current: [(x: Double, y: Double)] = []
        for (x, y) in zip(series[k].x, series[k].y) {
            if x.isFinite && y.isFinite {
                current.append((x, y))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Every `stride`-th finite point of series `k` gets a marker, so markers never crowd out
    /// the line: at most `limit` per series.
    func markerPoints(_ k: Int, limit: Int) -> [(x: Double, y: Double)] {
        let points = runs(k).flatMap { $0 }
        guard points.count > limit, limit > 0 else { return points }
        let stride = (points.count + limit - 1) / limit
        return points.enumerated().filter { $0.offset % stride == 0 || $0.offset == points.count - 1 }.map(\.element)
    }
}

/// How one series is drawn: its colour, its marker, whether its line is dashed.
struct SeriesStyle: Sendable, Equatable {
    var color: Int
    var marker: Int
    var dashed: Bool

    /// Colours in order of first appearance, except that `val_X` shares X's colour and is dashed.
    static func assign(_ names: [String]) -> [SeriesStyle] {
        var colorOf: [String: Int] = [:]
        var next = 0
        return names.enumerated().map { k, name in
            if name.hasPrefix("val_"), let base = colorOf[String(name.dropFirst(4))] {
                return SeriesStyle(color: base, marker: k, dashed: true)
            }
            let color = colorOf[name] ?? next
            if colorOf[name] == nil { colorOf[name] = color; next += 1 }
            return SeriesStyle(color: color, marker: k, dashed: false)
        }
    }
}
