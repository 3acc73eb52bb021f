import Autodiff

/// An embedding layer (Keras's `Embedding`): each integer index of a sample replaced by its row
/// of a trained table, y[i, j, :] = W[x[i, j], :].
///
/// Shapes: x `[n, length]` of whole numbers in 0..<vocab, W `[vocab, dim]`, y `[n, length, dim]`.
/// W starts uniform in [−0.05, 0.05], Keras's initializer for embeddings. The indices are data,
/// not values computed by a layer, so an embedding is the first layer of its model, and a model
/// checks its data's indices before any step (an error names the row of the data and the value).
public struct Embedding {
    public let vocab: Int
    public let dim: Int
    /// The indices per sample, from `input=`.
    public let inputLength: Int?
    /// `embedding_0`, … once built.
    public internal(set) var name = "embedding"
    /// The table `[vocab, dim]` (a param), nil until built.
    public internal(set) var weight: Tensor?

    /// Keras's `RandomUniform(minval=-0.05, maxval=0.05)`, the default embedding initializer.
    static let initialLimit: Float = 0.05

    public init(vocab: Int, dim: Int, inputLength: Int? = nil) throws(NNError) {
        guard vocab > 0 else { throw .invalidLayerArgument(layer: "embedding", message: "vocab must be positive, got \(vocab)") }
        guard dim > 0 else { throw .invalidLayerArgument(layer: "embedding", message: "dim must be positive, got \(dim)") }
        if let inputLength, inputLength <= 0 {
            throw .invalidLayerArgument(layer: "embedding", message: "input must be a positive length, got \(inputLength)")
        }
        try Flatten.checkSize([vocab, dim], layer: "embedding")
        if let inputLength { try Flatten.checkSize([inputLength, dim], layer: "embedding") }
        self.vocab = vocab
        self.dim = dim
        self.inputLength = inputLength
    }

    func outputShape(inputShape shape: [Int], name: String) throws(NNError) -> [Int] {
        let expected = inputLength ?? shape.first ?? 0
        guard shape == [expected] else {
            throw .layerShapeMismatch(layer: name, expected: [nil, expected], got: [nil] + shape)
        }
        try Flatten.checkSize([expected, dim], layer: name)
        return [expected, dim]
    }

    /// Creates the table, drawing it from `generator`.
    mutating func build(inputShape shape: [Int], name: String, using generator: inout RandomGenerator) throws(NNError) {
        _ = try outputShape(inputShape: shape, name: name)
        self.name = name
        do {
            weight = try Tensor.uniform([vocab, dim], low: -Embedding.initialLimit, high: Embedding.initialLimit, using: &generator)
                .param(label: "\(name).W")
        } catch {
            throw .tensor(error, layer: name)
        }
    }

    func forward(_ x: Tensor) throws(TensorError) -> Tensor {
        guard let weight else { throw .invalidArgument("\(name) is not built") }
        return try Tensor.embedding(x.detached, weight).scoped(name)
    }

    /// Checks every index of `x` (`[n, length]`, or one sample `[length]`) before it reaches the
    /// table, naming the row of the data it is in.
    func checkIndices(_ x: Tensor) throws(NNError) {
        let length = Swift.max(x.shape.last ?? 1, 1)
        let rowed = x.rank >= 2
        for (k, v) in x.scalars.enumerated() where !(v == v.rounded() && v >= 0 && v < Float(vocab)) {
            throw .invalidIndex(layer: name, row: rowed ? k / length : nil, position: k % length, value: v, vocab: vocab)
        }
    }

    /// Replaces the table (same shape).
    mutating func setParameters(weight w: Tensor) {
        weight = Dense.asParam(w, label: "\(name).W")
    }
}
