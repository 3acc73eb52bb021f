import Testing
import NN
@testable import Workbench
@testable import Plots

/// Every SVG is well-formed, standalone and structured as documented.
struct SVGTests {
    static let hostile = "</svg><script>alert('x')</script> & \"q\" \u{01}"

    static func allPlots() throws -> [String] {
        var h = History()
        for e in 0..<5 { h.record([("loss", 1 / Double(e + 1)), (hostile, 0.5), ("val_loss", .nan)]) }
        return [
            try LineChart.history(h, title: hostile).svg(),
            try LineChart(series: [PlotSeries(name: "", x: [3, 1, 2], y: [1, 2, 3])], xLabel: hostile, yLabel: "y").svg(width: 300, height: 200),
            try Histogram(values: [1, 2, 3, .nan], title: hostile).svg(),
            try DecisionBoundary(x: [0, 1], y: [0, 1], labels: [0, 1], title: hostile) { .classes($0.map { $0.x > 0.5 ? 1 : 0 }) }.svg(),
        ]
    }

    @Test func wellFormedAndStandalone() throws {
        for svg in try Self.allPlots() {
            let parsed = SVGInspector(svg)
            #expect(parsed.wellFormed, "\(parsed.error ?? "")")
            let root = try #require(parsed.elements.first)
            #expect(root.name == "svg")
            #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(root.attributes["version"] == "1.1")
            #expect(parsed.elements.dropFirst().first?.name == "title")
            #expect(parsed.all("script").isEmpty && parsed.all("image").isEmpty && parsed.all("foreignObject").isEmpty)
            #expect(parsed.elements.allSatisfy { $0.attributes["id"] == nil && $0.attributes["href"] == nil && $0.attributes["xlink:href"] == nil })
            #expect(svg.components(separatedBy: "http").count == 2, "the namespace is the only address")
            #expect(parsed.allText.contains("</svg><script>alert('x')</script> & \"q\" \u{FFFD}"), "hostile text stays text")
        }
    }

    @Test func oneSeriesGroupPerSeriesAndOnePolylinePerRun() throws {
        let chart = try LineChart(series: [
            PlotSeries(name: "a", y: [1, 2, 3, 4]),
            PlotSeries(name: "b", y: [1, .nan, 3, 4, 5]),
            PlotSeries(name: "c", y: [2]),
        ])
        let svg = SVGInspector(chart.svg())
        let groups = svg.all("g", class: "series")
        #expect(groups.count == 3)
        #expect(svg.all("polyline").count == 2, "a: one run; b: a lone point (no line), then one run; c: a lone point")
        #expect(svg.all("title").dropFirst().prefix(3).count == 3)
        #expect(svg.allText.contains("a") && svg.allText.contains("b"))
        #expect(svg.all("line").contains { $0.attributes["stroke-dasharray"] != nil } == false)
        let dashed = SVGInspector(try LineChart.history(LineChartTests.history([3, 2], [4, 3])).svg())
        #expect(dashed.all("g", class: "series").map { $0.attributes["stroke-dasharray"] } == [nil, "6 4"])
    }

    @Test func numbersAreCompact() {
        #expect(SVGDocument.number(12.345) == "12.35")
        #expect(SVGDocument.number(3.0) == "3")
        #expect(SVGDocument.number(-0.001) == "0")
        #expect(SVGDocument.number(-2.5) == "-2.5")
        #expect(SVGDocument.number(.nan) == "0")
        #expect(SVGDocument.escape("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
    }

    @Test func sizesAreRespected() throws {
        let svg = SVGInspector(try LineChart(series: [PlotSeries(name: "a", y: [1, 2])]).svg(width: 800, height: 300))
        #expect(svg.elements.first?.attributes["width"] == "800")
        #expect(svg.elements.first?.attributes["viewBox"] == "0 0 800 300")
    }
}
