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
/// `m.safetensors`. Both are written to temporary files and verified first, then put in place
/// together (`AtomicFile.commit(together:)`): a failure at any point (a full disk) leaves the old
/// pair as it was, never a script beside weights of another architecture.
public enum PyTorchExport {
    /// The weights file that goes with a script path: `m.py` → `m.safetensors`.
    public static func weightsPath(forScript path: String) -> String {
        (path.hasSuffix(".py") ? String(path.dropLast(3)) : path) + ".safetensors"
    }

    /// Writes the pair; `weightsPath` is the checked path for the weights (by default derived
    /// from `scriptPath`).
    @discardableResult
    public static func write(_ model: Sequential, to scriptPath: String, weightsPath: String? = nil,
                             modelName: String = "model") throws(ExportError) -> PyTorchExportReport {
        // The script reads rows of features: models of images, normalizations and embeddings have no script yet.
        let unsupported: [LayerKind] = [.conv2d, .maxpool2d, .avgpool2d, .flatten, .batchnorm, .layernorm, .embedding]
        if let layer = model.layers.first(where: { unsupported.contains($0.kind) }) {
            throw .unsupportedLayer(layer: layer.name, kind: layer.kind.name, exporter: "PyTorch export")
        }
        let weightsPath = weightsPath ?? self.weightsPath(forScript: scriptPath)
        let (weightsFile, weights) = try ModelParameterFile.prepare(model, for: weightsPath)
        let script = PyTorchScript(model, weightsFileName: AtomicFile.baseName(of: weightsPath), modelName: modelName).text
        let scriptFile = try AtomicFile.prepare(Array(script.utf8), for: scriptPath) { written throws(ExportError) in
            guard String(decoding: written, as: UTF8.self) == script else {
                throw .verificationFailed(path: scriptPath, message: "the text read back differs")
            }
        }
        try AtomicFile.commit(together: [weightsFile, scriptFile])
        return PyTorchExportReport(scriptPath: scriptPath, weights: weights)
    }
}
