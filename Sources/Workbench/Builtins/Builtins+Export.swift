import Foundation
import Autodiff
import Language
import NN
import Interop

/// Export and import: a model's params as safetensors, a PyTorch script, the session
/// as an HTML notebook or a Jupyter notebook. Every export reads back what it wrote and checks
/// it before reporting success; writes are atomic.
extension Builtins {
    static let export: [Builtin] = [
        Builtin("export", .export,
                signature: "export(model, \"m.safetensors\") or export(model, \"m.py\", format=pytorch) or export(session, \"s.html\" | \"s.ipynb\")",
                summary: "Writes a model's params (safetensors), a PyTorch script that rebuilds the model, or this session as an HTML or Jupyter notebook; the extension chooses the format (.safetensors, .py, .html, .ipynb).",
                example: "export model \"model.safetensors\"", options: ["format", "title"], flags: ["session"]) { inv throws(Diagnostic) in
            if try inv.optionBool("session", default: false) {
                try inv.expectArguments(1...1)
                let file = try inv.string(0, "the path")
                let path = try inv.writablePath(file, at: inv.range(0))
                let format = try inv.exportFormat(at: inv.range(0)) { () throws(ExportFormatProblem) in try ExportFormat.forSession(path: path) }
                let document = inv.session.notebook(title: try inv.optionString("title") ?? "gradbook session")
                do {
                    let report = format == .jupyter
                        ? "\(try NotebookExport.writeJupyter(document, to: path))"
                        : "\(try NotebookExport.writeHTML(document, to: path, builtins: Set(inv.session.builtins.names)))"
                    inv.print(report.replacingOccurrences(of: path, with: file))
                } catch {
                    throw .error(.fileFailure("\(error)"), at: inv.range(0))
                }
                return .nothing
            }
            try inv.expectArguments(2...2)
            let model = try inv.model(0)
            let file = try inv.string(1, "the path")
            let path = try inv.writablePath(file, at: inv.range(1))
            let option = try inv.optionString("format")
            let format = try inv.exportFormat(at: option == nil ? inv.range(1) : inv.optionRange("format")) { () throws(ExportFormatProblem) in
                try ExportFormat.forModel(path: path, format: option)
            }
            do {
                switch format {
                case .pytorch:
                    // The weights' name comes from the checked path, and is checked in turn.
                    let weights = try inv.writablePath(PyTorchExport.weightsPath(forScript: path), at: inv.range(1))
                    inv.print("\(try PyTorchExport.write(model, to: path, weightsPath: weights, modelName: inv.argument(0).name ?? "model"))"
                        .replacingOccurrences(of: weights, with: PyTorchExport.weightsPath(forScript: file))
                        .replacingOccurrences(of: path, with: file))
                default:
                    inv.print("\(try ModelParameterFile.write(model, to: path))".replacingOccurrences(of: path, with: file))
                }
            } catch let error as Diagnostic {
                throw error
            } catch {
                throw .error(.fileFailure("\(error)"), at: inv.range(1))
            }
            return .nothing
        },
        Builtin("import", .export, signature: "import(model, \"m.safetensors\")",
                summary: "Loads params from a safetensors file into a model of the same architecture (names and shapes are checked).",
                example: "import model \"model.safetensors\"") { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            var model = try inv.model(0)
            let path = try inv.readablePath(1)
            let imported: ParameterImport
            do { imported = try ModelParameterFile.read(path, for: model) } catch {
                throw .error(.fileFailure("\(error)"), at: inv.range(1))
            }
            try inv.models { () throws(NNError) in try model.setParameterValues(imported.parameters) }
            inv.session.markChanged(model.parameters, by: "import")
            for note in imported.notes { inv.print("note: \(note)") }
            inv.print("imported \(Plural.count(imported.parameters.count, "param")) (\(Plural.count(model.parameterCount, "value"))) into \(inv.text(0))")
            inv.storeBack(0, .model(model))
            return .nothing
        },
    ]
}

extension Invocation {
    /// The export format `choose` finds, or its problem as this command's error at `range`.
    func exportFormat(at range: SourceRange, _ choose: () throws(ExportFormatProblem) -> ExportFormat) throws(Diagnostic) -> ExportFormat {
        do { return try choose() } catch { throw invalid("the path", "\(error)", at: range) }
    }
}

extension Session {
    /// The session's saved cells as a notebook document (what `save` would write, with plots).
    func notebook(title: String) -> NotebookDocument {
        var saved = self.cells.filter { $0.succeeded && $0.isSaved }
        // A comment of several paragraphs (split by a bare `#` line) above the first
        // statement says what the file is about: the page's introduction, not the first
        // cell's input. A one-paragraph note stays with the statement it is written above.
        var introduction: [String] = []
        if let first = saved.first, first.number == 1,
           first.leadingComments.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "#" }) {
            introduction = first.leadingComments.map { Session.commentText($0) }
            saved[0].leadingComments = []
        }
        let cells = saved.map { cell in
            NotebookCell(number: cell.number, source: SessionFile.statementLines(of: cell).joined(separator: "\n"),
                         output: cell.output, outputKind: cell.value != nil ? .value : .printed, plots: cell.plots,
                         plotTexts: cell.plotTexts)
        }
        return NotebookDocument(title: title, cells: cells, subtitle: "gradbook \(GradbookVersion.string), seed \(initialSeed)",
                                introduction: introduction)
    }

    /// A comment line's words: without `#` and the space after it.
    static func commentText(_ line: String) -> String {
        var text = Substring(line.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("#") { text = text.dropFirst() }
        if text.hasPrefix(" ") { text = text.dropFirst() }
        return String(text)
    }

}
