import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Workbench
@testable import Interop

/// batchnorm, layernorm and embedding as layers in the language: the layer forms beside the
/// functions of the same names, summary's counts, grads and step on non-trainable state, and the
/// moving statistics carried by safetensors, undo, checkpoints and resumed fits.
struct NormLayerCommandTests {
    static let cnn = "m = sequential(conv2d(8, 3, padding=same, input=[1, 8, 8]), batchnorm(), relu, maxpool2d(2), flatten(), dense(10, softmax))"
    static let data = """
        x = randn(12, 1, 8, 8, seed=4)
        y = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]
        compile m optimizer=adam(lr=0.01) loss=cross_entropy
        """

    static func model(_ s: RecordingSession, _ name: String = "m") throws -> Sequential {
        guard case .model(let m)? = s.session.workspace[name] else { throw CancellationError() }
        return m
    }

    static func moving(_ s: RecordingSession, _ name: String = "m") throws -> [Float] {
        try model(s, name).namedParameters.filter { $0.name.contains("moving") }.flatMap(\.value.scalars)
    }

    @Test func theLayerFormsBuildModelsAndTheFunctionsStayFunctions() {
        let s = RecordingSession()
        #expect(s.output("batchnorm()") == "batchnorm()")
        #expect(s.output("batchnorm(momentum=0.9, eps=0.01)") == "batchnorm(momentum=0.9000, eps=0.0100)")
        #expect(s.output("layernorm(input=[4, 3])") == "layernorm(input=[4, 3])")
        #expect(s.output("embedding(50, 8, input=5)") == "embedding(50, 8, input=5)")
        s.output("e = sequential(embedding(50, 8, input=5), flatten(), layernorm(), dense(1))")
        #expect(s.output("e").hasPrefix("sequential(embedding(50, 8, input=5), flatten(), layernorm(), dense(1)) — 521 params"))
        #expect(s.output("shape(e[0].W)") == "[50, 8]")
        s.output(Self.cnn)
        #expect(s.output("m[1].moving_var").contains("tensor[8]"))
        #expect(s.output("shape(m(randn(2, 1, 8, 8, seed=1)))") == "[2, 10]")
        // The functions on tensors are unchanged.
        #expect(s.output("batchnorm([[1, 2], [3, 6]], [1, 1], [0, 0])").contains("0.9995"))
        #expect(s.output("shape(embedding([[0, 2]], ones(3, 4)))") == "[1, 2, 4]")
    }

    @Test func mistakesNameTheLayerAndTheFix() {
        let s = RecordingSession()
        #expect(s.error("batchnorm(momentum=2)").contains("momentum must be in [0, 1]"))
        #expect(s.error("layernorm(eps=0)").contains("eps must be a finite number > 0"))
        #expect(s.error("embedding(0, 4)").contains("vocab"))
        #expect(s.error("batchnorm(3)").contains("argument"))
        #expect(s.error("sequential(dense(3, input=2), embedding(5, 2))").contains("must be the first layer"))
        #expect(s.error("sequential(embedding(5, 2, input=3), batchnorm())").contains("flatten() before it, or layernorm()"))
        s.output("""
            e = sequential(embedding(5, 2, input=3), flatten(), dense(1, sigmoid))
            compile e optimizer=adam loss=bce
            """)
        s.output("tokens = [[0, 1, 2], [4, 4, 7]]")
        let bad = s.error("fit e tokens [0, 1]")
        #expect(bad.contains("row 1 of the data, position 2 holds 7"), "\(bad)")
        #expect(s.error("e([[0, 1.5, 2]])").contains("holds 1.5"))
    }

