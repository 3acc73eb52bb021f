import Foundation
import Testing
@testable import Workbench

/// The extension of an export's file chooses its format: `m.onnx` used to
/// receive safetensors bytes and a success message.
struct ExportFormatTests {
    let dir: URL
    let s = RecordingSession()

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        s.output("m = sequential(dense(2, relu, input=3), dense(1))")
    }

    private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @Test(arguments: ["out/m.onnx", "m.pt", "m", "m.safetensors.bak", "m.json"])
    func anUnknownExtensionIsAnErrorListingTheFormats(_ name: String) {
        let error = s.error("export m \"\(path(name))\"")
        #expect(error.contains("is not a format export writes"), "\(error)")
        for ext in [".safetensors", ".py with format=pytorch", ".html", ".ipynb"] { #expect(error.contains(ext), "\(error)") }
        #expect(!FileManager.default.fileExists(atPath: path(name)))
        #expect(!FileManager.default.fileExists(atPath: path("out")), "created the folder for a refused export")
    }

    @Test func sessionFormatsAreForTheSession() {
        #expect(s.error("export m \"\(path("m.html"))\"").contains("is for export session"))
        #expect(s.error("export session \"\(path("s.safetensors"))\"").contains("writes .html or .ipynb"))
        #expect(!FileManager.default.fileExists(atPath: path("s.safetensors")))
    }

    @Test func formatAndExtensionMustAgree() {
        #expect(s.error("export m \"\(path("m.safetensors"))\" format=pytorch").contains("name it with .py"))
        #expect(s.error("export m \"\(path("m.py"))\" format=safetensors").contains("writes .safetensors"))
        #expect(s.error("export m \"\(path("m.py"))\" format=onnx").contains("must be safetensors or pytorch"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) == [])
    }

    @Test func theKnownExtensionsWrite() throws {
        #expect(s.output("export m \"\(path("a.safetensors"))\"").contains("read back and verified"))
        #expect(s.output("export m \"\(path("A.SAFETENSORS"))\"").contains("read back and verified"))
        #expect(s.output("export m \"\(path("b.py"))\"").contains("PyTorch"))
        #expect(s.output("export m \"\(path("c.py"))\" format=pytorch").contains("PyTorch"))
        #expect(s.output("export session \"\(path("s.html"))\"").contains("read back and verified"))
        #expect(s.output("export session \"\(path("s.ipynb"))\"").contains("read back and verified"))
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(written == ["a.safetensors", "A.SAFETENSORS", "b.py", "b.safetensors", "c.py", "c.safetensors", "s.html", "s.ipynb"])
    }
}
