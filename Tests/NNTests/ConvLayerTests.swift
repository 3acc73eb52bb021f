import Testing
import Autodiff
@testable import NN

/// Conv2D, Pooling2D and Flatten as layers of a model: shapes checked when the model is
/// defined, gradients of the model's loss against finite differences, and training.
struct ConvLayerTests {
    private func tinyModel(pooling: Pooling2D.Reduction, seed: UInt64 = 3) throws -> Sequential {
        var g = RandomGenerator(seed: seed)
        var model = try Sequential([
            .conv2d(try Conv2D(filters: 2, kernelSize: 3, padding: .same, activation: .tanh, inputShape: [2, 5, 5])),
            .pooling(try Pooling2D(pooling, size: 2)),
            .flatten(try Flatten()),
            .dense(try Dense(units: 3, activation: .softmax)),
        ], using: &g)
        model.compilation = Compilation(optimizer: try .adam(lr: 0.01), loss: .crossEntropy)
        return model
    }

    @Test func shapesAndParamsOfAConvModel() throws {
        let model = try tinyModel(pooling: .max)
        #expect(model.layers.map(\.name) == ["conv2d_0", "maxpool2d_0", "flatten_0", "dense_0"])
        #expect(model.layerOutputShapes == [[2, 5, 5], [2, 2, 2], [8], [3]])
        #expect(model.namedParameters.map(\.name) == ["conv2d_0.W", "conv2d_0.b", "dense_0.W", "dense_0.b"])
        #expect(model.namedParameters.map(\.value.shape) == [[2, 2, 3, 3], [2], [8, 3], [3]])
        // Glorot with Keras's fans for a conv kernel: fan-in 2·3·3 = 18, fan-out 2·3·3 = 18.
        let limit = Float((6.0 / 36.0).squareRoot())
        let w = try #require(model.layers[0].parameters.first)
        #expect(w.scalars.allSatisfy { abs($0) <= limit } && w.scalars.contains { abs($0) > limit / 2 })
    }

    /// ∂L/∂θ of the graph against central differences of the same loss, for every param of a
    /// small conv model. Average pooling and tanh keep the loss smooth: with max pooling a
    /// float32 step of 1e-2 switches which element is a window's max, so differences across
    /// it measure the switch, not the gradient (the engine's own checks cover maxpool2d).
    @Test func gradientsOfTheModelLossMatchFiniteDifferences() throws {
        let model = try tinyModel(pooling: .average)
        var g = RandomGenerator(seed: 11)
        let x = try Tensor.uniform([4, 2, 5, 5], low: -1, high: 1, using: &g)
        let y = try Tensor(shape: [4], scalars: [0, 2, 1, 2])
        let results = try GradientCheck.check(params: model.parameters, maxElements: 200, generator: &g) { values throws(TensorError) in
            var m = model
            var unused = RandomGenerator(seed: 0)
            do {
                try m.setParameters(values)
                return try m.lossGraph(x: x, y: y, generator: &unused).loss
            } catch {
                throw .invalidArgument("\(error)")
            }
        }
        #expect(results.count == 4)
        for r in results { #expect(r.passed, "param \(r.index): worst relative error \(r.maxRelativeError)") }
    }

    /// Images 8×8 with a vertical bar (class 0) or a horizontal one (class 1) at a random place,
    /// plus noise: a conv model learns it, and its loss falls.
    @Test func fitLowersTheLossOnBarImages() throws {
        var g = RandomGenerator(seed: 5)
        let n = 64
        var pixels: [Float] = [], labels: [Float] = []
        for i in 0..<n {
            let horizontal = i % 2 == 1, at = Int(g.nextFloat() * 8) % 8
            for r in 0..<8 {
                for c in 0..<8 {
                    let on = horizontal ? r == at : c == at
                    pixels.append((on ? 1 : 0) + 0.1 * g.nextNormal())
                }
            }
            labels.append(horizontal ? 1 : 0)
        }
        let x = try Tensor(shape: [n, 1, 8, 8], scalars: pixels), y = try Tensor(shape: [n], scalars: labels)
        var model = try Sequential([
            .conv2d(try Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu, inputShape: [1, 8, 8])),
            .pooling(try Pooling2D(.max, size: 2)),
            .flatten(try Flatten()),
            .dense(try Dense(units: 2, activation: .softmax)),
        ], using: &g)
        model.compilation = Compilation(optimizer: try .adam(lr: 0.01), loss: .crossEntropy, metrics: [.accuracy])
        let before = try model.evaluate(x: x, y: y)
        _ = try model.fit(x: x, y: y, options: FitOptions(epochs: 30, batchSize: 16), generator: &g)
        let after = try model.evaluate(x: x, y: y)
        #expect(after[0].value < before[0].value / 2, "loss \(before[0].value) → \(after[0].value)")
        #expect(try #require(after.last?.value) >= 0.9)
        #expect(try model.predict(x).shape == [n, 2])
    }

    @Test func shapeMistakesNameTheLayerAndBothShapes() throws {
        var g = RandomGenerator(seed: 1)
        let tooLarge = #expect(throws: NNError.self) {
            _ = try Sequential([.conv2d(try Conv2D(filters: 1, kernelSize: 5, inputShape: [1, 4, 4]))], using: &g)
        }
        #expect("\(tooLarge!)".contains("conv2d_0: conv2d of input [1, 1, 4, 4] with kernel [1, 1, 5, 5]"))
        let noFlatten = #expect(throws: NNError.self) {
            _ = try Sequential([.conv2d(try Conv2D(filters: 2, kernelSize: 3, inputShape: [1, 6, 6])),
                                .dense(try Dense(units: 2))], using: &g)
        }
        #expect(noFlatten == .layerShapeMismatch(layer: "dense_0", expected: [nil, nil], got: [nil, 2, 4, 4]))
        let rows = #expect(throws: NNError.self) {
            _ = try Sequential([.dense(try Dense(units: 4, inputSize: 3)), .pooling(try Pooling2D(.average, size: 2))], using: &g)
        }
        #expect(rows == .layerShapeMismatch(layer: "avgpool2d_0", expected: [nil, nil, nil, nil], got: [nil, 4]))
        let pooled = #expect(throws: NNError.self) {
            _ = try Sequential([.conv2d(try Conv2D(filters: 2, kernelSize: 3, inputShape: [1, 4, 4])),
                                .pooling(try Pooling2D(.max, size: 3))], using: &g)
        }
        #expect("\(pooled!)".contains("maxpool2d_0: maxpool2d of input [1, 2, 2, 2] with window [3, 3]"))
        #expect(throws: NNError.self) { _ = try Conv2D(filters: 2, kernelSize: 3, stride: 2, padding: .same) }
        #expect(throws: NNError.self) { _ = try Conv2D(filters: 2, kernelSize: 3, inputShape: [8, 8]) }
    }
}

/// A declared input too large for a tensor is an error when the layer is made, not an
/// overflow when the model multiplies its sizes.
@Test func aHugeDeclaredInputIsAnError() {
    let huge = [9_999_999, 9_999_999, 9_999_999]
    #expect(throws: NNError.self) { _ = try Flatten(inputShape: huge) }
    #expect(throws: NNError.self) { _ = try Pooling2D(.max, size: 2, inputShape: huge) }
    #expect(throws: NNError.self) { _ = try Conv2D(filters: 2, kernelSize: 3, inputShape: huge) }
}
