import Testing
@testable import Workbench
@testable import Interop

struct HTMLNotebookTests {
    let writer = HTMLNotebookWriter(builtins: NotebookFixtures.builtins)

    @Test func hostileTextStaysText() throws {
        let page = try writer.render(NotebookDocument(title: "<title>", cells: [
            NotebookCell(number: 1, source: "s = \"</script><b>x</b>\"  # <!-- & -->", output: "</pre><b>bold</b><script>alert(1)</script>", outputKind: .value),
        ]))
        #expect(!page.contains("<b>") && !page.contains("</script>") && !page.contains("<script") && !page.contains("<!--"))
        #expect(page.contains("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"))
        #expect(page.contains("&lt;/pre&gt;&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("<title>&lt;title&gt;</title>"))
    }

    @Test func cellsHavePromptsAndOutputs() throws {
        let page = try writer.render(try NotebookFixtures.document())
        #expect(page.components(separatedBy: "<section class=\"cell\"").count == 9)
        #expect(page.contains("<div class=\"prompt\">In [2]:</div>") && page.contains("<div class=\"prompt\">Out[2]:</div>"))
        #expect(!page.contains("Out[5]:"), "printed output has no Out prompt")
        #expect(page.contains("<pre class=\"text\">done</pre>"), "terminal colours and CR are removed")
        #expect(page.components(separatedBy: "<figure class=\"plot\"><svg").count == 5)
    }

    @Test func selfContained() throws {
        let page = try writer.render(try NotebookFixtures.document())
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "https:"] {
            #expect(!page.contains(forbidden), "found \(forbidden)")
        }
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("@media print"))
        // The only addresses are XML namespaces, which are names, not fetches.
        #expect(page.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
    }

    @Test func highlightsEveryKind() {
        let html = writer.highlighted("fit model train epochs=10 # go\nrepeat 2\ns = \"a\\\"b\" + 1e-3*x[0]")
        #expect(html.contains("<span class=\"builtin\">fit</span> model train <span class=\"option\">epochs</span><span class=\"operator\">=</span><span class=\"number\">10</span> <span class=\"comment\"># go</span>"))
        #expect(html.contains("<span class=\"keyword\">repeat</span>"))
        #expect(html.contains("<span class=\"string\">&quot;a\\&quot;b&quot;</span>"))
        #expect(html.contains("<span class=\"number\">1e-3</span><span class=\"operator\">*</span>x<span class=\"punctuation\">[</span>"))
    }

    @Test(arguments: ["", "\"unterminated\nnext", "x = \"\\", "θ = α*δ", "1.5e", "a==b", "#", "@@@ ~ ` ! ?", "\"\\n\""])
    func highlighterKeepsEveryCharacter(_ source: String) {
        let tokens = GradbookHighlighter(builtins: ["x"]).tokens(source)
        #expect(tokens.map(\.text).joined() == source)
    }

    @Test func namesWithUnicodeAndNumbers() {
        let tokens = GradbookHighlighter(builtins: []).tokens("θ1 = 0.5")
        #expect(tokens.map(\.kind) == [.name, .plain, .operator, .plain, .number])
        #expect(GradbookHighlighter(builtins: []).tokens("1.5e").map(\.text) == ["1.5", "e"])
    }

    @Test func plainTextRemovesControls() {
        #expect(PlainText.clean("\u{1B}[1;32mok\u{1B}[0m\r\nnext\rline\u{07}\ttab") == "ok\nnext\nline\ttab")
    }

    @Test func plotsMustBeStandaloneSVG() {
        let bad = ["<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "<div>x</div>",
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "<svg><image href=\"http://x/y.png\"/></svg>",
                   "<svg><rect style=\"fill: url(http://x)\"/></svg>", "<svg><g>", "not xml"]
        for svg in bad {
            #expect(throws: ExportError.self, "\(svg)") {
                try writer.render(NotebookDocument(title: "t", cells: [NotebookCell(number: 1, source: "plot", plots: [svg])]))
            }
        }
        let withProlog = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(#g)\"/></svg>"
        #expect(throws: Never.self) { try SVGCheck.inlineable(withProlog, cell: 1) }
        #expect((try? SVGCheck.inlineable(withProlog, cell: 1))?.hasPrefix("<svg") == true)
    }

    @Test func exportWritesAndVerifies() throws {
        let folder = TemporaryFolder("html")
        let document = try NotebookFixtures.document()
        let report = try NotebookExport.writeHTML(document, to: folder.file("out/s.html"), builtins: NotebookFixtures.builtins)
        #expect(report.cells == 8 && report.plots == 4)
        #expect(report.description.hasPrefix("wrote \(folder.file("out/s.html")): 8 cells, 4 plots,"))
        let text = String(decoding: try AtomicFile.read(folder.file("out/s.html")), as: UTF8.self)
        #expect(throws: Never.self) { try NotebookExport.verifyHTML(text, document, path: "p") }
        var other = document
        other.cells[1].source = "different"
        #expect(throws: ExportError.verificationFailed(path: "p", message: "the source of cell 2 reads back different")) {
            try NotebookExport.verifyHTML(text, other, path: "p")
        }
        other.cells.removeLast()
        #expect(throws: ExportError.self) { try NotebookExport.verifyHTML(text, other, path: "p") }
    }

    @Test func aBadPlotLeavesNoFile() throws {
        let folder = TemporaryFolder("htmlbad")
        let bad = NotebookDocument(title: "t", cells: [NotebookCell(number: 3, source: "plot", plots: ["<svg><script/></svg>"])])
        #expect(throws: ExportError.invalidSVG(cell: 3, message: "it contains a <script> element")) {
            try NotebookExport.writeHTML(bad, to: folder.file("s.html"), builtins: [])
        }
        #expect(folder.contents.isEmpty)
    }

    /// The page in a real browser: every cell and plot in the DOM, a silent console, a
    /// screenshot that is not blank (Tests/WorkbenchTests/Scripts/check_html_in_browser.py).
    @Test(.enabled(if: Tooling.hasChromium && Tooling.hasPython, "needs chromium (apt-get install chromium) and python3"))
    func rendersInChromium() throws {
        let folder = TemporaryFolder("browser")
        let document = try NotebookFixtures.document()
        try NotebookExport.writeHTML(document, to: folder.file("s.html"), builtins: NotebookFixtures.builtins)
        let script = scriptsDirectory.appendingPathComponent("check_html_in_browser.py").path
        let result = try runProgram("python3", [script, folder.file("s.html"), "\(document.cells.count)", "\(document.plotCount)", folder.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("ok: the DOM has 8 cells and 4 plots"), "\(result.stdout)")
        #expect(result.stdout.contains("ok: nothing logged to the console"))
        #expect(result.stdout.contains("screenshot is not blank"))
    }
}

