import Foundation
import Testing
@testable import Workbench
@testable import Interop

/// A plot in a notebook is one display: its SVG, with its terminal drawing as the text form,
/// and the drawing is not repeated in the stream. Saved sessions keep the drawing as before.
struct NotebookPlotTextTests {
    /// What `gradbook run` prints for the statements, one entry per statement.
    func plainOutputs(_ source: String) -> [String] {
        Session().run(source).map(\.transcript)
    }

    @Test func aDisplayingEnvironmentGetsThePlotApartAndTheTranscriptKeepsIt() throws {
        final class Seen: @unchecked Sendable { var emitted: [String] = []; var shown: [(String, String)] = [] }
        let seen = Seen()
        let session = Session(environment: SessionEnvironment(emit: { seen.emitted.append($0) },
                                                              display: { svg, text in seen.shown.append((svg, text)) }))
        let source = "show \"before\"\nplot [1, 4, 9]\nhist [1, 2, 2, 3]"
        let outcomes = session.run(source)
        let drawings = Array(plainOutputs(source).dropFirst())
        #expect(seen.emitted == ["before"])
        #expect(seen.shown.map(\.1) == drawings)
        #expect(seen.shown.allSatisfy { $0.0.contains("<svg") })
        // The transcript (what `save` writes and `check` compares) still holds each drawing.
        #expect(outcomes.map(\.transcript) == plainOutputs(source))
        #expect(session.cells.map(\.plotTexts) == [[], [drawings[0]], [drawings[1]]])
    }

    @Test func theJupyterExportShowsEachDrawingAsItsPlotsText() throws {
        let folder = TemporaryFolder("plot-text")
        let session = Session()
        let source = "plot [1, 4, 9]\nshow \"after\""
        let drawing = plainOutputs(source)[0]
        session.run(source + "\nexport session \"\(folder.file("s.ipynb"))\"")
        let json = try JSONParser.parse(String(decoding: try AtomicFile.read(folder.file("s.ipynb")), as: UTF8.self))
        let code = try #require(json["cells"]?.arrayValue).filter { $0["cell_type"]?.stringValue == "code" }
        let outputs = try #require(code.first?["outputs"]?.arrayValue)
        #expect(outputs.map { $0["output_type"]?.stringValue } == ["display_data"], "no stream: the drawing is the display's text")
        let text = (outputs.first?["data"]?["text/plain"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
        #expect(text == drawing)
        #expect(code[1]["outputs"]?.arrayValue?.first?["text"] == .array([.string("after\n")]))
    }

    @Test func outputWithoutPlotTextsTakesEachDrawingOutOnce() {
        let cell = NotebookCell(number: 1, source: "", output: "a\nDRAW\nb\nDRAW", plots: ["<svg/>", "<svg/>"], plotTexts: ["DRAW", "DRAW"])
        #expect(cell.outputWithoutPlotTexts == "a\nb")
        let unknown = NotebookCell(number: 1, source: "", output: "a\nb", plots: ["<svg/>"])
        #expect(unknown.outputWithoutPlotTexts == "a\nb")
    }
}