    /// Keras's counts, derived by hand and confirmed with PyTorch (`sum(p.numel())` plus the
    /// running-statistics buffers of the same modules): Conv2D(8, 3) on 1 channel: 8·1·3·3 + 8
    /// = 80; BatchNormalization of 8 channels: 4·8 = 32, of which 2·8 = 16 (moving mean and
    /// variance) non-trainable (PyTorch: 16 params and 16 buffers); Dense(10) on 8·4·4 = 128
    /// inputs: 1290. Total 1402, trainable 1386, non-trainable 16. Embedding(50, 8): 400;
    /// LayerNormalization(40): 80; Dense(1) on 40: 41; total 521, all trainable (PyTorch: 521).
    @Test func summaryCountsAsKerasDoes() {
        let s = RecordingSession()
        s.output(Self.cnn)
        let summary = s.output("summary m")
        #expect(summary.contains("batchnorm_0 (BatchNormalization)  (None, 8, 8, 8)           32"), "\(summary)")
        #expect(summary.contains("Total params: 1402 (5.48 KB)"))
        #expect(summary.contains("Trainable params: 1386 (5.41 KB)"))
        #expect(summary.contains("Non-trainable params: 16 (64 B)"))
        s.output("e = sequential(embedding(50, 8, input=5), flatten(), layernorm(), dense(1))")
        let other = s.output("summary e")
        #expect(other.contains("embedding_0 (Embedding)") && other.contains("(None, 5, 8)") && other.contains("400"))
        #expect(other.contains("layernorm_0 (LayerNormalization)") && other.contains("80"))
        #expect(other.contains("Total params: 521") && other.contains("Non-trainable params: 0"))
        #expect(s.output("m.params") == "1402")
    }

    @Test func gradsAndStepLeaveTheMovingStatisticsToTraining() throws {
        let s = RecordingSession()
        s.output(Self.cnn)
        s.output(Self.data)
        s.output("train_step m x y")
        let grads = s.output("grads m").split(separator: "\n").map(String.init)
        let movingRows = grads.filter { $0.contains("moving") }
        #expect(movingRows.count == 2 && movingRows.allSatisfy { $0.hasSuffix("not trained") }, "\(grads)")
        let gammaRow = try #require(grads.first { $0.hasPrefix("batchnorm_0.gamma") })
        #expect(!gammaRow.hasSuffix("—") && !gammaRow.contains("not trained"), "\(gammaRow)")
        let before = try Self.moving(s)
        s.output("step m lr=0.1 quiet")
        #expect(try Self.moving(s) == before)
        // zero_grad clears the trained params' gradients and gives the moving statistics none.
        s.output("zero_grad m")
        #expect(s.output("sum(abs(m[1].gamma.grad))") == "0.0000")
        #expect(s.error("m[1].moving_mean.grad").contains("no gradient"))
    }