/// A replayed lesson exported as a page: the version once in the header, the file's opening
/// comment of paragraphs as its introduction (not cell 1's input), and each plot once, as SVG.
struct HTMLNotebookFromSessionTests {
    @Test func aReplayedLessonExportsCleanly() throws {
        let s = RecordingSession()
        s.output("""
            # gradbook 0.1.0 session, saved 2026-11-29, seed 0
            # A lesson about x.
            #
            # Its second paragraph.
            x = 2
            # a comment of cell 2
            hist randn(100, seed=0)
            """)
        let document = s.session.notebook(title: "lesson")
        let page = try HTMLNotebookWriter(builtins: Set(BuiltinRegistry.standard.names)).render(document)
        let version = "gradbook \(GradbookVersion.string)"
        #expect(page.components(separatedBy: version).count == 3, "once in the meta line, once in the generator tag")
        #expect(page.contains("<p class=\"meta\">\(version), seed 0 · 2 cells</p>"))
        #expect(page.contains("<p class=\"intro\">A lesson about x.</p>\n<p class=\"intro\">Its second paragraph.</p>"))
        #expect(document.cells[0].source == "x = 2")
        #expect(document.cells[1].source == "# a comment of cell 2\nhist randn(100, seed=0)")
        // The histogram is drawn once, as SVG: its terminal drawing is not in the page.
        #expect(document.cells[1].plots.count == 1)
        #expect(!page.contains("█") && !page.contains("<pre class=\"text\">"))
    }
}
