import Language
import Plots

/// Writes a notebook as one self-contained HTML page: numbered `In [n]:` cells with
/// highlighted source, monospace outputs, plots as inline SVG, and print styles.
///
/// Self-contained means nothing is fetched: no scripts, fonts, images or stylesheets from
/// anywhere (a Content-Security-Policy says so to the browser too), CSS inline, system fonts.
/// The page is also well-formed XML, which is how the export verifies what it wrote.
public struct HTMLNotebookWriter: Sendable {
    public let highlighter: GradbookHighlighter

    /// `builtins`: the interpreter's built-in names, highlighted in sources.
    public init(builtins: Set<String>) {
        highlighter = GradbookHighlighter(builtins: builtins)
    }

    public func render(_ document: NotebookDocument) throws(ExportError) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="gradbook \(GradbookVersion.string)" />
        <title>\(HTMLNotebookWriter.escape(document.title))</title>
        <style>
        \(HTMLNotebookWriter.styleSheet)
        </style>
        </head>
        <body>
        <main class="notebook">
        <header>
        <h1>\(HTMLNotebookWriter.escape(document.title))</h1>
        <p class="meta">\(HTMLNotebookWriter.escape(metaLine(document)))</p>
        \(introduction(document))</header>

        """
        for cell in document.cells { html += try render(cell) }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// The session file's opening comment, as a paragraph under the title (empty lines of
    /// the comment separate paragraphs).
    private func introduction(_ document: NotebookDocument) -> String {
        guard !document.introduction.isEmpty else { return "" }
        let paragraphs = document.introduction.split(separator: "", omittingEmptySubsequences: true)
        return paragraphs.map { "<p class=\"intro\">" + HTMLNotebookWriter.escape($0.joined(separator: "\n")) + "</p>\n" }.joined()
    }

    private func metaLine(_ document: NotebookDocument) -> String {
        let count = Plural.count(document.cells.count, "cell")
        // The subtitle names the version already when the session gives one.
        return [document.subtitle ?? "gradbook \(GradbookVersion.string)", count].joined(separator: " · ")
    }

    private func render(_ cell: NotebookCell) throws(ExportError) -> String {
        var html = "<section class=\"cell\" data-cell=\"\(cell.number)\">\n"
        html += "<div class=\"input\"><div class=\"prompt\">In [\(cell.number)]:</div>"
        html += "<pre class=\"source\"><code>" + highlighted(PlainText.clean(cell.source)) + "</code></pre></div>\n"
        // Each plot once, as its SVG: its terminal drawing would repeat it, too wide for the page.
        let output = PlainText.output(cell.outputWithoutPlotTexts)
        if !output.isEmpty || !cell.plots.isEmpty {
            let prompt = cell.outputKind == .value ? "Out[\(cell.number)]:" : ""
            html += "<div class=\"output\"><div class=\"prompt\">\(prompt)</div><div class=\"results\">"
            if !output.isEmpty { html += "<pre class=\"text\">" + HTMLNotebookWriter.escape(output) + "</pre>" }
            for svg in cell.plots {
                html += "<figure class=\"plot\">" + (try SVGCheck.inlineable(svg, cell: cell.number)) + "</figure>"
            }
            html += "</div></div>\n"
        }
        return html + "</section>\n"
    }

    /// The source as `<span class="k">` runs (k: the token's kind), escaped.
    func highlighted(_ source: String) -> String {
        highlighter.tokens(source).map { token in
            let text = HTMLNotebookWriter.escape(token.text)
            return token.kind == .plain || token.kind == .name ? text : "<span class=\"\(token.kind.rawValue)\">\(text)</span>"
        }.joined()
    }

    /// Text safe in HTML content and quoted attributes: the SVG writer's escaping, since the
    /// page is also checked as well-formed XML (control characters become U+FFFD there too).
    static func escape(_ text: String) -> String {
        SVGDocument.escape(text)
    }
}
