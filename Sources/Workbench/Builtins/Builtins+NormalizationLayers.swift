import Autodiff
import Language
import NN

/// The layer forms of the normalization and embedding built-ins, for `sequential`:
/// `batchnorm(momentum=0.99, eps=0.001)`, `layernorm(eps=0.001)`, `embedding(vocab, dim, input=length)`.
extension Builtins {
    static let batchnormLayerSignature = "batchnorm(momentum=0.99, eps=0.001, input=[f] or [c, h, w])"
    static let layernormLayerSignature = "layernorm(eps=0.001, input=shape)"
    static let embeddingLayerSignature = "embedding(vocab, dim, input=length)"

    static func batchnormLayer(_ inv: Invocation) throws(Diagnostic) -> Value {
        try inv.expectArguments(0...0)
        let momentum = try inv.optionNumber("momentum", default: Double(BatchNorm.defaultMomentum))
        let eps = try inv.optionNumber("eps", default: Double(BatchNorm.defaultEps))
        let input = try inv.optionShape("input")
        return .layer(.batchnorm(try inv.models { () throws(NNError) in
            try BatchNorm(momentum: Float(momentum), eps: Float(eps), inputShape: input)
        }))
    }

    static func layernormLayer(_ inv: Invocation) throws(Diagnostic) -> Value {
        try inv.expectArguments(0...0)
        let eps = try inv.optionNumber("eps", default: Double(LayerNorm.defaultEps))
        let input = try inv.optionShape("input")
        return .layer(.layernorm(try inv.models { () throws(NNError) in try LayerNorm(eps: Float(eps), inputShape: input) }))
    }

    static func embeddingLayer(_ inv: Invocation) throws(Diagnostic) -> Value {
        try inv.expectArguments(2...2)
        let vocab = try inv.integer(0, "vocab", minimum: 1), dim = try inv.integer(1, "dim", minimum: 1)
        let length = try inv.optionInteger("input", minimum: 1)
        return .layer(.embedding(try inv.models { () throws(NNError) in
            try Embedding(vocab: vocab, dim: dim, inputLength: length)
        }))
    }
}
