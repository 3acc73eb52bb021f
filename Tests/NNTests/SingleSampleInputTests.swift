import Testing
import Autodiff
@testable import NN

/// A model called on one sample (`model(x)` with x of the model's per-sample shape, no batch
/// axis) answers as it does for a batch of that one sample, without the batch axis, as
/// PyTorch's layers take unbatched inputs. A model whose first layer is not dense takes only
/// `[n] + inputShape` or one sample; anything else is a shape error naming both shapes.
struct SingleSampleInputTests {
    private func model(_ layers: [Layer]) throws -> Sequential {
        var g = RandomGenerator(seed: 5)
        return try Sequential(layers, using: &g)
    }

    private func values(_ n: Int, seed: UInt64) -> [Float] {
        var g = RandomGenerator(seed: seed)
        return (0..<n).map { _ in g.nextFloat() }
    }

    @Test func oneImageAnswersAsABatchOfOne() throws {
        let m = try model([
            .conv2d(try Conv2D(filters: 2, kernelSize: 3, padding: .same, activation: .relu, inputShape: [1, 4, 4])),
            .pooling(try Pooling2D(.max, size: 2)),
            .flatten(try Flatten()),
            .dense(try Dense(units: 3, activation: .softmax)),
        ])
        var g = RandomGenerator(seed: 0)
        let image = try Tensor(shape: [1, 4, 4], scalars: values(16, seed: 1))
        let one = try m.forward(image, generator: &g)
        let batch = try m.forward(try image.reshaped([1, 1, 4, 4]), generator: &g)
        #expect(one.shape == [3])
        #expect(one.scalars == batch.scalars)
        #expect(try m.predict(image).scalars == batch.scalars)
    }

    @Test func oneRowOfIndicesAnswersAsABatchOfOne() throws {
        let m = try model([
            .embedding(try Embedding(vocab: 6, dim: 2, inputLength: 3)),
            .flatten(try Flatten()),
            .dense(try Dense(units: 2)),
        ])
        var g = RandomGenerator(seed: 0)
        let one = try m.forward(Tensor([1, 4, 5]), generator: &g)
        let batch = try m.forward(try Tensor(shape: [1, 3], scalars: [1, 4, 5]), generator: &g)
        #expect(one.shape == [2])
        #expect(one.scalars == batch.scalars)
    }

    @Test func onlyADenseFirstModelBroadcastsOverLeadingAxes() throws {
        let rows = try model([.dense(try Dense(units: 2, inputSize: 4))])
        var g = RandomGenerator(seed: 0)
        #expect(try rows.forward(try Tensor(shape: [2, 2, 4], scalars: values(16, seed: 2)), generator: &g).shape == [2, 2, 2])
        let normalized = try model([.batchnorm(try BatchNorm(inputShape: [4])), .dense(try Dense(units: 1))])
        #expect(throws: NNError.dataShapeMismatch(expected: [nil, 4], got: [2, 2, 4])) {
            try normalized.forward(try Tensor(shape: [2, 2, 4], scalars: values(16, seed: 2)), generator: &g)
        }
        #expect(try normalized.forward(Tensor(values(4, seed: 3)), generator: &g).shape == [1])
    }
}
