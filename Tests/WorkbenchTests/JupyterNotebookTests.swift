import Testing
@testable import Workbench
@testable import Interop

struct JupyterNotebookTests {
    @Test func structureFollowsNbformat45() throws {
        let document = try NotebookFixtures.document()
        let json = try JSONParser.parse(try JupyterNotebookWriter.render(document))
        #expect(json["nbformat"] == .int(4) && json["nbformat_minor"] == .int(5))
        #expect(json["metadata"]?["kernelspec"]?["name"]?.stringValue == "gradbook")
        #expect(json["metadata"]?["language_info"]?["file_extension"]?.stringValue == ".grad")
        let cells = try #require(json["cells"]?.arrayValue)
        #expect(cells.count == 9)
        #expect(cells[0]["cell_type"]?.stringValue == "markdown")
        let ids = cells.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == 9 && ids.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } })
        let code = Array(cells.dropFirst())
        #expect(code.map { $0["execution_count"]?.intValue } == (1...8).map { $0 })
        #expect(code[1]["source"] == .array([.string("z = w*2 + 1e-3\n"), .string("z")]))
        #expect(code[0]["outputs"] == .array([]))
        #expect(code[1]["outputs"]?.arrayValue?.first?["output_type"]?.stringValue == "execute_result")
        #expect(code[1]["outputs"]?.arrayValue?.first?["data"]?["text/plain"] == .array([.string("1.0010")]))
        #expect(code[3]["outputs"]?.arrayValue?.first?["text"] == .array([.string("done\n")]), "stream text, colours removed")
        let plots = code[7]["outputs"]?.arrayValue ?? []
        #expect(plots.map { $0["output_type"]?.stringValue } == ["display_data", "display_data"])
        let svg = (plots.first?["data"]?["image/svg+xml"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
        #expect(SVGInspector(svg).wellFormed)
    }

    @Test func deterministicBytes() throws {
        let document = try NotebookFixtures.document()
        #expect(try JupyterNotebookWriter.render(document) == JupyterNotebookWriter.render(document))
        #expect(try JupyterNotebookWriter.render(document).hasPrefix("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\","))
    }

    @Test func linesKeepTheirNewlines() {
        #expect(JupyterNotebookWriter.lines("a\nb\n") == .array([.string("a\n"), .string("b\n")]))
        #expect(JupyterNotebookWriter.lines("") == .array([]))
        #expect(JupyterNotebookWriter.lines("x") == .array([.string("x")]))
    }

    @Test func exportWritesAndVerifies() throws {
        let folder = TemporaryFolder("ipynb")
        let document = try NotebookFixtures.document()
        let report = try NotebookExport.writeJupyter(document, to: folder.file("s.ipynb"))
        #expect(report.cells == 8 && report.plots == 4)
        let text = String(decoding: try AtomicFile.read(folder.file("s.ipynb")), as: UTF8.self)
        var other = document
        other.cells[7].plots.removeLast()
        #expect(throws: ExportError.verificationFailed(path: "p", message: "cell 8 reads back different")) {
            try NotebookExport.verifyJupyter(text, other, path: "p")
        }
        #expect(throws: ExportError.self) { try NotebookExport.verifyJupyter("{\"nbformat\": 3}", document, path: "p") }
    }

    /// The notebook passes the reference validator (PyPI `nbformat`, the JSON schema Jupyter uses).
    @Test(.enabled(if: Tooling.hasNbformat, "needs python3 with nbformat (pip install nbformat)"))
    func validatesWithNbformat() throws {
        let folder = TemporaryFolder("nbformat")
        var document = try NotebookFixtures.document()
        document.cells.append(NotebookCell(number: 8, source: "", output: ""))
        try NotebookExport.writeJupyter(document, to: folder.file("s.ipynb"))
        let check = """
        import sys, nbformat
        nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
        print(nb.nbformat, nb.nbformat_minor, len(nb.cells), sum(len(c.get("outputs", [])) for c in nb.cells))
        """
        let result = try runProgram("python3", ["-c", check, folder.file("s.ipynb")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "4 5 10 9\n", "title + 9 cells; 9 outputs")
    }
}
