import Autodiff
import Language

/// Batch normalization, layer normalization and embedding lookup as functions of tensors, for
/// working their math by hand (`explain batchnorm` gives the rules).
///
/// The same names are layers (`batchnorm(momentum=, eps=)`, `layernorm(eps=)`,
/// `embedding(vocab, dim, input=)`): a call whose first argument is a tensor of rank ≥ 1 is the
/// op; nothing or a number first is the layer form (Builtins+NormalizationLayers.swift builds those).
extension Builtins {
    static let normalization: [Builtin] = [
        Builtin("batchnorm", .math, signature: "batchnorm(x, gamma, beta, eps=0.001)",
                summary: "Batch normalization in training mode: each channel of x ([n, f] or [n, c, h, w]) minus its batch mean, over √(batch variance + eps), times gamma plus beta ([c] each). "
                    + "As a layer, \(batchnormLayerSignature): params batchnorm_0.gamma, batchnorm_0.beta (trained) and "
                    + "batchnorm_0.moving_mean, batchnorm_0.moving_var (not trained): fit and train_step normalize by the batch's statistics and "
                    + "move these toward them (moving ← momentum·moving + (1 − momentum)·batch); predict, evaluate and model(x) use them.",
                example: "batchnorm([[1, 2], [3, 6]], [1, 1], [0, 0])", options: ["eps", "momentum", "input"]) { inv throws(Diagnostic) in
            if inv.isLayerForm { return try batchnormLayer(inv) }
            try inv.expectOpForm(layerOptions: ["momentum", "input"])
            try inv.expectArguments(3...3)
            let (x, gamma, beta) = (try inv.tensor(0, "x"), try inv.tensor(1, "gamma"), try inv.tensor(2, "beta"))
            let eps = try inv.optionNumber("eps", default: 0.001)
            return .tensor(try inv.tensors { () throws(TensorError) in
                try Tensor.batchNorm(x, gamma: gamma, beta: beta, eps: Float(eps)).output
            })
        },
        Builtin("layernorm", .math, signature: "layernorm(x, gamma, beta, eps=0.001)",
                summary: "Layer normalization: each row of x minus its mean over the last axis, over √(variance + eps), times gamma plus beta ([d] each). "
                    + "As a layer, \(layernormLayerSignature): over each sample's last axis, params layernorm_0.gamma, layernorm_0.beta, "
                    + "the same in training and inference.",
                example: "layernorm([[1, 2, 3]], [1, 1, 1], [0, 0, 0])", options: ["eps", "input"]) { inv throws(Diagnostic) in
            if inv.isLayerForm { return try layernormLayer(inv) }
            try inv.expectOpForm(layerOptions: ["input"])
            try inv.expectArguments(3...3)
            let (x, gamma, beta) = (try inv.tensor(0, "x"), try inv.tensor(1, "gamma"), try inv.tensor(2, "beta"))
            let eps = try inv.optionNumber("eps", default: 0.001)
            return .tensor(try inv.tensors { () throws(TensorError) in
                try Tensor.layerNorm(x, gamma: gamma, beta: beta, eps: Float(eps))
            })
        },
        Builtin("embedding", .math, signature: "embedding(indices, W)",
                summary: "Rows of W ([vocab, dim]) looked up by whole-number indices ([n, length]): [n, length, dim]; the gradient adds into the rows used. "
                    + "As a layer, \(embeddingLayerSignature): the first layer of a model of integer inputs [n, length], "
                    + "param embedding_0.W [vocab, dim] (uniform in ±0.05, as Keras), output [n, length, dim].",
                example: "embedding([[0, 2], [1, 1]], [[1, 0], [0, 1], [5, 5]])", options: ["input"]) { inv throws(Diagnostic) in
            // Two numbers (or nothing) make the layer; a number and a table look up one index.
            if inv.isLayerForm, inv.count != 2 || inv.value(1).tensor?.rank == 0 { return try embeddingLayer(inv) }
            try inv.expectOpForm(layerOptions: ["input"])
            try inv.expectArguments(2...2)
            let indices = try inv.tensor(0, "indices"), w = try inv.tensor(1, "W")
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.embedding(indices.detached, w) })
        },
    ]
}
