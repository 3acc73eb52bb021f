/// Writes a notebook as a Jupyter notebook (nbformat 4.5): a markdown cell with the title,
/// then one code cell per statement with its execution count and outputs — printed text as
/// a `stream`, a value as an `execute_result`, each plot as `display_data` with
/// `image/svg+xml` and its terminal drawing as `text/plain` — and kernelspec and language_info
/// naming gradbook (what the gradbook kernel sends when the notebook reruns).
///
/// Keys are sorted and indented by one space, as Jupyter itself writes notebooks, so that
/// exporting the same session twice gives the same bytes.
public enum JupyterNotebookWriter {
    public static func render(_ document: NotebookDocument) throws(ExportError) -> String {
        var cells: [JSONValue] = [
            sorted([
                "cell_type": .string("markdown"), "id": .string("gradbook-title"), "metadata": .object([]),
                "source": lines("# " + document.title + (document.subtitle.map { "\n\n" + $0 } ?? "")
                    + (document.introduction.isEmpty ? "" : "\n\n" + document.introduction.joined(separator: "\n"))),
            ]),
        ]
        for (index, cell) in document.cells.enumerated() {
            var outputs: [JSONValue] = []
            // A plot's terminal drawing is its display's text form, not part of the stream.
            let text = PlainText.output(cell.outputWithoutPlotTexts)
            if !text.isEmpty {
                switch cell.outputKind {
                case .printed:
                    outputs.append(sorted(["name": .string("stdout"), "output_type": .string("stream"), "text": lines(text + "\n")]))
                case .value:
                    outputs.append(sorted(["data": sorted(["text/plain": lines(text)]), "execution_count": .int(cell.number),
                                           "metadata": .object([]), "output_type": .string("execute_result")]))
                }
            }
            for (index, svg) in cell.plots.enumerated() {
                let inline = try SVGCheck.inlineable(svg, cell: cell.number)
                let drawing = index < cell.plotTexts.count ? PlainText.output(cell.plotTexts[index]) : "<plot>"
                outputs.append(sorted(["data": sorted(["image/svg+xml": lines(inline), "text/plain": lines(drawing)]),
                                       "metadata": .object([]), "output_type": .string("display_data")]))
            }
            cells.append(sorted([
                "cell_type": .string("code"), "execution_count": .int(cell.number),
                // Ids must be unique; positions are, numbers might not be (a replayed session).
                "id": .string("gradbook-\(index + 1)"), "metadata": .object([]),
                "outputs": .array(outputs), "source": lines(PlainText.clean(cell.source)),
            ]))
        }
        let notebook = sorted([
            "cells": .array(cells),
            "metadata": sorted([
                "kernelspec": sorted(["display_name": .string("gradbook"), "language": .string("gradbook"), "name": .string("gradbook")]),
                "language_info": sorted(["file_extension": .string(".grad"), "mimetype": .string("text/x-gradbook"),
                                         "name": .string("gradbook"), "version": .string(GradbookVersion.string)]),
                "title": .string(document.title),
            ]),
            "nbformat": .int(4),
            "nbformat_minor": .int(5),
        ])
        return notebook.serialized(indent: 1) + "\n"
    }

    /// Multi-line text as Jupyter stores it: a list of lines, each but the last ending in "\n".
    static func lines(_ text: String) -> JSONValue {
        var parts: [JSONValue] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "\n" { parts.append(.string(current)); current = "" }
        }
        if !current.isEmpty { parts.append(.string(current)) }
        return .array(parts)
    }

    /// An object with its keys in sorted order.
    private static func sorted(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.sorted { $0.key < $1.key }.map { JSONValue.Member($0.key, $0.value) })
    }
}
