import Testing
import Autodiff
import NN
@testable import Workbench
@testable import Interop

/// gradbook's safetensors files against the reference implementation (PyPI `safetensors`)
/// and a NumPy forward pass. Skipped when those packages are missing.
@Suite(.enabled(if: Tooling.hasSafetensors, "needs python3 with numpy and safetensors (pip install numpy safetensors)"))
struct SafetensorsInteropTests {
    @Test(arguments: [Activation.sigmoid, .softmax, .linear])
    func numpyForwardPassMatchesPredict(final: Activation) throws {
        let folder = TemporaryFolder("interop")
        var g = RandomGenerator(seed: 7)
        let model = try Sequential([
            .dense(try Dense(units: 16, activation: .relu, inputSize: 4)),
            .dropout(try Dropout(rate: 0.5)),
            .dense(try Dense(units: 8, activation: .gelu)),
            .activation(.tanh, name: ""),
            .dense(try Dense(units: 6, activation: .leakyRelu, useBias: false)),
            .dense(try Dense(units: 3, activation: final)),
        ], using: &g)
        let x = try randomMatrix(rows: 32, columns: 4, seed: 8)
        try ModelParameterFile.write(model, to: folder.file("m.safetensors"))
        try AtomicFile.write(try SafetensorsWriter.encode([("x", x)]), to: folder.file("x.safetensors"))

        let run = try runProgram("python3", [scriptsDirectory.appendingPathComponent("safetensors_forward.py").path,
                                             folder.file("m.safetensors"), folder.file("x.safetensors"), folder.file("y.safetensors")])
        #expect(run.status == 0, "\(run.stderr)")
        let output = try SafetensorsReader.decode(try AtomicFile.read(folder.file("y.safetensors")))
        #expect(output.metadata["written_by"] == "python")
        let y = try #require(output.tensor(named: "y"))
        let predicted = try model.predict(x)
        #expect(y.shape == predicted.shape)
        expectClose(y.scalars, predicted.scalars, tolerance: 1e-5)
    }

    @Test func readsFilesWrittenByTheReferenceWriter() throws {
        let folder = TemporaryFolder("pywritten")
        let run = try runProgram("python3", [scriptsDirectory.appendingPathComponent("safetensors_samples.py").path, folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let contents = try SafetensorsReader.decode(try AtomicFile.read(folder.file("floats.safetensors")))
        #expect(contents.metadata == ["source": "numpy"])
        #expect(contents.tensor(named: "f32")?.shape == [2, 3])
        #expect(contents.tensor(named: "f32")?.scalars == [0, 0.25, 0.5, 0.75, 1, 1.25])
        #expect(contents.tensor(named: "f64")?.scalars == [0.1, -2.5])
        #expect(contents.tensor(named: "f16")?.scalars == [1.5, -0.25, 65504])
        #expect(contents.tensor(named: "scalar")?.shape == [])
        #expect(contents.tensor(named: "scalar")?.scalar == 3.25)
        #expect(contents.tensor(named: "empty")?.shape == [0, 2])
        #expect(throws: ExportError.unsupportedDType(tensor: "counts", dtype: "I64")) {
            try SafetensorsReader.decode(try AtomicFile.read(folder.file("ints.safetensors")))
        }
    }
}
