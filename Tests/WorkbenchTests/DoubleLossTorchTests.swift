import Foundation
import Testing
import Autodiff
@testable import NN

/// The Float64 twin of a model's loss (what `gradcheck model data` differences) against the
/// same loss computed by PyTorch in float64 from the same params and data, for models with
/// every layer kind: an independent reference for the twins' conventions (where `same` puts
/// the extra zero, batchnorm's biased batch variance, layernorm's axis, the pairing of softmax
/// with cross-entropy).
@Suite(.enabled(if: Tooling.hasTorch))
struct DoubleLossTorchTests {
    /// The PyTorch side: reads the params (in the model's order), x, y and ε, prints the loss.
    static let script = """
        import json, sys, torch
        import torch.nn.functional as F
        torch.set_default_dtype(torch.float64)
        d = json.load(open(sys.argv[1]))
        p = [torch.tensor(v).reshape(s) for v, s in zip(d["values"], d["shapes"])]
        x = torch.tensor(d["x"]).reshape(d["xshape"])
        y = torch.tensor(d["y"]).long()
        if d["model"] == "cnn":
            h = F.relu(F.conv2d(x, p[0], p[1], padding="same"))
            h = F.batch_norm(h, None, None, p[2], p[3], training=True, eps=d["eps"])
            h = F.max_pool2d(h, 2, stride=1)
            h = torch.tanh(F.conv2d(h, p[6], p[7], stride=2, padding=1))
            h = F.layer_norm(h.flatten(1), (h[0].numel(),), p[8], p[9], eps=d["eps"])
            logits = h @ p[10] + p[11]
        else:
            h = F.embedding(x.long(), p[0])
            h = F.layer_norm(h, (h.shape[-1],), p[1], p[2], eps=d["eps"]).flatten(1)
            logits = h @ p[3] + p[4]
        print(repr(F.cross_entropy(logits, y).item()))
        """

    static func compiled(_ layers: [Layer], seed: UInt64) throws -> Sequential {
        var g = RandomGenerator(seed: seed)
        var m = try Sequential(layers, using: &g)
        try m.setParameters(try m.parameters.map { p in try p.detached + Tensor.uniform(p.shape, low: -0.3, high: 0.3, using: &g) })
        m.compilation = Compilation(optimizer: try .sgd(lr: 0.1), loss: .crossEntropy)
        return m
    }

    func torchLoss(_ name: String, _ m: Sequential, x: Tensor, y: Tensor) throws -> Double {
        let folder = TemporaryFolder("twin-torch")
        let input: [String: Any] = [
            "model": name, "values": m.parameters.map { $0.scalars.map(Double.init) }, "shapes": m.parameters.map(\.shape),
            "x": x.scalars.map(Double.init), "xshape": x.shape, "y": y.scalars.map(Double.init),
            // The layers hold ε as a Float (0.001 is 0.0010000000475 there), and so do both twins.
            "eps": Double(LayerNorm.defaultEps),
        ]
        try JSONSerialization.data(withJSONObject: input).write(to: URL(fileURLWithPath: folder.file("in.json")))
        try Self.script.write(toFile: folder.file("loss.py"), atomically: true, encoding: .utf8)
        let run = try runProgram("python3", [folder.file("loss.py"), folder.file("in.json")])
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(Double(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func aCNNWithBatchnormAndLayernorm() throws {
        let m = try Self.compiled([
            .conv2d(try Conv2D(filters: 3, kernelSize: 2, padding: .same, activation: .relu, inputShape: [2, 5, 6])),
            .batchnorm(try BatchNorm()),
            .pooling(try Pooling2D(.max, size: 2, stride: 1)),
            .conv2d(try Conv2D(filters: 2, kernelSize: 3, stride: 2, padding: .zeros(1), activation: .tanh)),
            .flatten(try Flatten()),
            .layernorm(try LayerNorm()),
            .dense(try Dense(units: 3, activation: .softmax)),
        ], seed: 1)
        var g = RandomGenerator(seed: 2)
        let x = try Tensor.uniform([4, 2, 5, 6], low: -1, high: 1, using: &g), y = Tensor([2, 0, 1, 2])
        let twin = try m.doublePrecisionLoss(parameters: m.parameters.map { $0.scalars.map(Double.init) }, x: x, y: y)
        let torch = try torchLoss("cnn", m, x: x, y: y)
        #expect(abs(twin - torch) <= 1e-12 * max(1, abs(torch)), "twin \(twin), torch \(torch)")
    }

    @Test func anEmbeddingWithLayernorm() throws {
        let m = try Self.compiled([
            .embedding(try Embedding(vocab: 7, dim: 3, inputLength: 4)),
            .layernorm(try LayerNorm()),
            .flatten(try Flatten()),
            .dense(try Dense(units: 2, activation: .softmax)),
        ], seed: 3)
        let x = try Tensor(shape: [3, 4], scalars: [0, 3, 3, 6, 1, 2, 5, 0, 4, 4, 4, 2]), y = Tensor([1, 0, 1])
        let twin = try m.doublePrecisionLoss(parameters: m.parameters.map { $0.scalars.map(Double.init) }, x: x, y: y)
        let torch = try torchLoss("embedding", m, x: x, y: y)
        #expect(abs(twin - torch) <= 1e-12 * max(1, abs(torch)), "twin \(twin), torch \(torch)")
    }
}
