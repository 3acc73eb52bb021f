import Testing
import Autodiff
import NN
@testable import Workbench
@testable import Interop

struct ModelParameterFileTests {
    @Test func exportThenImportRestoresPredictions() throws {
        let folder = TemporaryFolder("params")
        let source = try sampleModel(seed: 1)
        let report = try ModelParameterFile.write(source, to: folder.file("sub/m.safetensors"))
        #expect(report.tensorCount == 7)
        #expect(report.parameterCount == source.parameterCount)
        #expect(folder.contents == ["sub"], "no temporary file is left behind")

        var target = try sampleModel(seed: 2)
        let x = try randomMatrix(rows: 5, columns: 3, seed: 3)
        #expect(try target.predict(x).scalars != source.predict(x).scalars)
        let imported = try ModelParameterFile.read(folder.file("sub/m.safetensors"), for: target)
        #expect(imported.notes.isEmpty)
        try target.setParameters(imported.parameters)
        #expect(try target.predict(x).scalars == source.predict(x).scalars)
    }

    @Test func metadataRecordsTheArchitecture() throws {
        let model = try sampleModel()
        let contents = try SafetensorsReader.decode(try ModelParameterFile.encode(model))
        #expect(contents.metadata["format"] == "pt")
        #expect(contents.metadata[ModelParameterFile.versionKey] == GradbookVersion.string)
        let json = try JSONParser.parse(try #require(contents.metadata[ModelParameterFile.architectureKey]))
        let architecture = try #require(ModelArchitecture(json: json))
        #expect(architecture == ModelArchitecture(model))
        #expect(architecture.summary == "3 → dense_0 8 relu → dropout_0 0.25 → dense_1 6 tanh → dense_2 5 gelu no-bias → leaky_relu_0 → dense_3 1 sigmoid")
        #expect(contents.entries.map(\.name) == ["dense_0.W", "dense_0.b", "dense_1.W", "dense_1.b", "dense_2.W", "dense_3.W", "dense_3.b"])
    }

    @Test func listsEveryMismatch() throws {
        var g = RandomGenerator(seed: 0)
        let model = try Sequential([.dense(try Dense(units: 4, inputSize: 2)), .dense(try Dense(units: 1))], using: &g)
        let file = try SafetensorsReader.decode(try SafetensorsWriter.encode([
            ("dense_0.W", try Tensor.zeros([3, 4])), ("dense_0.b", try Tensor.zeros([4])),
            ("dense_1.W", try Tensor.zeros([4, 1])), ("extra", Tensor([1])),
        ]))
        #expect(throws: ExportError.parametersDoNotMatch([
            .shapeMismatch(name: "dense_0.W", model: [2, 4], file: [3, 4]),
            .missing(name: "dense_1.b", shape: [1]),
            .unexpected(name: "extra", shape: [1]),
        ])) { try ModelParameterFile.parameters(from: file, for: model) }
        let message = ExportError.parametersDoNotMatch([.shapeMismatch(name: "dense_0.W", model: [2, 4], file: [3, 4])]).description
        #expect(message.contains("dense_0.W: the model has shape [2, 4], the file [3, 4]"))
    }

    @Test func notesAnotherArchitectureAndConversions() throws {
        let written = try sampleModel(final: .sigmoid)
        let reader = try sampleModel(final: .linear)
        var bytes = try ModelParameterFile.encode(written)
        let contents = try SafetensorsReader.decode(bytes)
        let imported = try ModelParameterFile.parameters(from: contents, for: reader)
        #expect(imported.notes == ["the file was written from \(ModelArchitecture(written).summary); this model is \(ModelArchitecture(reader).summary)"])
        bytes = try SafetensorsWriter.encode([("dense_0.W", Tensor([1]))])
        #expect(throws: ExportError.self) { try ModelParameterFile.parameters(from: try SafetensorsReader.decode(bytes), for: reader) }
    }

    @Test func aFailedWriteLeavesTheOldFile() throws {
        let folder = TemporaryFolder("atomic")
        let path = folder.file("m.safetensors")
        try AtomicFile.write(text: "old", to: path)
        #expect(throws: ExportError.verificationFailed(path: path, message: "no")) {
            try AtomicFile.write(text: "new", to: path) { _ throws(ExportError) in throw .verificationFailed(path: path, message: "no") }
        }
        #expect(String(decoding: try AtomicFile.read(path), as: UTF8.self) == "old")
        #expect(folder.contents == ["m.safetensors"])
        try AtomicFile.write(text: "new", to: path)
        #expect(String(decoding: try AtomicFile.read(path), as: UTF8.self) == "new")
    }

    @Test func fileSystemErrorsAreTyped() throws {
        let folder = TemporaryFolder("fs")
        try AtomicFile.write(text: "x", to: folder.file("plain"))
        #expect(throws: ExportError.self) { try AtomicFile.write(text: "y", to: folder.file("plain/inside.txt")) }
        #expect(throws: ExportError.self) { try AtomicFile.read(folder.file("absent")) }
        #expect(throws: ExportError.self) { try AtomicFile.read(folder.path) }
        #expect(throws: ExportError.self) { try ModelParameterFile.read(folder.file("plain"), for: try sampleModel()) }
    }
}
