import Foundation
import Testing
import Autodiff
@testable import Workbench
@testable import Plots

struct HistogramTests {
    @Test func golden() throws {
        let text = try Histogram(values: [1, 2, 2, 3, 3, 3, 4, 4, 5, .nan], bins: 4).terminal(width: 40)
        #expect(text == """
         [1.0, 2.0)  █████▋             1
         [2.0, 3.0)  ███████████▍       2
         [3.0, 4.0)  █████████████████  3 ◀ mean
         [4.0, 5.0]  █████████████████  3
         n 9 · mean 3.0000 · std 1.1547
         min 1.0000 · max 5.0000
        note: 1 of 10 values are NaN or infinite and were skipped
        """)
        #expect(text.split(separator: "\n").dropLast().allSatisfy { (line: Substring) in line.count <= 40 })
    }

    @Test func binsLikeNumPy() throws {
        let h = try Histogram(values: [0, 0.25, 0.5, 0.75, 1], bins: 2)
        #expect(h.edges == [0, 0.5, 1])
        #expect(h.counts == [2, 3], "the last bin includes its right edge")
        #expect(try Histogram(values: Array(repeating: 7, count: 5)).edges.first == 6.5)
        #expect(try Histogram(values: Array(repeating: 7, count: 5), bins: 3).counts == [0, 5, 0])
        #expect(Histogram.defaultBins(count: 1000) == 11)
        #expect(Histogram.defaultBins(count: 1) == 1)
    }

    @Test func statisticsOfTheFiniteValues() throws {
        let h = try Histogram(values: [1, 3, .nan, -.infinity])
        #expect(h.total == 2 && h.mean == 2 && h.standardDeviation == 1)
        #expect(h.minimum == 1 && h.maximum == 3)
        #expect(h.notes == ["note: 2 of 4 values are NaN or infinite and were skipped"])
        let huge = try Histogram(values: [-1e308, 1e308, 1e308], bins: 3)
        #expect(huge.counts == [1, 0, 2])
        #expect(huge.standardDeviation.isFinite && huge.mean.isFinite)
    }

    @Test func problemsAreErrors() {
        #expect(throws: PlotError.noData("the tensor has no values")) { try Histogram(values: []) }
        #expect(throws: PlotError.noData("all 2 values are NaN or infinite")) { try Histogram(values: [.nan, .infinity]) }
        #expect(throws: PlotError.invalidOption(name: "bins", message: "must be between 1 and 1000, got 0")) { try Histogram(values: [1], bins: 0) }
    }

    @Test func meanMarkerOnItsBin() throws {
        let text = try Histogram(values: [0, 0, 0, 0, 10], bins: 5).terminal()
        let marked = text.split(separator: "\n").filter { $0.contains("◀ mean") }
        #expect(marked.count == 1)
        #expect(marked.first?.hasPrefix(" [ 2.0,  4.0)") == true, "\(text)")
    }

    @Test func svgHasOneBarPerBinAndTheMean() throws {
        let h = try Histogram(values: (0..<100).map { Double($0 % 17) }, bins: 7, title: "hist <w> & \"b\"")
        let svg = SVGInspector(h.svg())
        #expect(svg.wellFormed, "\(svg.error ?? "")")
        #expect(svg.all("rect", class: "bar").count == 7)
        #expect(svg.all("g", class: "mean").count == 1)
        #expect(svg.allText.contains("hist <w> & \"b\""))
        #expect(svg.allText.contains("n 100 · mean"))
    }

    /// The same bin counts as `numpy.histogram` on the same float32 values.
    @Test(.enabled(if: Tooling.hasNumPy, "needs python3 with numpy"))
    func countsMatchNumPy() throws {
        var g = RandomGenerator(seed: 9)
        let t = try Tensor.normal([997], using: &g)
        let h = try Histogram(t, bins: 13)
        let values = t.scalars.map { String(format: "%.9g", Double($0)) }.joined(separator: ",")
        let script = "import numpy as np; c, e = np.histogram(np.array([\(values)], dtype=np.float32).astype(np.float64), bins=13); print(','.join(map(str, c)))"
        let result = try runProgram("python3", ["-c", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == h.counts.map(String.init).joined(separator: ","))
    }
}
