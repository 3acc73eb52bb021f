import NN
@testable import Workbench
@testable import Plots
@testable import Interop

/// A small session as a notebook: sources with every token kind and hostile text, printed and
/// value outputs, and one plot of each kind.
enum NotebookFixtures {
    static let builtins: Set<String> = ["fit", "dense", "relu", "sigmoid", "sequential", "compile", "adam", "plot", "hist", "print", "param", "sigmoid"]

    static func document() throws -> NotebookDocument {
        var h = History()
        for e in 0..<8 { h.record([("loss", 0.7 / Double(e + 1)), ("val_loss", 0.8 / Double(e + 1))]) }
        let chart = try LineChart.history(h, title: "model.history").svg()
        let histogram = try Histogram(values: (0..<200).map { Double(($0 * 37) % 101) / 10 }, title: "hist w").svg()
        let boundary = try DecisionBoundary(x: [0, 1, 0, 1], y: [0, 0, 1, 1], labels: [0, 1, 1, 0]) {
            .outputs($0.map { Float(($0.x - 0.5) * ($0.y - 0.5) < 0 ? 0.9 : 0.1) }, width: 1)
        }.svg()
        return NotebookDocument(title: "A <gradbook> session & more", cells: [
            NotebookCell(number: 1, source: "w = param(0.5)   # a \"param\"", output: ""),
            NotebookCell(number: 2, source: "z = w*2 + 1e-3\nz", output: "1.0010", outputKind: .value),
            NotebookCell(number: 3, source: "s = \"</script><b>bold</b>\"\ns", output: "</script><b>bold</b> & 'quotes'", outputKind: .value),
            NotebookCell(number: 4, source: "repeat 3\n  w = w - 0.1*grad(w)\nend", output: "\u{1B}[32mdone\u{1B}[0m\r\n"),
            NotebookCell(number: 5, source: "model = sequential(dense(4, relu, input=2), dense(1, sigmoid))\nfit model train epochs=8 quiet",
                         output: "epoch 8/8: loss 0.0875"),
            NotebookCell(number: 6, source: "plot model.history", plots: [chart]),
            NotebookCell(number: 7, source: "hist w", output: "n 200", plots: [histogram]),
            NotebookCell(number: 8, source: "plot boundary model data", plots: [boundary, chart]),
        ], subtitle: "saved 2026-11-29")
    }
}
