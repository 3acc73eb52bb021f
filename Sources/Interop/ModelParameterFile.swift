import Language
import Autodiff
import NN

/// What `export model "m.safetensors"` wrote, for the command to report.
public struct ModelExportReport: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let tensorCount: Int
    public let parameterCount: Int
    public let bytes: Int

    public var description: String {
        "wrote \(path): \(Plural.count(tensorCount, "tensor")), \(Plural.count(parameterCount, "param")), \(Plural.count(bytes, "byte")) (read back and verified)"
    }
}

/// The params read from a file for a model: in the model's order, ready for
/// `Sequential.setParameters`, with notes worth showing (dtype conversions, a file written
/// from a different architecture whose shapes happen to fit).
public struct ParameterImport {
    public let parameters: [Tensor]
    public let notes: [String]
}

/// A model's params as a safetensors file: names `dense_0.W`, `dense_0.b`, … (SPEC §7), `W` in
/// gradbook's `[in, out]` layout, float32, with the architecture in the metadata.
public enum ModelParameterFile {
    /// Metadata keys gradbook writes next to the reference format's `format: pt`.
    public static let versionKey = "gradbook.version"
    public static let architectureKey = "gradbook.architecture"

    /// The file's bytes for `model`.
    public static func encode(_ model: Sequential) throws(ExportError) -> [UInt8] {
        try SafetensorsWriter.encode(model.namedParameters.map { ($0.name, $0.value.detached) }, metadata: [
            "format": "pt",
            versionKey: GradbookVersion.string,
            architectureKey: ModelArchitecture(model).json.serialized(),
        ])
    }

    /// Writes `model`'s params to `path` atomically, after reading the file back and checking
    /// that every param is bit-for-bit what the model holds.
    @discardableResult
    public static func write(_ model: Sequential, to path: String) throws(ExportError) -> ModelExportReport {
        let (file, report) = try prepare(model, for: path)
        try file.commit()
        return report
    }

    /// The verified temporary file for `model`'s params, not yet in place (see `AtomicFile.prepare`).
    static func prepare(_ model: Sequential, for path: String) throws(ExportError) -> (PreparedFile, ModelExportReport) {
        let bytes = try encode(model)
        let file = try AtomicFile.prepare(bytes, for: path) { written throws(ExportError) in
            let contents: SafetensorsContents
            do { contents = try SafetensorsReader.decode(written) } catch {
                throw .verificationFailed(path: path, message: "it does not read back: \(error)")
            }
            for (name, value) in model.namedParameters {
                guard let read = contents.tensor(named: name), read.shape == value.shape,
                      read.scalars.map(\.bitPattern) == value.scalars.map(\.bitPattern) else {
                    throw .verificationFailed(path: path, message: "\(name) reads back different")
                }
            }
        }
        return (file, ModelExportReport(path: path, tensorCount: model.namedParameters.count,
                                        parameterCount: model.parameterCount, bytes: bytes.count))
    }

    /// Reads `path` and matches its tensors to `model`'s params.
    public static func read(_ path: String, for model: Sequential) throws(ExportError) -> ParameterImport {
        try parameters(from: try SafetensorsReader.decode(try AtomicFile.read(path)), for: model)
    }

    /// Matches a file's tensors to `model`'s params by name and shape; every missing, unexpected
    /// or mis-shaped tensor is listed in one error.
    public static func parameters(from contents: SafetensorsContents, for model: Sequential) throws(ExportError) -> ParameterImport {
        let expected = model.namedParameters
        let expectedNames = Set(expected.map(\.name))
        var problems: [ParameterProblem] = []
        var values: [Tensor] = []
        for (name, value) in expected {
            guard let found = contents.tensor(named: name) else {
                problems.append(.missing(name: name, shape: value.shape))
                continue
            }
            if found.shape != value.shape {
                problems.append(.shapeMismatch(name: name, model: value.shape, file: found.shape))
            }
            values.append(found)
        }
        for entry in contents.entries where !expectedNames.contains(entry.name) {
            problems.append(.unexpected(name: entry.name, shape: entry.tensor.shape))
        }
        guard problems.isEmpty else { throw .parametersDoNotMatch(problems) }

        var notes: [String] = []
        for entry in contents.entries where entry.storedAs != .f32 {
            notes.append("\(entry.name) was stored as \(entry.storedAs.rawValue) and converted to float32")
        }
        for ((name, _), value) in zip(expected, values) {
            let nan = value.scalars.filter(\.isNaN).count, infinite = value.scalars.filter(\.isInfinite).count
            guard nan + infinite > 0 else { continue }
            let what = [nan > 0 ? "\(nan) NaN" : nil, infinite > 0 ? "\(infinite) infinite" : nil].compactMap { $0 }.joined(separator: " and ")
            notes.append("\(name) holds \(what) value\(nan + infinite == 1 ? "" : "s") of \(value.count): the model's outputs "
                + "will not be numbers (was the file written after training diverged?)")
        }
        let mine = ModelArchitecture(model)
        if let text = contents.metadata[architectureKey],
           let json = try? JSONParser.parse(text), let theirs = ModelArchitecture(json: json), theirs != mine {
            notes.append("the file was written from \(theirs.summary); this model is \(mine.summary)")
        }
        return ParameterImport(parameters: values, notes: notes)
    }
}
