import Testing
import Autodiff
import NN
@testable import Benchmarks

/// `gradbook bench cnn`'s model and one short run of it.
struct CNNBenchmarkTests {
    /// Keras counts conv2d(8, 3) on one channel 8·1·3·3 + 8 = 80 params, conv2d(16, 3) on eight
    /// 16·8·3·3 + 16 = 1,168, and dense(10) on the 16·2·2 = 64 flattened features 64·10 + 10 = 650.
    @Test func theModelIsTheLeNetOfTheIssue() throws {
        let model = try CNNBenchmark.model(seed: 0)
        #expect(model.namedParameters.map(\.value.shape) == [[8, 1, 3, 3], [8], [16, 8, 3, 3], [16], [64, 10], [10]])
        #expect(model.parameterCount == 80 + 1168 + 650)
    }

    @Test func aRunTimesEveryEpochAndTheConvOps() throws {
        var generator = RandomGenerator(seed: 1)
        let x = try Tensor.uniform([40, 1, 8, 8], low: 0, high: 1, using: &generator)
        let y = Tensor((0..<40).map { Float($0 % 10) })
        let r = try CNNBenchmark.run(model: try CNNBenchmark.model(seed: 0), trainX: x, trainY: y,
                                     testX: x, testY: y, epochs: 2, batchSize: 16)
        #expect(r.cpuSecondsPerEpoch.count == 2 && r.secondsPerEpoch.count == 2)
        #expect(r.steps == 3)  // 40 rows in batches of 16
        #expect(r.testAccuracy >= 0 && r.testAccuracy <= 1)
        // One profiled epoch of 3 steps: two conv layers forward and backward per step, the
        // first without ∂L/∂x.
        #expect(r.windowOps[.convolutionForward]?.calls == 6)
        #expect(r.windowOps[.convolutionBackward]?.calls == 6)
        #expect(r.windowOps[.poolingForward]?.calls == 6)
        #expect(r.share(.convolutionForward) > 0 && r.share(.convolutionForward) < 1)
    }
}
