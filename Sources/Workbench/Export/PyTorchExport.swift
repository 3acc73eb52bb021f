import NN

/// What `export model "m.py" format=pytorch` wrote.
public struct PyTorchExportReport: Sendable, Equatable, CustomStringConvertible {
    public let scriptPath: String
    public let weights: ModelExportReport

    public var description: String {
        "wrote \(scriptPath) (a PyTorch script) and \(weights.path): \(weights.tensorCount) tensors, "
            + "\(weights.parameterCount) params (both read back and verified)"
    }
}

/// Writes a PyTorch script and the safetensors file it loads, side by side: `m.py` and
/// `m.safetensors`. The weights go first, so the script never refers to a file that is not
/// there; each file is written atomically and verified on its own.
public enum PyTorchExport {
    /// The weights file that goes with a script path: `m.py` → `m.safetensors`.
    public static func weightsPath(forScript path: String) -> String {
        (path.hasSuffix(".py") ? String(path.dropLast(3)) : path) + ".safetensors"
    }

    @discardableResult
    public static func write(_ model: Sequential, to scriptPath: String, modelName: String = "model") throws(ExportError) -> PyTorchExportReport {
        let weightsPath = weightsPath(forScript: scriptPath)
        let weights = try ModelParameterFile.write(model, to: weightsPath)
        let script = PyTorchScript(model, weightsFileName: AtomicFile.baseName(of: weightsPath), modelName: modelName).text
        try AtomicFile.write(text: script, to: scriptPath) { written throws(ExportError) in
            guard written == script else { throw .verificationFailed(path: scriptPath, message: "the text read back differs") }
        }
        return PyTorchExportReport(scriptPath: scriptPath, weights: weights)
    }
}
