import Autodiff
import NN
import Matmul

/// `gradbook bench cnn`: a LeNet-style CNN on the digits (conv2d(8, 3, same, relu) → maxpool2d(2)
/// → conv2d(16, 3, same, relu) → maxpool2d(2) → flatten → dense(10, softmax); Adam,
/// cross-entropy, batch 32), timed per epoch, with the share of each step its convolution and
/// pooling ops take.
public enum CNNBenchmark {
    public struct Result: Sendable {
        public let secondsPerEpoch: [Double]
        /// This process's CPU time per epoch (all threads).
        public let cpuSecondsPerEpoch: [Double]
        public let testAccuracy: Double
        public let testLoss: Double
        /// The median epoch's CPU time over its steps.
        public let microsecondsPerStep: Double
        public let steps: Int
        /// The ops' totals (thread CPU time) over one more epoch run with the op clock on (after
        /// the evaluation), and that epoch's CPU time: the shares are of it.
        public let profiledEpochSeconds: Double
        public let windowOps: [WindowOpClock.Phase: WindowOpClock.Totals]

        /// The microseconds per step of one phase in the profiled epoch.
        public func microsecondsPerStep(_ phase: WindowOpClock.Phase) -> Double {
            (windowOps[phase]?.seconds ?? 0) / Double(steps) * 1e6
        }

        /// The share of the profiled epoch one phase took.
        public func share(_ phase: WindowOpClock.Phase) -> Double {
            (windowOps[phase]?.seconds ?? 0) / profiledEpochSeconds
        }
    }

    /// The model, its kernels drawn from `seed` (Glorot uniform, zero biases: Keras's defaults).
    public static func model(seed: UInt64) throws(NNError) -> Sequential {
        var g = RandomGenerator(seed: seed)
        var model = try Sequential([
            .conv2d(try Conv2D(filters: 8, kernelSize: 3, padding: .same, activation: .relu, inputShape: [1, 8, 8])),
            .pooling(try Pooling2D(.max, size: 2)),
            .conv2d(try Conv2D(filters: 16, kernelSize: 3, padding: .same, activation: .relu)),
            .pooling(try Pooling2D(.max, size: 2)),
            .flatten(try Flatten()),
            .dense(try Dense(units: 10, activation: .softmax)),
        ], using: &g)
        model.compilation = Compilation(optimizer: try .adam(), loss: .crossEntropy, metrics: [.accuracy])
        return model
    }

    /// Trains `model` `epochs` epochs on (trainX, trainY) — images `[n, 1, 8, 8]`, digits
    /// `[n]` — reshuffled each epoch from `seed`, and evaluates it on (testX, testY).
    public static func run(
        model initial: Sequential, trainX: Tensor, trainY: Tensor, testX: Tensor, testY: Tensor,
        epochs: Int = 20, batchSize: Int = 32, seed: UInt64 = 0
    ) throws(NNError) -> Result {
        var model = initial
        var generator = RandomGenerator(seed: seed &+ 1)
        let options = FitOptions(epochs: 1, batchSize: batchSize)
        var times: [Double] = [], cpuTimes: [Double] = []
        for _ in 0..<epochs {
            let (t0, c0) = (ProcessClock.wall(), ProcessClock.cpu())
            _ = try model.fit(x: trainX, y: trainY, options: options, generator: &generator)
            times.append(ProcessClock.wall() - t0)
            cpuTimes.append(ProcessClock.cpu() - c0)
        }
        let scores = try model.evaluate(x: testX, y: testY)
        let steps = (trainX.shape[0] + batchSize - 1) / batchSize

        WindowOpClock.start()
        let c0 = ProcessClock.cpu()
        _ = try model.fit(x: trainX, y: trainY, options: options, generator: &generator)
        let profiledEpoch = ProcessClock.cpu() - c0
        let windowOps = WindowOpClock.stop()

        return Result(secondsPerEpoch: times, cpuSecondsPerEpoch: cpuTimes,
                      testAccuracy: scores.first { $0.name == "accuracy" }?.value ?? .nan,
                      testLoss: scores.first { $0.name == "loss" }?.value ?? .nan,
                      microsecondsPerStep: cpuTimes.median / Double(steps) * 1e6, steps: steps,
                      profiledEpochSeconds: profiledEpoch, windowOps: windowOps)
    }
}
