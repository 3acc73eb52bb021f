import Testing
import Autodiff
import Benchmarks
@testable import NN
@testable import Datasets

/// Data whose samples are not rows of features: images `[n, c, h, w]`, token indices
/// `[n, length]`, batched as whole samples, and the shape checks of fit and evaluate.
struct SampleShapeTests {
    /// 7 images `[7, 2, 3, 4]` whose values are all distinct (sample i, value j: 100·i + j).
    private func images() throws -> (x: Tensor, y: Tensor) {
        let x = try Tensor(shape: [7, 2, 3, 4], scalars: (0..<7).flatMap { i in (0..<24).map { Float(100 * i + $0) } })
        let y = try Tensor(shape: [7], scalars: (0..<7).map { Float($0 % 3) })
        return (x, y)
    }

    /// The rows `rows` of `x`, by indexing element by element (no row blocks).
    private func naiveGather(_ x: Tensor, _ rows: [Int]) -> [Float] {
        let all = x.scalars, perSample = x.shape.dropFirst().reduce(1, *)
        var out: [Float] = []
        for r in rows { for j in 0..<perSample { out.append(all[r * perSample + j]) } }
        return out
    }

    @Test func aBatchOfImagesIsTheGatheredSamples() throws {
        let (x, y) = try images()
        var batcher = try RowBatcher(x: x, y: y, batchSize: 3)
        for rows in [[4, 0, 6], [2, 2, 5], [1]] {
            let (xb, yb) = batcher.batch(ArraySlice(rows))
            #expect(xb.shape == [rows.count, 2, 3, 4])
            #expect(xb.scalars == naiveGather(x, rows))
            #expect(yb.scalars == rows.map { Float($0 % 3) })
        }
    }

    @Test func aShuffledLoaderOfImagesCoversEverySampleOnce() throws {
        let (x, y) = try images()
        var loader = try BatchLoader(data: try Dataset(x: x, y: y), batchSize: 3)
        var generator = RandomGenerator(seed: 9)
        loader.shuffle(using: &generator)
        var seen: [Float] = []
        for b in 0..<loader.batchCount {
            let rows = Array(loader.order[b * 3 ..< Swift.min(7, (b + 1) * 3)])
            let (xb, _) = loader.batch(b)
            #expect(xb.shape == [rows.count, 2, 3, 4])
            #expect(xb.scalars == naiveGather(x, rows))
            seen += xb.scalars
        }
        #expect(seen.sorted() == x.scalars.sorted())
    }

    @Test func tokenIndicesPassThroughBatchingUnchanged() throws {
        // Whole numbers up to 2²⁴ are exact in float32: a gather must copy, never compute.
        let tokens: [Float] = [0, 5, 16_777_215, 3, 1, 2, 9, 9, 9, 4, 8, 12]
        let x = try Tensor(shape: [4, 3], scalars: tokens)
        var batcher = try RowBatcher(x: x, y: try Tensor.zeros([4]), batchSize: 2)
        let (xb, _) = batcher.batch([3, 0])
        #expect(xb.shape == [2, 3])
        #expect(xb.scalars == [4, 8, 12, 0, 5, 16_777_215])
    }

    @Test func aDatasetOfImagesSplitsAndStandardizesPerPosition() throws {
        let (x, y) = try images()
        let data = try Dataset(x: x, y: y)
        #expect(data.sampleShape == [2, 3, 4])
        #expect(data.featureCount == 24 && data.featureNames.count == 24)
        let (first, second) = try data.split(.count(5), seed: 3)
        #expect(first.x.shape == [5, 2, 3, 4] && second.x.shape == [2, 2, 3, 4])
        #expect((first.x.scalars + second.x.scalars).sorted() == x.scalars.sorted())
        // Position j over the 7 images holds 100·i + j: mean 300 + j, population std 200.
        let standardized = try data.standardized()
        #expect(standardized.x.shape == [7, 2, 3, 4])
        let expected = (0..<7).flatMap { i in (0..<24).map { _ in Float((Double(100 * i) - 300) / 200) } }
        for (a, b) in zip(standardized.x.scalars, expected) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func fitSaysThePerSampleShapeAndHowToFlatten() throws {
        var g = RandomGenerator(seed: 1)
        var model = try TrainingBenchmark.seedModel(seed: 1)  // input [10]
        let x = try Tensor.zeros([6, 2, 5]), y = try Tensor.zeros([6])
        let error = NNError.dataShapeMismatch(expected: [nil, 10], got: [6, 2, 5])
        #expect(throws: error) { _ = try model.fit(x: x, y: y, options: FitOptions(epochs: 1), generator: &g) }
        #expect(throws: error) { _ = try model.evaluate(x: x, y: y) }
        #expect(error.description == "the model expects inputs of shape [n, 10], got [6, 2, 5]")
        #expect(error.dataShapeHint == "flatten the samples: flatten(x) or reshape(x, 6, 10)")
        #expect(model.compilation?.optimizer.steps == 0)
    }

    @Test func theHintReshapesRowsIntoImages() {
        let error = NNError.dataShapeMismatch(expected: [nil, 1, 8, 8], got: [10, 64])
        #expect(error.description == "the model expects inputs of shape [n, 1, 8, 8], got [10, 64]")
        #expect(error.dataShapeHint == "reshape the samples: reshape(x, 10, 1, 8, 8)")
        let wrongSize = NNError.dataShapeMismatch(expected: [nil, 1, 8, 8], got: [10, 60])
        #expect(wrongSize.dataShapeHint == "each sample must be [1, 8, 8] (64 values); these have 60")
        let oneSample = NNError.dataShapeMismatch(expected: [nil, 1, 8, 8], got: [8, 8])
        #expect(oneSample.dataShapeHint == "for one sample: reshape(x, 1, 1, 8, 8)")
    }

    @Test func updateRatiosSkipParamsTheOptimizerDoesNotStep() {
        // As a batchnorm layer would list them: W, b, gamma, beta trained; moving_mean, moving_var not.
        let trainable = [true, true, true, true, false, false, true]
        let paired = Sequential.pairUpdateRatios([0.1, 0.2, 0.3, 0.4, 0.5], trainable: trainable)
        #expect(paired == [0.1, 0.2, 0.3, 0.4, nil, nil, 0.5])
        #expect(Sequential.pairUpdateRatios(nil, trainable: trainable) == Array(repeating: nil, count: 7))
    }
}
