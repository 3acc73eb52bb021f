import Autodiff
import Language

/// Batch normalization, layer normalization and embedding lookup as functions of tensors, for
/// working their math by hand (`explain batchnorm` gives the rules).
///
/// The layers of the same names (`batchnorm(momentum=, eps=)`, `layernorm(eps=)`,
/// `embedding(vocab, dim, input=)`) share these built-ins: a call whose data arguments are
/// tensors is the op, one without them (or, for embedding, with two whole numbers) is the layer.
/// `layerCall` is where that second form goes.
extension Builtins {
    static let normalization: [Builtin] = [
        Builtin("batchnorm", .math, signature: "batchnorm(x, gamma, beta, eps=0.001)",
                summary: "Batch normalization in training mode: each channel of x ([n, f] or [n, c, h, w]) minus its batch mean, over √(batch variance + eps), times gamma plus beta ([c] each).",
                example: "batchnorm([[1, 2], [3, 6]], [1, 1], [0, 0])", options: ["eps"]) { inv throws(Diagnostic) in
            guard inv.count > 0 else { throw layerCall(inv, usage: "batchnorm(x, gamma, beta, eps=0.001)") }
            try inv.expectArguments(3...3)
            let (x, gamma, beta) = (try inv.tensor(0, "x"), try inv.tensor(1, "gamma"), try inv.tensor(2, "beta"))
            let eps = try inv.optionNumber("eps", default: 0.001)
            return .tensor(try inv.tensors { () throws(TensorError) in
                try Tensor.batchNorm(x, gamma: gamma, beta: beta, eps: Float(eps)).output
            })
        },
        Builtin("layernorm", .math, signature: "layernorm(x, gamma, beta, eps=0.001)",
                summary: "Layer normalization: each row of x minus its mean over the last axis, over √(variance + eps), times gamma plus beta ([d] each).",
                example: "layernorm([[1, 2, 3]], [1, 1, 1], [0, 0, 0])", options: ["eps"]) { inv throws(Diagnostic) in
            guard inv.count > 0 else { throw layerCall(inv, usage: "layernorm(x, gamma, beta, eps=0.001)") }
            try inv.expectArguments(3...3)
            let (x, gamma, beta) = (try inv.tensor(0, "x"), try inv.tensor(1, "gamma"), try inv.tensor(2, "beta"))
            let eps = try inv.optionNumber("eps", default: 0.001)
            return .tensor(try inv.tensors { () throws(TensorError) in
                try Tensor.layerNorm(x, gamma: gamma, beta: beta, eps: Float(eps))
            })
        },
        Builtin("embedding", .math, signature: "embedding(indices, W)",
                summary: "Rows of W ([vocab, dim]) looked up by whole-number indices ([n, length]): [n, length, dim]; the gradient adds into the rows used.",
                example: "embedding([[0, 2], [1, 1]], [[1, 0], [0, 1], [5, 5]])") { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            guard let w = inv.value(1).tensor, w.rank == 2 else {
                throw layerCall(inv, usage: "embedding(indices, W) with W of shape [vocab, dim]")
            }
            let indices = try inv.tensor(0, "indices")
            return .tensor(try inv.tensors { () throws(TensorError) in try Tensor.embedding(indices.detached, w) })
        },
    ]

    /// The layer form of a normalization or embedding built-in, which models do not take yet.
    private static func layerCall(_ inv: Invocation, usage: String) -> Diagnostic {
        inv.failure("\(inv.name) as a layer of a model is not available yet; as a function it takes tensors",
                    hint: "call it on tensors: \(usage)")
    }
}
