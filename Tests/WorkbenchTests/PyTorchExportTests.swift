import Foundation
import Testing
import Autodiff
import NN
@testable import Workbench
@testable import Interop

/// The PyTorch export: the script's content, that it is valid Python, and (when torch is
/// installed) that it predicts what gradbook predicts and trains.
/// Serialized: the torch checks start torchrun with two processes each; several at once on a
/// 2-core machine starved each other until gloo's rendezvous gave up.
@Suite(.serialized)
struct PyTorchExportTests {
    static let settings: [PyTorchScript.TrainingSettings?] = [
        .init(optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-7), learningRate: 0.001, loss: .bce, metrics: [.accuracy]),
        .init(optimizer: .sgd(momentum: 0.9, nesterov: true), learningRate: 0.01, loss: .mse, metrics: [.mae]),
        .init(optimizer: .sgd(momentum: 0, nesterov: false), learningRate: 0.1, loss: .mae, metrics: []),
        .init(optimizer: .adamw(beta1: 0.9, beta2: 0.99, epsilon: 1e-7, weightDecay: 0.004), learningRate: 0.002, loss: .bceLogits, metrics: [.accuracy, .mse]),
        .init(optimizer: .rmsprop(rho: 0.9, epsilon: 1e-7), learningRate: 0.001, loss: .crossEntropy, metrics: [.accuracy]),
        .init(optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-7), learningRate: 0.001, loss: .categoricalCrossEntropy, metrics: []),
        nil,
    ]

    static func script(final: Activation, _ training: PyTorchScript.TrainingSettings?) throws -> String {
        PyTorchScript(architecture: ModelArchitecture(try sampleModel(final: final)), training: training,
                      weightsFileName: "m.safetensors").text
    }

    @Test func describesTheModel() throws {
        let text = try Self.script(final: .sigmoid, Self.settings[0])
        for expected in [
            #"("dense_0", nn.Linear(3, 8)),"#, #"("dense_0_relu", nn.ReLU()),"#, #"("dropout_0", nn.Dropout(0.25)),"#,
            #"("dense_2", nn.Linear(6, 5, bias=False)),"#, #"("dense_2_gelu", nn.GELU()"#, #"("leaky_relu_0", nn.LeakyReLU(0.01)),"#,
            #"("dense_3", nn.Linear(5, 1)),"#, "self.head = nn.Sigmoid()", "torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-07)",
            "F.binary_cross_entropy_with_logits(z", "LEARNING_RATE = 0.001", #"WEIGHTS = os.path.join(HERE, "m.safetensors")"#,
            "INPUTS = 3", #"METRICS = ["accuracy"]"#, "yield name + \".W\", m.weight, isinstance(m, nn.Linear)",
            "Keras adds ε to √v before bias correction", "WORLD_SIZE",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
    }

    @Test func mirrorsGradbooksLossFusion() throws {
        #expect(try Self.script(final: .linear, Self.settings[0]).contains("q, t = p.clamp(EPSILON, 1 - EPSILON)"))
        #expect(try Self.script(final: .softmax, Self.settings[5]).contains("F.log_softmax(z, dim=-1)"))
        // After a softmax, cross_entropy takes its logits (softmax once, as gradbook fuses it).
        #expect(try Self.script(final: .softmax, Self.settings[4]).contains("z = net(x, logits=True)\n    return F.cross_entropy(z"))
        #expect(try Self.script(final: .linear, Self.settings[4]).contains("z = net(x)\n    return F.cross_entropy(z"))
        #expect(try Self.script(final: .sigmoid, Self.settings[5]).contains("torch.log(p.clamp(EPSILON, 1 - EPSILON))"))
        #expect(try Self.script(final: .sigmoid, Self.settings[3]).contains("weight_decay=0.004"))
        #expect(try Self.script(final: .sigmoid, Self.settings[4]).contains("alpha=0.9"))
        #expect(try Self.script(final: .sigmoid, nil).contains("was not compiled in gradbook"))
    }

    @Test(.enabled(if: Tooling.hasPython, "needs python3"), arguments: settings.indices)
    func scriptIsValidPython(index: Int) throws {
        let folder = TemporaryFolder("pycompile")
        for final in [Activation.sigmoid, .softmax, .linear] {
            try AtomicFile.write(text: try Self.script(final: final, Self.settings[index]), to: folder.file("m.py"))
            let result = try runProgram("python3", ["-m", "py_compile", folder.file("m.py")])
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    @Test func writesScriptAndWeightsSideBySide() throws {
        let folder = TemporaryFolder("ptexport")
        var model = try sampleModel()
        model.compilation = Compilation(optimizer: try .adam(), loss: .bce, metrics: [.accuracy])
        let report = try PyTorchExport.write(model, to: folder.file("out/m.py"))
        #expect(report.weights.path == folder.file("out/m.safetensors"))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/m.safetensors")))
        let text = String(decoding: try AtomicFile.read(folder.file("out/m.py")), as: UTF8.self)
        #expect(text == PyTorchScript(model, weightsFileName: "m.safetensors").text)
        #expect(report.description.contains("read back and verified"))
    }

    /// A dense model's export predicts what gradbook predicts, trains, saves and runs under torchrun.
    /// With `sameTraining`, gradbook also trains (sgd with momentum, no dropout: the update rules
    /// are then the same math) and the script must end with the same params.
    @Test(.enabled(if: Tooling.hasTorch, "needs python3 with torch and numpy (not installed by the test suite)"),
          arguments: [(Activation.sigmoid, LossFunction.bce, false), (.softmax, .categoricalCrossEntropy, false),
                      (.linear, .mse, false), (.sigmoid, .bce, true), (.softmax, .categoricalCrossEntropy, true)])
    func torchAgreesWithGradbook(final: Activation, loss: LossFunction, sameTraining: Bool) throws {
        var g = RandomGenerator(seed: 11)
        let outputs = final == .softmax ? 3 : 1
        let dropout: [Layer] = sameTraining ? [] : [.dropout(try Dropout(rate: 0.1))]
        var model = try Sequential([.dense(try Dense(units: 16, activation: .relu, inputSize: 4))] + dropout + [
            .dense(try Dense(units: 8, activation: .gelu)), .activation(.tanh, name: ""),
            .dense(try Dense(units: 6, activation: .leakyRelu, useBias: false)),
            .dense(try Dense(units: outputs, activation: final)),
        ], using: &g)
        let optimizer = sameTraining ? try Optimizer.sgd(lr: 0.1, momentum: 0.9) : try Optimizer.adam()
        model.compilation = Compilation(optimizer: optimizer, loss: loss, metrics: [.accuracy])
        let x = try randomMatrix(rows: 40, columns: 4, seed: 12)
        try Self.expectTorchAgrees(with: &model, on: x, sameTraining: sameTraining, using: &g)
    }

    /// Exports `model`, writes the rows of `x` (flattened, as CSV rows of features), gradbook's
    /// predictions for them and training rows, and hands the folder to
    /// bench/pytorch_export_check.py. With `sameTraining`, gradbook also trains (3 epochs of 20
    /// rows, no shuffle) and the script must end with the same params.
    static func expectTorchAgrees(with model: inout Sequential, on x: Tensor, sameTraining: Bool,
                                  notCompared: [String: String] = [:], using g: inout RandomGenerator,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = TemporaryFolder("torch")
        try expectTorchAgrees(with: &model, on: x, in: folder, sameTraining: sameTraining, notCompared: notCompared,
                              using: &g, sourceLocation: sourceLocation)
    }

    /// `expectTorchAgrees` in a given folder, which keeps the export for further checks.
    static func expectTorchAgrees(with model: inout Sequential, on x: Tensor, in folder: TemporaryFolder, sameTraining: Bool,
                                  notCompared: [String: String] = [:], using g: inout RandomGenerator,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        try PyTorchExport.write(model, to: folder.file("model.py"))
        let n = x.shape[0], features = x.count / n, outputs = model.outputShape.reduce(1, *)
        let header = (0..<features).map { "x\($0)" }.joined(separator: ",")
        try AtomicFile.write(text: csv(header, x.scalars, columns: features), to: folder.file("inputs.csv"))
        try AtomicFile.write(text: csv(nil, try model.predict(x).scalars, columns: outputs), to: folder.file("expected.csv"))
        var rows: [Float] = [], targets: [Float] = []
        for i in 0..<n {
            // Binary targets for one output, one-hot rows for several.
            let target = outputs == 1 ? [Float(i % 2)] : (0..<outputs).map { Float($0 == i % outputs ? 1 : 0) }
            rows += x.scalars[(i * features)..<((i + 1) * features)] + target
            targets += target
        }
        let trainHeader = header + (0..<outputs).map { ",y\($0)" }.joined()
        try AtomicFile.write(text: csv(trainHeader, rows, columns: features + outputs), to: folder.file("train.csv"))
        if sameTraining {
            let y = try Tensor(shape: outputs == 1 ? [n] : [n, outputs], scalars: targets)
            _ = try model.fit(x: x, y: y, options: FitOptions(epochs: 3, batchSize: 20, shuffle: false), generator: &g)
            let skipped = notCompared.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
            try AtomicFile.write(text: #"{"epochs": 3, "batch_size": 20, "not_compared": {"# + skipped + "}}",
                                 to: folder.file("train_settings.json"))
            try AtomicFile.write(try ModelParameterFile.encode(model), to: folder.file("expected_trained.safetensors"))
        }

        let check = scriptsDirectory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bench/pytorch_export_check.py").path
        let result = try runProgram("python3", [check, folder.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains("ok: predictions match gradbook's"), "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains("ok: the same training ends with gradbook's params") == sameTraining, "\(result.stdout)",
                sourceLocation: sourceLocation)
    }

    private static func csv(_ header: String?, _ values: [Float], columns: Int) -> String {
        var lines = header.map { [$0] } ?? []
        for row in stride(from: 0, to: values.count, by: columns) {
            lines.append(values[row..<(row + columns)].map { String(format: "%.9g", Double($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