    /// A CNN with batchnorm, trained so that its moving statistics are its own, exported and
    /// imported into a fresh model: the same predictions to the bit.
    @Test func safetensorsRoundTripCarriesTheMovingStatistics() throws {
        let folder = TemporaryFolder("norm-safetensors")
        let file = folder.file("m.safetensors")
        let s = RecordingSession()
        s.output(Self.cnn)
        s.output(Self.data)
        s.output("fit m x y epochs=3 batch=4")
        #expect(try Self.moving(s).contains { $0 != 0 && $0 != 1 })
        #expect(s.output("export m \"\(file)\"").contains("8 tensors, 1402 params"))
        let contents = try SafetensorsReader.decode(try AtomicFile.read(file))
        #expect(contents.tensor(named: "batchnorm_0.moving_mean")?.scalars == (try Self.model(s).namedParameters[4].value.scalars))
        #expect(contents.tensor(named: "batchnorm_0.moving_var")?.shape == [8])
        s.output(Self.cnn.replacingOccurrences(of: "m = ", with: "n = "))
        s.output("before = sum(abs(n(x) - m(x)))")
        #expect(try #require(s.tensor("before")?.scalar) > 0)
        let imported = s.output("import n \"\(file)\"")
        #expect(imported.contains("imported 8 params (1402 values) into n") && !imported.contains("written from"), "\(imported)")
        #expect(try Self.moving(s, "n") == Self.moving(s, "m"))
        s.output("d = sum(abs(n(x) - m(x)))")
        #expect(s.tensor("d")?.scalar == 0)
        let predicted = try Self.model(s, "n").predict(try #require(s.tensor("x"))).scalars.map(\.bitPattern)
        #expect(predicted == (try Self.model(s, "m").predict(try #require(s.tensor("x"))).scalars.map(\.bitPattern)))
    }

    @Test func theArchitectureKnowsTheNewLayers() throws {
        let s = RecordingSession()
        s.output("e = sequential(embedding(50, 8, input=5), flatten(), layernorm(eps=0.01), dense(4), batchnorm(momentum=0.9), dense(1))")
        let architecture = ModelArchitecture(try Self.model(s, "e"))
        #expect(architecture.layers[0] == .embedding(name: "embedding_0", vocab: 50, dim: 8, length: 5))
        #expect(architecture.layers[2] == .layernorm(name: "layernorm_0", features: 40, eps: 0.01))
        #expect(architecture.layers[4] == .batchnorm(name: "batchnorm_0", channels: 4, inputRank: 1, momentum: 0.9, eps: 0.001))
        #expect(ModelArchitecture(json: try JSONParser.parse(architecture.json.serialized())) == architecture)
        #expect(architecture.summary == "5 → embedding_0 50×8 → flatten_0 → layernorm_0 eps=0.01 → dense_0 4 → batchnorm_0 momentum=0.9 → dense_1 1")
        s.output(Self.cnn)
        #expect(ModelArchitecture(try Self.model(s)).layers[1] == .batchnorm(name: "batchnorm_0", channels: 8, inputRank: 3, momentum: 0.99, eps: 0.001))
    }

    @Test func undoPutsBackTheMovingStatistics() throws {
        let s = RecordingSession()
        s.output(Self.cnn)
        s.output(Self.data)
        let before = try Self.moving(s)
        s.output("fit m x y epochs=2 batch=4")
        #expect(try Self.moving(s) != before)
        s.output("undo")
        #expect(try Self.moving(s) == before)
    }

    /// The checkpoint of the best epoch holds that epoch's moving statistics, which early
    /// stopping restores with the other params.
    @Test func theCheckpointHoldsTheBestEpochsMovingStatistics() throws {
        let folder = TemporaryFolder("norm-checkpoint")
        let s = RecordingSession(seed: 1)
        s.session.filePolicy = .confined(to: folder.path)
        s.output(Self.cnn)
        s.output(Self.data)
        let out = s.output("fit m x y epochs=40 batch=4 validation=0.25 patience=2 checkpoint=\"\(folder.file("best.safetensors"))\"")
        #expect(out.contains("restored)"), "\(out)")
        let contents = try SafetensorsReader.decode(try AtomicFile.read(folder.file("best.safetensors")))
        #expect(contents.tensor(named: "batchnorm_0.moving_var")?.scalars == (try Self.model(s).namedParameters[5].value.scalars))
        #expect(try Self.moving(s).contains { $0 != 0 && $0 != 1 })
    }

    /// A fit stopped by stop_when and resumed ends with the moving statistics, and every other
    /// param, of the same fit never stopped.
    @Test func aResumedFitEndsWithTheSameMovingStatistics() throws {
        let fit = "fit m x y epochs=3 batch=4"
        let whole = RecordingSession(seed: 2)
        whole.output(Self.cnn)
        whole.output(Self.data)
        whole.output(fit)
        let stopped = RecordingSession(seed: 2)
        stopped.output(Self.cnn)
        stopped.output(Self.data)
        stopped.output("def here(s) = s.step == 5")
        #expect(stopped.output(fit + " stop_when=here").contains("stopped at epoch 2, step 5"))
        stopped.output("fit m x y resume")
        let bits = { (s: RecordingSession) throws in try Self.model(s).parameters.map { $0.scalars.map(\.bitPattern) } }
        #expect(try bits(stopped) == bits(whole))
    }

    @Test func helpDescribesBothForms() {
        let s = RecordingSession()
        // help wraps its text: compare with the line breaks as spaces.
        func help(_ name: String) -> String { s.output("help \(name)").split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let batchnorm = help("batchnorm")
        #expect(batchnorm.contains("batchnorm(x, gamma, beta, eps=0.001)") && batchnorm.contains("batchnorm(momentum=0.99, eps=0.001"))
        #expect(batchnorm.contains("moving_mean") && batchnorm.contains("momentum=") && batchnorm.contains("input="))
        #expect(help("layernorm").contains("layernorm(eps=0.001, input="))
        let embedding = help("embedding")
        #expect(embedding.contains("embedding(indices, W)") && embedding.contains("embedding(vocab, dim, input=length)"))
    }
}
