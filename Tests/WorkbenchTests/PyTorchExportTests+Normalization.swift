import Testing
import Autodiff
import NN
@testable import Interop

/// The PyTorch export of batchnorm (1-D and 2-D), layernorm and embedding. Each model is first
/// trained a little in gradbook, so that γ, β and the moving statistics are not their initial
/// ones and a wrongly mapped tensor shows in the predictions. In the dense checks' serialized
/// suite, since each starts torchrun.
extension PyTorchExportTests {
    /// conv2d → batchnorm (per channel) → relu → maxpool → flatten → batchnorm (per feature) → dense softmax.
    static func batchNormModel(using g: inout RandomGenerator) throws -> Sequential {
        try Sequential([
            .conv2d(try Conv2D(filters: 4, kernelSize: 3, padding: .zeros(1), inputShape: [1, 6, 6])),
            .batchnorm(try BatchNorm(momentum: 0.5, eps: 0.01)),
            .activation(.relu, name: ""),
            .pooling(try Pooling2D(.max, size: 2)),
            .flatten(try Flatten()),
            .batchnorm(try BatchNorm()),
            .dense(try Dense(units: 3, activation: .softmax)),
        ], using: &g)
    }

    /// layernorm over the last axis of images and of rows, with its own eps.
    static func layerNormModel(using g: inout RandomGenerator) throws -> Sequential {
        try Sequential([
            .conv2d(try Conv2D(filters: 2, kernelSize: 3, activation: .relu, inputShape: [1, 6, 6])),
            .layernorm(try LayerNorm()),
            .flatten(try Flatten()),
            .dense(try Dense(units: 8)),
            .layernorm(try LayerNorm(eps: 0.01)),
            .activation(.tanh, name: ""),
            .dense(try Dense(units: 1, activation: .sigmoid)),
        ], using: &g)
    }

    /// embedding of 5 indices into 7 words → layernorm → flatten → dense softmax.
    static func embeddingModel(using g: inout RandomGenerator) throws -> Sequential {
        try Sequential([
            .embedding(try Embedding(vocab: 7, dim: 4, inputLength: 5)),
            .layernorm(try LayerNorm()),
            .flatten(try Flatten()),
            .dense(try Dense(units: 3, activation: .softmax)),
        ], using: &g)
    }

    @Test func normalizationScriptsBuildEachLayerWithGradbooksSettings() throws {
        var g = RandomGenerator(seed: 5)
        let batch = PyTorchScript(try Self.batchNormModel(using: &g), weightsFileName: "m.safetensors").text
        for expected in [
            // PyTorch's momentum weighs the batch: 1 − Keras's.
            #"("batchnorm_0", nn.BatchNorm2d(4, eps=0.01, momentum=0.5)),"#,
            #"("batchnorm_1", nn.BatchNorm1d(36, eps=0.001, momentum=0.01)),"#,
            "PyTorch moves running_var toward the batch's unbiased", #"yield name + ".moving_var", m.running_var, False"#,
        ] {
            #expect(batch.contains(expected), "missing: \(expected)")
        }
        let layer = PyTorchScript(try Self.layerNormModel(using: &g), weightsFileName: "m.safetensors").text
        #expect(layer.contains(#"("layernorm_0", nn.LayerNorm(4, eps=0.001)),"#))
        #expect(layer.contains(#"("layernorm_1", nn.LayerNorm(8, eps=0.01)),"#))
        #expect(!layer.contains("running_var toward"), "the batchnorm note only where there is one")
        let embedding = PyTorchScript(try Self.embeddingModel(using: &g), weightsFileName: "m.safetensors").text
        #expect(embedding.contains(#"("embedding_0", nn.Embedding(7, 4)),"#))
        #expect(embedding.contains("INPUTS = 5\n"))
        #expect(embedding.contains("x = as_indices(x, 7)"))
        #expect(!layer.contains("as_indices"))
    }

    /// The exported script's predictions match gradbook's within 1e-5 after gradbook trained the
    /// model (moving statistics, γ, β moved), it trains and saves gradbook's layout, and the same
    /// sgd training ends with gradbook's params — except a batchnorm's moving_var, which PyTorch
    /// moves toward the unbiased variance.
    @Test(.enabled(if: Tooling.hasTorch, "needs python3 with torch and numpy: pip install torch numpy"),
          arguments: ["batchnorm", "layernorm", "embedding"])
    func torchAgreesWithGradbookOnNormalizationLayers(kind: String) throws {
        var g = RandomGenerator(seed: 31)
        var model: Sequential, x: Tensor, y: Tensor
        switch kind {
        case "batchnorm":
            model = try Self.batchNormModel(using: &g)
            x = try Tensor.normal([40, 1, 6, 6], mean: 0.5, std: 2, using: &g)
            y = try Tensor(shape: [40, 3], scalars: (0..<120).map { Float($0 % 3 == ($0 / 3) % 3 ? 1 : 0) })
        case "layernorm":
            model = try Self.layerNormModel(using: &g)
            x = try Tensor.normal([40, 1, 6, 6], using: &g)
            y = try Tensor(shape: [40], scalars: (0..<40).map { Float($0 % 2) })
        default:
            model = try Self.embeddingModel(using: &g)
            x = try Tensor(shape: [40, 5], scalars: (0..<200).map { Float(($0 * 5 + $0 / 7) % 7) })
            y = try Tensor(shape: [40, 3], scalars: (0..<120).map { Float($0 % 3 == ($0 / 3) % 3 ? 1 : 0) })
        }
        let loss: LossFunction = kind == "layernorm" ? .bce : .categoricalCrossEntropy
        model.compilation = Compilation(optimizer: try .adam(lr: 0.05), loss: loss)
        _ = try model.fit(x: x, y: y, options: FitOptions(epochs: 3, batchSize: 8), generator: &g)
        // A fresh optimizer: the script starts without gradbook's moments.
        model.compilation = Compilation(optimizer: try .sgd(lr: 0.1, momentum: 0.9), loss: loss, metrics: [.accuracy])
        let notCompared = model.layers.compactMap { layer -> (String, String)? in
            layer.kind == .batchnorm ? ("\(layer.name).moving_var", "PyTorch moves it toward the unbiased variance") : nil
        }
        let folder = TemporaryFolder("torch-norm")
        try Self.expectTorchAgrees(with: &model, on: x, in: folder, sameTraining: true,
                                   notCompared: Dictionary(uniqueKeysWithValues: notCompared), using: &g)
        if kind == "embedding" {
            // An index that is not a whole number in 0..<vocab is gradbook's error, not an IndexError.
            try AtomicFile.write(text: "a,b,c,d,e\n1,2,3,4,5\n0,1,7,2,3\n", to: folder.file("bad.csv"))
            let result = try runProgram("python3", [folder.file("model.py"), "--predict", folder.file("bad.csv")])
            #expect(result.status != 0)
            #expect(result.stderr.contains("row 1: 7.0 is not an index in 0..<7"), "\(result.stderr)")
        }
    }
}
