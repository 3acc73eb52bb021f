import Language
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `export session "s.html"` or `"s.ipynb"` wrote.
public struct NotebookExportReport: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let cells: Int
    public let plots: Int
    public let bytes: Int

    public var description: String {
        "wrote \(path): \(Plural.count(cells, "cell")), \(Plural.count(plots, "plot")), \(Plural.count(bytes, "byte")) (read back and verified)"
    }
}

/// Writes notebooks atomically and verifies each by reading it back: the HTML page must parse
/// and hold every cell with its source and every plot; the Jupyter notebook must parse as
/// nbformat 4 with every cell's source and plots.
public enum NotebookExport {
    @discardableResult
    public static func writeHTML(_ document: NotebookDocument, to path: String, builtins: Set<String>) throws(ExportError) -> NotebookExportReport {
        let html = try HTMLNotebookWriter(builtins: builtins).render(document)
        try AtomicFile.write(text: html, to: path) { written throws(ExportError) in
            try verifyHTML(written, document, path: path)
        }
        return NotebookExportReport(path: path, cells: document.cells.count, plots: document.plotCount, bytes: html.utf8.count)
    }

    @discardableResult
    public static func writeJupyter(_ document: NotebookDocument, to path: String) throws(ExportError) -> NotebookExportReport {
        let text = try JupyterNotebookWriter.render(document)
        try AtomicFile.write(text: text, to: path) { written throws(ExportError) in
            try verifyJupyter(written, document, path: path)
        }
        return NotebookExportReport(path: path, cells: document.cells.count, plots: document.plotCount, bytes: text.utf8.count)
    }

    /// The page parses; it has one `section.cell` per cell whose source reads back as written,
    /// and one inline `svg` per plot.
    static func verifyHTML(_ html: String, _ document: NotebookDocument, path: String) throws(ExportError) {
        let reader = PageReader()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = reader
        guard parser.parse(), reader.depth == 0 else { throw .verificationFailed(path: path, message: "the page does not parse") }
        guard reader.sources.count == document.cells.count else {
            throw .verificationFailed(path: path, message: "\(reader.sources.count) of \(document.cells.count) cells read back")
        }
        for (cell, source) in zip(document.cells, reader.sources) where source != PlainText.clean(cell.source) {
            throw .verificationFailed(path: path, message: "the source of cell \(cell.number) reads back different")
        }
        guard reader.plots == document.plotCount else {
            throw .verificationFailed(path: path, message: "\(reader.plots) of \(document.plotCount) plots read back")
        }
    }

    /// The notebook parses as nbformat 4 with the title cell, then each code cell's source and plots.
    static func verifyJupyter(_ text: String, _ document: NotebookDocument, path: String) throws(ExportError) {
        guard let json = try? JSONParser.parse(text), json["nbformat"]?.intValue == 4, let cells = json["cells"]?.arrayValue else {
            throw .verificationFailed(path: path, message: "it does not read back as an nbformat 4 notebook")
        }
        let code = cells.filter { $0["cell_type"]?.stringValue == "code" }
        guard code.count == document.cells.count else {
            throw .verificationFailed(path: path, message: "\(code.count) of \(document.cells.count) cells read back")
        }
        for (cell, stored) in zip(document.cells, code) {
            let source = (stored["source"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
            let plots = (stored["outputs"]?.arrayValue ?? []).filter { $0["output_type"]?.stringValue == "display_data" }.count
            guard source == PlainText.clean(cell.source), plots == cell.plots.count else {
                throw .verificationFailed(path: path, message: "cell \(cell.number) reads back different")
            }
        }
    }

    /// Collects the text of each `pre.source` and counts `svg` roots inside `figure.plot`.
    private final class PageReader: NSObject, XMLParserDelegate {
        var sources: [String] = []
        var plots = 0
        private var inSource = false
        private var figureDepth = 0
        private(set) var depth = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            if name == "pre", attributes["class"] == "source" { inSource = true; sources.append("") }
            if name == "figure", attributes["class"] == "plot" { figureDepth = depth }
            if name == "svg", figureDepth > 0, depth == figureDepth + 1 { plots += 1 }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "pre" { inSource = false }
            if name == "figure" { figureDepth = 0 }
            depth -= 1
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inSource { sources[sources.count - 1] += string }
        }
    }
}
