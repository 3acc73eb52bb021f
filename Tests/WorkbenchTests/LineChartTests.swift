import Testing
import NN
@testable import Workbench
@testable import Plots

struct LineChartTests {
    static func history(_ loss: [Double], _ validation: [Double]) -> History {
        var h = History()
        for (l, v) in zip(loss, validation) { h.record([("loss", l), ("val_loss", v)]) }
        return h
    }

    /// The exact text, so a change in how plots draw is a deliberate one (saved sessions compare it).
    @Test func historyGolden() throws {
        let text = try LineChart.history(Self.history([0.7, 0.5, 0.4, 0.35], [0.72, 0.6, 0.55, 0.5])).terminal(width: 40, height: 12)
        #expect(text == """
        0.8 ┤
        0.7 ┤■⡄ ⣀⡀
            │ ⠈⠑⠢⣀ ⠒⠂ ⢄⡀
        0.6 ┤     ⠉⠒⠤⡀  ■⠉ ⠐⠒ ⠠⠤ ⢀⣀
        0.5 ┤        ⠈⠑⠢●⡀          ■⠁ ⠒⠂ ⠤⠄ ⠤⡀■
            │            ⠈⠉⠑⠒⠢⠤⢄⣀⡀
        0.4 ┤                    ⠈⠉⠑●⠒⠤⠤⠤⠤⣀⣀⣀⣀
        0.3 ┤                                 ⠉●
            └───────────┬──────────────────────┬
                        2                      4
                            epoch
         ─●─ loss  ╌■╌ val_loss
        """)
    }

    @Test(arguments: [(72, 20), (40, 12), (120, 30), (24, 8), (10, 3)])
    func fitsTheSizeItWasGiven(width: Int, height: Int) throws {
        var h = History()
        for e in 0..<25 { h.record([("loss", 1 / Double(e + 1)), ("accuracy", 1 - 1 / Double(e + 2)), ("val_loss", 1.2 / Double(e + 1))]) }
        let lines = try LineChart.history(h, title: "training").terminal(width: width, height: height).split(separator: "\n", omittingEmptySubsequences: false)
        // Tiny sizes keep a plot area of at least 3 rows, and may run over.
        if height >= 12 { #expect(lines.count == height) }
        #expect(lines.allSatisfy { $0.count <= Swift.max(width, 24) })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func deterministic() throws {
        let chart = try LineChart.history(Self.history([3, 2, 1.5], [3.5, 2.5, 2]))
        #expect(chart.terminal() == chart.terminal())
        #expect(chart.svg() == chart.svg())
    }

    @Test func colourOnlyWhenAsked() throws {
        let chart = try LineChart.history(Self.history([3, 2, 1.5], [3.5, 2.5, 2]))
        #expect(!chart.terminal(color: false).contains("\u{1B}"))
        let coloured = chart.terminal(color: true)
        #expect(coloured.contains("\u{1B}[38;5;32m"))
        // Stripping the escapes leaves the same picture (modulo the trailing spaces plain text drops).
        let stripped = coloured.replacing(/\u{1B}\[[0-9;]*m/, with: "")
        #expect(stripped.split(separator: "\n").map { $0.trimmingSuffix() } == chart.terminal().split(separator: "\n").map { $0.trimmingSuffix() })
    }

    @Test func validationSeriesShareColourAndAreDashed() {
        let styles = SeriesStyle.assign(["loss", "accuracy", "val_loss", "val_accuracy", "val_other"])
        #expect(styles.map(\.color) == [0, 1, 0, 1, 2])
        #expect(styles.map(\.dashed) == [false, false, true, true, false])
        #expect(Set(styles.map(\.marker)).count == 5)
    }

    @Test func eachSeriesHasItsMarker() throws {
        let text = try LineChart.history(Self.history([3, 2, 1.5], [3.5, 2.5, 2])).terminal()
        #expect(text.contains("●") && text.contains("■"))
        #expect(text.contains("─●─ loss") && text.contains("╌■╌ val_loss"))
    }

    @Test func degenerateData() throws {
        // One point, a constant series, huge values, NaN: drawn, never trapping.
        let cases: [[Double]] = [[5.0], [2, 2, 2, 2], [-1e308, 1e308, 0], [.greatestFiniteMagnitude, -.greatestFiniteMagnitude], [1, .nan, 3, .infinity]]
        for series in cases {
            let chart = try LineChart(series: [PlotSeries(name: "s", y: series)])
            #expect(!chart.terminal().isEmpty)
            #expect(SVGInspector(chart.svg()).wellFormed)
        }
        let withNaN = try LineChart(series: [PlotSeries(name: "s", y: [1, .nan, 3, .infinity])]).terminal()
        #expect(withNaN.hasSuffix("note: 2 of 4 points of s are NaN or infinite and were skipped"))
    }

    @Test func emptyAndMismatchedInputsAreErrors() {
        #expect(throws: PlotError.noData("the history is empty: fit the model first")) { try LineChart.history(History()) }
        #expect(throws: PlotError.noData("there are no series")) { try LineChart(series: []) }
        #expect(throws: PlotError.noData("the series are empty")) { try LineChart(series: [PlotSeries(name: "a", y: [])]) }
        #expect(throws: PlotError.noData("every value is NaN or infinite")) { try LineChart(series: [PlotSeries(name: "a", y: [.nan, .infinity])]) }
        #expect(throws: PlotError.lengthMismatch(x: 2, y: 3)) { try LineChart(series: [PlotSeries(name: "", x: [1, 2], y: [1, 2, 3])]) }
        #expect(PlotError.lengthMismatch(x: 2, y: 3).description == "x has 2 values and y has 3; plot x y needs the same number of each")
    }

    @Test func scatterWhenXIsNotSorted() throws {
        let cloud = try LineChart(series: [PlotSeries(name: "", x: [3, 1, 2], y: [1, 2, 3])])
        #expect(cloud.mark == .points)
        #expect(try LineChart(series: [PlotSeries(name: "", x: [1, 2, 2, 3], y: [1, 2, 3, 4])]).mark == .lines)
        // A large cloud is braille dots only; a small one is glyphs.
        let many = try LineChart(series: [PlotSeries(name: "", x: (0..<2000).map { Double(($0 * 7919) % 2000) }, y: (0..<2000).map { Double($0) })])
        #expect(!many.terminal().contains("●"))
        #expect(cloud.terminal().filter { $0 == "●" }.count == 3)
        #expect(!cloud.terminal().contains("─●─"), "an unnamed single series has no legend")
    }

    @Test func historyPanelsPairTrainAndValidation() throws {
        var h = History()
        for e in 0..<3 { h.record([("loss", Double(e)), ("accuracy", 0.5), ("val_loss", 1), ("val_accuracy", 0.4)]) }
        let panels = try LineChart.historyPanels(h)
        #expect(panels.map { $0.series.map(\.name) } == [["loss", "val_loss"], ["accuracy", "val_accuracy"]])
        #expect(panels.map(\.title) == ["loss", "accuracy"])
    }
}

extension Substring {
    func trimmingSuffix() -> Substring {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
