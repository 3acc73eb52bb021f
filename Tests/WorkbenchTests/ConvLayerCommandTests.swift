import Foundation
import Testing
@testable import Workbench

/// conv2d, maxpool2d, avgpool2d and flatten as layers in the language: definition-time shape
/// errors with their fixes, training and inference, summary's counts, safetensors round trips,
/// and the teaching tools and exporters that do not know image layers yet.
struct ConvLayerCommandTests {
    static let model = "m = sequential(conv2d(4, 3, padding=same, activation=relu, input=[1, 8, 8]), maxpool2d(2), flatten(), dense(10, activation=softmax))"

    @Test func theLayerFormsBuildAModel() {
        let s = RecordingSession()
        #expect(s.output(Self.model + "\nm").contains(
            "sequential(conv2d(4, 3, padding=same, activation=relu, input=[1, 8, 8]), maxpool2d(2), flatten(), dense(10, softmax)) — 690 params"))
        #expect(s.output("m[0].W").contains("tensor[4×1×3×3]"))
        #expect(s.output("shape(m[0].b)").contains("[4]"))
        #expect(s.output("avgpool2d(3, stride=2)").contains("avgpool2d(3, stride=2)"))
        #expect(s.output("flatten(input=[2, 3])").contains("flatten(input=[2, 3])"))
    }

    @Test func fitPredictEvaluateAndCallTakeImages() {
        let s = RecordingSession()
        s.output(Self.model)
        s.output("""
            x = randn(6, 1, 8, 8, seed=1)
            y = [0, 1, 2, 3, 4, 5]
            compile m optimizer=adam(lr=0.01) loss=cross_entropy metrics=accuracy
            """)
        let fit = s.output("fit m x y epochs=20")
        #expect(fit.contains("epoch 20/20"))
        #expect(s.output("shape(predict(m, x))").contains("[6, 10]"))
        #expect(s.output("shape(m(x))").contains("[6, 10]"))
        #expect(s.output("evaluate m x y").contains("accuracy: 1.0000"))  // 6 images, 690 params: memorised
        #expect(s.output("train_step m x y").contains("loss:"))
    }

    @Test func definitionTimeShapeMistakesNameTheLayerBothShapesAndTheFix() {
        let s = RecordingSession()
        let dense = s.error("sequential(conv2d(4, 3, input=[1, 8, 8]), dense(3))")
        #expect(dense.contains("dense_0 expects input [*, *], but the previous layer outputs [*, 4, 6, 6]"))
        #expect(dense.contains("hint: put flatten() before dense_0"))
        let kernel = s.error("sequential(conv2d(4, 9, input=[1, 8, 8]))")
        #expect(kernel.contains("conv2d_0: conv2d of input [1, 1, 8, 8] with kernel [4, 1, 9, 9]: the kernel's height (9) is larger than the input's (8)"))
        #expect(kernel.contains("hint: use a smaller kernel, or pad the input (padding=)"))
        let window = s.error("sequential(conv2d(4, 3, input=[1, 8, 8]), maxpool2d(7))")
        #expect(window.contains("maxpool2d_0: maxpool2d of input [1, 4, 6, 6] with window [7, 7]"))
        #expect(s.error("sequential(dense(4, input=3), flatten(), avgpool2d(2))").contains("avgpool2d_0 expects input [*, *, *, *], but the previous layer outputs [*, 4]"))
        #expect(s.error("conv2d(4, 3, input=[8, 8])").contains("input must be a shape [channels, height, width]"))
        #expect(s.error("conv2d(4, 3, input=[1, 0, 8])").contains("must be a size or a shape list of whole numbers ≥ 1"))
        #expect(s.error("conv2d(4, 3, stride=2, padding=same)").contains("padding=same is defined for stride 1 only"))
        #expect(s.error("conv2d(ones(1, 1, 4, 4), ones(1, 1, 2, 2), activation=relu)").contains("activation is an option of the layer form"))
        #expect(s.error("conv2d(4)").contains("2 arguments"))
    }

    /// Keras's counts, derived by hand and confirmed with PyTorch (`sum(p.numel())` of the
    /// same modules): Conv2D(4, 3) on 1 channel: 4·1·3·3 + 4 = 40; MaxPooling2D and Flatten: 0;
    /// Dense(10) on 4·4·4 = 64 inputs: 64·10 + 10 = 650; total 690. Conv2D(6, 5, stride 2, no bias)
    /// on 3 channels: 6·3·5·5 = 450, output (32 − 5)/2 + 1 = 14; AveragePooling2D(3, stride 2):
    /// (14 − 3)/2 + 1 = 6; Flatten: 6·6·6 = 216.
    @Test func summaryCountsAsKerasDoesInGradbooksLayout() {
        let s = RecordingSession()
        s.output(Self.model)
        let summary = s.output("summary m")
        #expect(summary.contains("conv2d_0 (Conv2D)             (None, 4, 8, 8)           40"))
        #expect(summary.contains("maxpool2d_0 (MaxPooling2D)    (None, 4, 4, 4)           0"))
        #expect(summary.contains("flatten_0 (Flatten)           (None, 64)                0"))
        #expect(summary.contains("dense_0 (Dense)               (None, 10)                650"))
        #expect(summary.contains("Total params: 690"))
        s.output("k = sequential(conv2d(6, 5, stride=2, bias=false, input=[3, 32, 32]), avgpool2d(3, stride=2), flatten())")
        let other = s.output("summary k")
        #expect(other.contains("(None, 6, 14, 14)") && other.contains("450"))
        #expect(other.contains("avgpool2d_0 (AveragePooling2D)") && other.contains("(None, 6, 6, 6)"))
        #expect(other.contains("(None, 216)") && other.contains("Total params: 450"))
    }

    @Test func safetensorsRoundTripOfAConvModel() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-conv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("m.safetensors").path
        let s = RecordingSession()
        s.output(Self.model)
        s.output("x = randn(3, 1, 8, 8, seed=2)")
        #expect(s.output("export m \"\(file)\"").contains("4 tensors, 690 params"))
        s.output("n = sequential(conv2d(4, 3, padding=same, activation=relu, input=[1, 8, 8]), maxpool2d(2), flatten(), dense(10, activation=softmax))")
        s.output("before = sum(abs(n(x) - m(x)))")
        #expect(try #require(s.tensor("before")?.scalar) > 0)  // drawn later from the stream: other weights
        let imported = s.output("import n \"\(file)\"")
        #expect(imported.contains("imported 4 params (690 values) into n"))
        #expect(!imported.contains("the file was written from"))  // the architectures agree
        s.output("d = sum(abs(n(x) - m(x)))")
        #expect(s.tensor("d")?.scalar == 0)
        // A model of another architecture is named in the note.
        s.output("p = sequential(conv2d(4, 3, padding=1, activation=relu, input=[1, 8, 8]), maxpool2d(2), flatten(), dense(10, activation=softmax))")
        #expect(s.output("import p \"\(file)\"").contains("the file was written from"))
    }

    /// The PyTorch export and chain know the conv layers.
    @Test func aConvModelExportsToPyTorchAndChainsThroughItsOps() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-conv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let s = RecordingSession()
        s.output(Self.model)
        s.output("""
            x = randn(4, 1, 8, 8, seed=1)
            y = [0, 1, 2, 1]
            compile m optimizer=adam loss=cross_entropy
            """)
        let py = dir.appendingPathComponent("m.py").path
        // The PyTorch export knows them (its predictions are checked in PyTorchExportTests).
        #expect(s.output("export m \"\(py)\" format=pytorch").contains("(a PyTorch script)"))
        #expect(FileManager.default.fileExists(atPath: py))
        // The script names the model as the session does.
        #expect((try? String(contentsOfFile: py, encoding: .utf8))?.contains("the gradbook model `m`") == true)
        // The chain rule through the graph knows the conv ops and agrees with autodiff.
        s.output("train_step m x y")
        #expect(s.output("chain loss m[0].W").contains("agree to float32 rounding ✓"))
    }
}

/// Tab completion knows the layer forms' options and a conv layer's params.
@Test func completionOfConvLayers() {
    let s = RecordingSession()
    s.output(ConvLayerCommandTests.model)
    let c = Completer(workspace: s.session.completionWorkspace, workingDirectory: NSTemporaryDirectory(), homeDirectory: "/nonexistent")
    #expect(c.complete("n = sequential(conv2d(4, 3, pa").candidates == ["padding=", "param"])  // the option and a built-in
    #expect(c.complete("n = sequential(conv2d(4, 3, in").candidates.contains("input="))
    #expect(c.complete("m[0].").candidates == ["W", "b", "name"])
    #expect(c.complete("m[1].").candidates == ["name"])
}
