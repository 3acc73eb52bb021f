import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Datasets

/// A loss paired with the last layer as Keras pairs them: after `dense(k, softmax)`,
/// cross_entropy takes the softmax's probabilities (softmax is applied once, fused with the
/// log), and pairs that cannot learn are errors that name the fix.
struct LossLayerPairingTests {
    let x = try! Tensor(shape: [4, 2], scalars: [0.5, -1, 1.5, 0.25, -0.75, 2, 0, -0.5])
    let y = Tensor([0, 2, 1, 2])

    private func model(_ activation: Activation, units: Int = 3, loss: LossFunction, metrics: [Metric] = []) throws -> Sequential {
        var g = RandomGenerator(seed: 7)
        var m = try Sequential([.dense(try Dense(units: units, activation: activation, inputSize: 2))], using: &g)
        try m.setParameters([try Tensor(shape: [2, units], scalars: (0..<(2 * units)).map { Float($0) * 0.3 - 0.7 }),
                             Tensor((0..<units).map { Float($0) * 0.2 - 0.1 })])
        try m.checkLoss(loss)
        m.compilation = Compilation(optimizer: try .sgd(lr: 0.1), loss: loss, metrics: metrics)
        return m
    }

    /// L = −(1/n) Σᵢ log softmax(xᵢW + b)[yᵢ] and ∂L/∂W = xᵀ(softmax(xW + b) − onehot(y))/n,
    /// computed here in Double by plain loops, against the model's fused loss and its backward.
    @Test func softmaxWithCrossEntropyAppliesSoftmaxOnce() throws {
        let m = try model(.softmax, loss: .crossEntropy)
        let w = m.parameters[0].scalars.map(Double.init), b = m.parameters[1].scalars.map(Double.init)
        let xs = x.scalars.map(Double.init), classes = y.scalars.map { Int($0) }
        var expectedLoss = 0.0, expectedGradW = [Double](repeating: 0, count: 6), expectedGradB = [Double](repeating: 0, count: 3)
        for i in 0..<4 {
            var z = [Double](repeating: 0, count: 3)
            for j in 0..<3 { z[j] = b[j] + xs[i * 2] * w[j] + xs[i * 2 + 1] * w[3 + j] }
            let top = z.max()!, total = z.reduce(0) { $0 + exp($1 - top) }
            let p = z.map { exp($0 - top) / total }
            expectedLoss -= log(p[classes[i]]) / 4
            for j in 0..<3 {
                let d = (p[j] - (j == classes[i] ? 1 : 0)) / 4
                expectedGradW[j] += xs[i * 2] * d
                expectedGradW[3 + j] += xs[i * 2 + 1] * d
                expectedGradB[j] += d
            }
        }
        var g = RandomGenerator(seed: 0)
        let (loss, prediction) = try m.lossGraph(x: x, y: y, generator: &g)
        #expect(Swift.abs(Double(loss.scalar!) - expectedLoss) < 1e-6)
        try loss.backward()
        expectClose(m.parameters[0].grad!.scalars, expectedGradW.map(Float.init), tolerance: 1e-6)
        expectClose(m.parameters[1].grad!.scalars, expectedGradB.map(Float.init), tolerance: 1e-6)
        // The predictions are the probabilities (rows sum to 1), as the metrics need.
        for i in 0..<4 { #expect(Swift.abs(prediction.scalars[(i * 3)..<(i * 3 + 3)].reduce(0, +) - 1) < 1e-6) }
        // The same loss as logits from a linear last layer: the pair is the fused form.
        let linear = try model(.linear, loss: .crossEntropy)
        #expect(Swift.abs(try linear.lossGraph(x: x, y: y, generator: &g).loss.scalar! - loss.scalar!) < 1e-7)
        // And the Float64 twin used by gradcheck agrees.
        let double = try m.doublePrecisionLoss(parameters: m.parameters.map { $0.scalars.map(Double.init) }, x: x, y: y)
        #expect(Swift.abs(double - expectedLoss) < 1e-12)
    }

    /// Three classes learnt by dense(3, softmax) + cross_entropy: the loss falls well below
    /// log 3 (it stuck near 0.70 when softmax ran twice).
    @Test func softmaxClassifierLearns() throws {
        var m = try model(.softmax, loss: .crossEntropy, metrics: [.accuracy])
        var g = RandomGenerator(seed: 1)
        let data = try DatasetGenerator.make(name: "blobs", n: 300, noise: nil, features: 2, classes: 3, seed: 3)
        _ = try m.fit(x: data.x, y: data.y, options: FitOptions(epochs: 30, batchSize: 32), generator: &g)
        let scores = try m.evaluate(x: data.x, y: data.y)
        #expect(scores[0].value < 0.3 && scores[1].value > 0.9, "\(scores)")
    }

    @Test func pairsThatCannotLearnAreCompileErrors() throws {
        #expect(throws: NNError.cannotLearn(problem: "cross_entropy needs one output per class, but the last layer has 1",
                                            fix: "for k classes use dense(k, softmax); for two classes dense(1, sigmoid) and bce")) {
            _ = try model(.sigmoid, units: 1, loss: .crossEntropy)
        }
        #expect(throws: NNError.self) { _ = try model(.softmax, units: 1, loss: .mse) }
        #expect(throws: NNError.self) { _ = try model(.sigmoid, units: 1, loss: .bceLogits) }
        #expect(throws: NNError.self) { _ = try model(.softmax, loss: .bce) }
        _ = try model(.sigmoid, units: 1, loss: .bce)
        _ = try model(.linear, loss: .crossEntropy)
        _ = try model(.softmax, loss: .categoricalCrossEntropy)
    }

    @Test func targetsThatDoNotFitAreErrorsBeforeTraining() throws {
        var g = RandomGenerator(seed: 0)
        var binary = try model(.sigmoid, units: 1, loss: .bce)
        #expect(throws: NNError.cannotLearn(problem: "3 classes in y", fix: "use dense(3, softmax) and cross_entropy")) {
            _ = try binary.fit(x: x, y: y, options: FitOptions(), generator: &g)
        }
        var narrow = try model(.softmax, units: 2, loss: .crossEntropy)
        #expect(throws: NNError.cannotLearn(problem: "3 classes in y (0 to 2), but the last layer has 2 outputs",
                                            fix: "use dense(3, softmax) as the last layer")) {
            _ = try narrow.fit(x: x, y: y, options: FitOptions(), generator: &g)
        }
        var classifier = try model(.softmax, loss: .crossEntropy)
        #expect(throws: NNError.cannotLearn(problem: "cross_entropy takes class indices, but y holds 0.5, which is not a whole number",
                                            fix: "for a continuous target use loss=mse with a last layer without an activation")) {
            _ = try classifier.fit(x: x, y: Tensor([0, 0.5, 1, 2]), options: FitOptions(), generator: &g)
        }
        var regression = try model(.linear, units: 1, loss: .mse, metrics: [.accuracy])
        #expect(throws: NNError.cannotLearn(problem: "accuracy counts classes predicted right, but y is continuous (it holds 0.25)",
                                            fix: "use metrics=mae or metrics=mse")) {
            _ = try regression.fit(x: x, y: Tensor([0.25, 1.5, -2, 3]), options: FitOptions(), generator: &g)
        }
        #expect(throws: NNError.self) { _ = try binary.fit(x: x, y: Tensor([0, 1, 1.5, 0.5]), options: FitOptions(), generator: &g) }
        _ = try binary.fit(x: x, y: Tensor([0, 1, 1, 0]), options: FitOptions(), generator: &g)
        _ = try binary.fit(x: x, y: Tensor([0.1, 0.9, 1, 0]), options: FitOptions(), generator: &g)  // soft labels
    }
}

