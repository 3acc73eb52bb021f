import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench

/// plot, hist, export and import through the language.
struct PicturesAndExportCommandTests {
    func trained() -> RecordingSession {
        let s = RecordingSession()
        s.output("data = dataset(\"moons\", n=100, seed=0)\nmodel = sequential(dense(8, relu, input=2), dense(1, sigmoid))\ncompile model optimizer=adam(lr=0.01) loss=bce metrics=accuracy\nfit model data epochs=3 quiet")
        return s
    }

    @Test func plotsDrawDeterministically() {
        let a = trained(), b = trained()
        for command in ["plot model.history", "plot boundary model data", "hist model[0].W bins=5", "plot(arange(5), arange(5)^2)", "plot sin(linspace(0, 6, 40))"] {
            let first = a.output(command), second = b.output(command)
            #expect(!first.isEmpty && first == second, "\(command)")
            #expect(!first.contains("\u{1B}"), "\(command) printed colour codes off a terminal")
        }
        #expect(a.session.cells.last?.plots.first?.hasPrefix("<?xml") == true || a.session.cells.last?.plots.first?.contains("<svg") == true)
    }

    @Test func plotErrorsAreDiagnostics() {
        let s = trained()
        #expect(s.error("plot boundary model zeros(3)").contains("must be a dataset"))
        #expect(s.error("plot [1, 2] [1, 2, 3]").contains("plot"))
    }

    @Test func exportAndImportRoundTrip() throws {
        let s = trained()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("m.safetensors").path
        #expect(s.output("export model \"\(file)\"").contains("read back and verified"))
        s.output("other = sequential(dense(8, relu, input=2), dense(1, sigmoid))")
        #expect(s.output("import other \"\(file)\"").contains("imported 4 params"))
        #expect(s.output("compare predict(other, data) predict(model, data)").contains("✓"))
        #expect(s.error("import (sequential(dense(3, input=2))) \"\(file)\"").contains("shape"))
        let py = dir.appendingPathComponent("m.py").path
        #expect(s.output("export model \"\(py)\" format=pytorch").contains("PyTorch"))
        let html = dir.appendingPathComponent("s.html").path, nb = dir.appendingPathComponent("s.ipynb").path
        s.output("plot model.history")
        #expect(s.output("export session \"\(html)\"").contains("read back and verified"))
        #expect(s.output("export session \"\(nb)\"").contains("read back and verified"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("epochs"))
    }
}
