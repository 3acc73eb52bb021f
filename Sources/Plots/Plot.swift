/// A picture that draws both ways: as terminal text and as a standalone SVG document.
/// A session can keep the plot of a cell and draw it for the terminal now and for a
/// notebook export later, from the same data.
public protocol Plot: Sendable {
    /// Terminal text `width` columns wide and about `height` lines high; `color` adds
    /// xterm-256 colours (only on a terminal: saved outputs are plain).
    func terminal(width: Int, height: Int, color: Bool) -> String
    /// A standalone SVG 1.1 document of `width` × `height` pixels.
    func svg(width: Int, height: Int) -> String
}

/// The sizes plots accept: anything else is clamped into range, so an option such as
/// `height=1e9` cannot make a plot allocate without bound.
public enum PlotSize {
    public static let terminalWidths = 24...1000, terminalHeights = 8...500
    static let svgWidths = 240...10_000, svgHeights = 180...10_000

    static func terminal(width: Int, height: Int) -> (width: Int, height: Int) {
        (clamp(width, terminalWidths), clamp(height, terminalHeights))
    }

    public static func svg(width: Int, height: Int) -> (width: Int, height: Int) {
        (clamp(width, svgWidths), clamp(height, svgHeights))
    }

    private static func clamp(_ x: Int, _ range: ClosedRange<Int>) -> Int {
        Swift.min(Swift.max(x, range.lowerBound), range.upperBound)
    }
}

extension LineChart: Plot {}
extension Histogram: Plot {}
extension DecisionBoundary: Plot {}

extension LineChart {
    /// `plot x y`: a curve when x ascends, a scatter otherwise.
    public static func xy(x: [Double], y: [Double], xLabel: String? = "x", yLabel: String? = "y", title: String? = nil) throws(PlotError) -> LineChart {
        try LineChart(series: [PlotSeries(name: "", x: x, y: y)], title: title, xLabel: xLabel, yLabel: yLabel)
    }

    /// `plot t` for one vector: its values against their indices 0, 1, 2, …
    public static func values(_ y: [Double], name: String = "", title: String? = nil) throws(PlotError) -> LineChart {
        try LineChart(series: [PlotSeries(name: name, x: y.indices.map(Double.init), y: y)], mark: .lines, title: title,
                      xLabel: "index", integerX: true)
    }
}
