import Testing
import Autodiff
@testable import NN

/// The layernorm and embedding layers in models: outputs against the formulas computed here,
/// Keras's initializer, index checks that name the row of the data, and training.
struct LayerNormEmbeddingLayerTests {
    /// y = γ ⊙ (x − mean)/√(var + ε) + β over each sample's last axis, in Float64.
    static func referenceLayerNorm(_ x: [Float], width d: Int, gamma: [Float], beta: [Float], eps: Double) -> [Float] {
        stride(from: 0, to: x.count, by: d).flatMap { start -> [Float] in
            let row = x[start..<(start + d)].map(Double.init)
            let mean = row.reduce(0, +) / Double(d)
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d)
            return row.enumerated().map { j, v in Float((v - mean) / (variance + eps).squareRoot() * Double(gamma[j]) + Double(beta[j])) }
        }
    }

    @Test func layernormNormalizesEachSampleTheSameInTrainingAndInference() throws {
        var g = RandomGenerator(seed: 3)
        var m = try Sequential([.layernorm(try LayerNorm(eps: 0.01, inputShape: [2, 4]))], using: &g)
        #expect(m.namedParameters.map(\.name) == ["layernorm_0.gamma", "layernorm_0.beta"])
        #expect(m.layerOutputShapes == [[2, 4]])
        let gamma: [Float] = [1, 2, 0.5, -1], beta: [Float] = [0, 0.1, 0.2, 0.3]
        try m.setParameterValues([Tensor(gamma), Tensor(beta)])
        let values = (0..<24).map { _ in 4 * g.nextFloat() - 1 }
        let x = try Tensor(shape: [3, 2, 4], scalars: values)
        let expected = Self.referenceLayerNorm(values, width: 4, gamma: gamma, beta: beta, eps: 0.01)
        expectClose(try m.predict(x).scalars, expected)
        var unused = RandomGenerator(seed: 0)
        expectClose(try m.forward(x, training: true, generator: &unused).scalars, expected)
    }

    @Test func embeddingLooksUpRowsOfItsTable() throws {
        var g = RandomGenerator(seed: 5)
        let m = try Sequential([.embedding(try Embedding(vocab: 7, dim: 3, inputLength: 4))], using: &g)
        #expect(m.layerOutputShapes == [[4, 3]])
        let table = try #require(m.namedParameters.first?.value)
        #expect(table.shape == [7, 3])
        // Keras's RandomUniform(−0.05, 0.05), drawn from the model's generator.
        #expect(table.scalars.allSatisfy { abs($0) <= 0.05 } && table.scalars.contains { abs($0) > 0.025 })
        var same = RandomGenerator(seed: 5)
        #expect(try Sequential([.embedding(try Embedding(vocab: 7, dim: 3, inputLength: 4))], using: &same)
            .namedParameters[0].value.scalars == table.scalars)
        let indices: [Float] = [0, 6, 6, 2, 1, 3, 5, 0]
        let y = try m.predict(try Tensor(shape: [2, 4], scalars: indices))
        #expect(y.shape == [2, 4, 3])
        let w = table.scalars
        #expect(y.scalars == indices.flatMap { i in w[(Int(i) * 3)..<(Int(i) * 3 + 3)] })
    }

    /// A bad index is an error naming the row of the data (not of a shuffled batch) and the
    /// value, before any step: the params stay as they were.
    @Test func aBadIndexNamesTheRowOfTheData() throws {
        var m = try Self.tokenModel()
        var values = Self.tokens(20, seed: 1).x
        values[13 * 4 + 2] = 9  // row 13, position 2; vocab is 6
        let x = try Tensor(shape: [20, 4], scalars: values), y = try Tensor(shape: [20], repeating: 0)
        let before = m.parameters.map(\.scalars)
        var g = RandomGenerator(seed: 1)
        let expected = NNError.invalidIndex(layer: "embedding_0", row: 13, position: 2, value: 9, vocab: 6)
        #expect("\(expected)".contains("row 13 of the data, position 2 holds 9"), "\(expected)")
        #expect(throws: expected) { try m.fit(x: x, y: y, options: FitOptions(epochs: 1, batchSize: 4), generator: &g) }
        #expect(throws: expected) { try m.predict(x) }
        #expect(throws: expected) { try m.evaluate(x: x, y: y) }
        values[13 * 4 + 2] = 1.5
        #expect(throws: NNError.invalidIndex(layer: "embedding_0", row: 13, position: 2, value: 1.5, vocab: 6)) {
            try m.predict(try Tensor(shape: [20, 4], scalars: values))
        }
        #expect(m.parameters.map(\.scalars) == before)
    }

    @Test func anEmbeddingIsTheFirstLayer() throws {
        var g = RandomGenerator(seed: 1)
        #expect(throws: NNError.self) {
            try Sequential([.dense(try Dense(units: 4, inputSize: 4)), .embedding(try Embedding(vocab: 6, dim: 2))], using: &g)
        }
        #expect(throws: NNError.self) { try Sequential([.embedding(try Embedding(vocab: 6, dim: 2))], using: &g) }  // no input=
    }

    /// Sequences of 4 tokens from a vocabulary of 6; the class says whether token 5 occurs.
    static func tokens(_ n: Int, seed: UInt64) -> (x: [Float], y: [Float]) {
        var g = RandomGenerator(seed: seed)
        let x = (0..<(n * 4)).map { _ in Float(g.nextInt(below: 6)) }
        let y = (0..<n).map { r in x[(r * 4)..<(r * 4 + 4)].contains(5) ? Float(1) : 0 }
        return (x, y)
    }

    static func tokenModel(layernorm: Bool = true) throws -> Sequential {
        var g = RandomGenerator(seed: 2)
        var layers: [Layer] = [.embedding(try Embedding(vocab: 6, dim: 3, inputLength: 4)), .flatten(try Flatten())]
        if layernorm { layers.append(.layernorm(try LayerNorm())) }
        layers.append(.dense(try Dense(units: 1, activation: .sigmoid)))
        var m = try Sequential(layers, using: &g)
        m.compilation = Compilation(optimizer: try .adam(lr: 0.05), loss: .bce, metrics: [.accuracy])
        return m
    }

    /// embedding → flatten → dense (with or without a layernorm before the dense) learns which
    /// sequences hold token 5.
    @Test(arguments: [false, true])
    func anEmbeddingModelTrains(layernorm: Bool) throws {
        var m = try Self.tokenModel(layernorm: layernorm)
        let (xs, ys) = Self.tokens(64, seed: 4)
        let x = try Tensor(shape: [64, 4], scalars: xs), y = try Tensor(shape: [64], scalars: ys)
        let first = try m.evaluate(x: x, y: y)[0].value
        var g = RandomGenerator(seed: 1)
        #expect(try m.fit(x: x, y: y, options: FitOptions(epochs: 40, batchSize: 16), generator: &g) == .completed)
        let last = try m.evaluate(x: x, y: y)
        #expect(last[0].value < first / 3, "loss \(first) → \(last[0].value)")
        #expect(last[1].value > 0.9, "accuracy \(last[1].value)")
    }
}
