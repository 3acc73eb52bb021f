/// What `export` writes, chosen by the file's extension: a file named `m.onnx` holding
/// safetensors bytes would mislead whoever opens it, so an extension that names no format gradbook
/// writes is an error that lists the ones it does.
public enum ExportFormat: Equatable {
    /// A model's params (`.safetensors`).
    case safetensors
    /// A PyTorch script and the safetensors file beside it (`.py`, with `format=pytorch`).
    case pytorch
    /// The session as an HTML notebook page (`.html`).
    case html
    /// The session as a Jupyter notebook (`.ipynb`).
    case jupyter

    /// The formats and their extensions, as the errors list them.
    static let listing = ".safetensors (a model's params), .py with format=pytorch (a PyTorch script), "
        + ".html or .ipynb (export session)"

    /// The extension of the last component of `path`, lowercased (`""` when it has none).
    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// The format for a model export to `path`; `format` is the `format=` option, which must
    /// agree with the extension when given.
    public static func forModel(path: String, format: String?) throws(ExportFormatProblem) -> ExportFormat {
        let ext = fileExtension(of: path)
        let chosen: ExportFormat
        switch ext {
        case "safetensors": chosen = .safetensors
        case "py": chosen = .pytorch
        case "html", "ipynb": throw .sessionOnly(ext: ext)
        default: throw .unknownExtension(ext: ext)
        }
        if let format {
            guard ["safetensors", "pytorch"].contains(format) else { throw .unknownFormat(format) }
            guard format == (chosen == .pytorch ? "pytorch" : "safetensors") else {
                throw .formatDisagrees(format: format, ext: ext)
            }
        }
        return chosen
    }

    /// The format for `export session` to `path`.
    public static func forSession(path: String) throws(ExportFormatProblem) -> ExportFormat {
        switch fileExtension(of: path) {
        case "html": return .html
        case "ipynb": return .jupyter
        case let ext: throw .notASessionFormat(ext: ext)
        }
    }
}

/// Why `export` cannot write a file of that name.
public enum ExportFormatProblem: Error, CustomStringConvertible {
    case unknownExtension(ext: String)
    case sessionOnly(ext: String)
    case notASessionFormat(ext: String)
    case unknownFormat(String)
    case formatDisagrees(format: String, ext: String)

    public var description: String {
        switch self {
        case .unknownExtension(let ext):
            return "\(ext.isEmpty ? "a name without an extension" : "'.\(ext)'") is not a format export writes; "
                + "the extension chooses it: \(ExportFormat.listing)"
        case .sessionOnly(let ext):
            return "'.\(ext)' is for export session; a model exports to .safetensors or to .py with format=pytorch"
        case .notASessionFormat(let ext):
            return "export session writes .html or .ipynb, not \(ext.isEmpty ? "a name without an extension" : "'.\(ext)'")"
        case .unknownFormat(let format):
            return "format= must be safetensors or pytorch, got \(format)"
        case let .formatDisagrees(format, ext):
            return format == "pytorch"
                ? "format=pytorch writes a PyTorch script: name it with .py (its weights go beside it as .safetensors)"
                : "format=\(format) writes .safetensors, but the name ends in '.\(ext)'"
        }
    }
}
