import Testing
import Autodiff
import NN
@testable import Workbench
@testable import Plots
@testable import Interop

struct PlotConveniencesTests {
    /// x₀ + x₁ > 0 → class 1: a one-unit model with known weights.
    static func diagonalModel() throws -> Sequential {
        var g = RandomGenerator(seed: 0)
        var model = try Sequential([.dense(try Dense(units: 1, activation: .sigmoid, inputSize: 2))], using: &g)
        try model.setParameters([try Tensor(shape: [2, 1], scalars: [4, 4]), Tensor([0])])
        return model
    }

    @Test func boundaryOfARealModel() throws {
        let x = try Tensor(shape: [4, 2], scalars: [-1, -1, 1, 1, -2, 0.5, 0.5, 2])
        let b = try DecisionBoundary(model: try Self.diagonalModel(), x: x, y: Tensor([0, 1, 0, 1]))
        #expect(b.predicted == [0, 1, 0, 1] && b.accuracy == 1)
        let text = b.terminal(width: 50, height: 16)
        #expect(text.contains("x₀") && text.contains("░"))
        // Below the anti-diagonal is class 0 (blank), above is class 1 (░): the top-right cell is shaded.
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows[0] == " x₁", "the y title heads the plot")
        #expect(rows[1].hasSuffix("░"), "\(text)")
        #expect(rows[1].contains("│ ") || rows[1].contains("┤ "), "\(text)")
    }

    @Test func boundaryRejectsWrongShapes() throws {
        #expect(throws: PlotError.self) {
            try DecisionBoundary(model: try Self.diagonalModel(), x: try Tensor.zeros([4, 3]), y: Tensor([0, 1, 0, 1]))
        }
        #expect(throws: PlotError.self) {
            try DecisionBoundary(model: try sampleModel(inputs: 2), x: try Tensor.zeros([4, 2]), y: Tensor([0, 1]))
        }
    }

    @Test func classLabelsFromTargets() throws {
        #expect(try DecisionBoundary.classLabels(Tensor([0, 1, 2]), rows: 3) == [0, 1, 2])
        #expect(try DecisionBoundary.classLabels(try Tensor(shape: [2, 1], scalars: [1, 0]), rows: 2) == [1, 0])
        #expect(try DecisionBoundary.classLabels(try Tensor(shape: [2, 3], scalars: [0, 0, 1, 0, 1, 0]), rows: 2) == [2, 1])
    }

    @Test func plotsDrawThroughTheProtocol() throws {
        let plots: [any Plot] = [
            try LineChart.xy(x: [1, 2, 3], y: [1, 4, 9]),
            try LineChart.values([3, 1, 2], name: "t"),
            try Histogram(values: [1, 2, 3]),
        ]
        for plot in plots {
            #expect(!plot.terminal(width: 60, height: 15, color: false).isEmpty)
            #expect(SVGInspector(plot.svg(width: 500, height: 300)).wellFormed)
        }
        #expect(try LineChart.values([3, 1, 2]).series[0].x == [0, 1, 2])
    }

    @Test func absurdSizesAreClamped() throws {
        let chart = try LineChart.xy(x: [1, 2], y: [3, 4])
        let huge = chart.terminal(width: .max, height: .max, color: false).split(separator: "\n")
        #expect(huge.count == 500 && huge.allSatisfy { $0.count <= 1000 })
        #expect(chart.terminal(width: .min, height: -3, color: false).split(separator: "\n").count >= 8)
        let svg = SVGInspector(chart.svg(width: -5, height: .max))
        #expect(svg.elements.first?.attributes["width"] == "240" && svg.elements.first?.attributes["height"] == "10000")
        #expect(try Histogram(values: [1]).terminal(width: .max, height: .max).split(separator: "\n").allSatisfy { $0.count <= 1000 })
    }

    @Test func svgFilesAreWrittenAndVerified() throws {
        let folder = TemporaryFolder("svgfile")
        let message = try PlotExport.writeSVG(try Histogram(values: [1, 2, 3]), to: folder.file("plots/h.svg"), width: 300, height: 200)
        #expect(message == "wrote \(folder.file("plots/h.svg")): an SVG of 300×200 (read back and verified)")
        let text = String(decoding: try AtomicFile.read(folder.file("plots/h.svg")), as: UTF8.self)
        #expect(SVGInspector(text).wellFormed)
        #expect(text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"300\" height=\"200\""))
    }
}
