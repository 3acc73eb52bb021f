import Autodiff
import NN
import Matmul
#if canImport(Glibc)
import Glibc
#endif

/// `gradbook bench train`: the seed model (10 → 128 relu → 128 relu → 1 sigmoid, Adam, bce,
/// accuracy) trained for `epochs` epochs at batch 32, timed per epoch.
public enum TrainingBenchmark {
    public struct Result: Sendable {
        public let secondsPerEpoch: [Double]
        /// This process's CPU time per epoch (all threads): unlike the wall clock, it does not
        /// count the time other processes hold the core.
        public let cpuSecondsPerEpoch: [Double]
        public let totalSeconds: Double
        public let testAccuracy: Double
        public let testLoss: Double
        public let microsecondsPerStep: Double
        /// Of one step, the microseconds spent in matrix products and their share of the step,
        /// from one more epoch run with the matmul clock on (after the evaluation).
        public let matmulMicrosecondsPerStep: Double
        public let matmulShare: Double
        /// Matrix products per step (three layers: three forward, five backward).
        public let productsPerStep: Double
        /// Resident memory (bytes) after each epoch.
        public let residentBytes: [Int]
    }

    /// The process's resident set size in bytes (Linux /proc/self/statm), or 0.
    public static func residentBytes() -> Int {
        guard let fd = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(fd) }
        var size = 0, resident = 0
        guard readStatm(fd, &size, &resident) else { return 0 }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    private static func readStatm(_ fd: UnsafeMutablePointer<FILE>, _ size: inout Int, _ resident: inout Int) -> Bool {
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, 255, fd) != nil else { return false }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
        guard text.count > 1, let s = Int(text[0]), let r = Int(text[1]) else { return false }
        size = s
        resident = r
        return true
    }

    /// The seed model, built from `seed`.
    public static func seedModel(seed: UInt64) throws(NNError) -> Sequential {
        var g = RandomGenerator(seed: seed)
        var model = try Sequential([
            .dense(try Dense(units: 128, activation: .relu, inputSize: 10)),
            .dense(try Dense(units: 128, activation: .relu)),
            .dense(try Dense(units: 1, activation: .sigmoid)),
        ], using: &g)
        model.compilation = Compilation(optimizer: try .adam(), loss: .bce, metrics: [.accuracy])
        return model
    }

    /// Trains the seed model on (trainX, trainY) and evaluates on (testX, testY).
    public static func run(
        trainX: Tensor, trainY: Tensor, testX: Tensor, testY: Tensor,
        epochs: Int = 10, batchSize: Int = 32, seed: UInt64 = 0
    ) throws(NNError) -> Result {
        var model = try seedModel(seed: seed)
        var generator = RandomGenerator(seed: seed &+ 1)
        var times: [Double] = [], cpuTimes: [Double] = []
        var memory: [Int] = []
        let start = ProcessClock.wall()
        for _ in 0..<epochs {
            let (t0, c0) = (ProcessClock.wall(), ProcessClock.cpu())
            _ = try model.fit(x: trainX, y: trainY, options: FitOptions(epochs: 1, batchSize: batchSize),
                              generator: &generator)
            times.append(ProcessClock.wall() - t0)
            cpuTimes.append(ProcessClock.cpu() - c0)
            memory.append(residentBytes())
        }
        let total = ProcessClock.wall() - start
        let scores = try model.evaluate(x: testX, y: testY)
        let steps = Double((trainX.shape[0] + batchSize - 1) / batchSize)
        let median = times.median

        MatmulClock.start()
        let t0 = ProcessClock.wall()
        _ = try model.fit(x: trainX, y: trainY, options: FitOptions(epochs: 1, batchSize: batchSize),
                          generator: &generator)
        let profiledEpoch = ProcessClock.wall() - t0
        let matmul = MatmulClock.stop()

        return Result(secondsPerEpoch: times, cpuSecondsPerEpoch: cpuTimes, totalSeconds: total,
                      testAccuracy: scores.first { $0.name == "accuracy" }?.value ?? .nan,
                      testLoss: scores.first { $0.name == "loss" }?.value ?? .nan,
                      microsecondsPerStep: median / steps * 1e6,
                      matmulMicrosecondsPerStep: matmul.seconds / steps * 1e6,
                      matmulShare: matmul.seconds / profiledEpoch,
                      productsPerStep: Double(matmul.products) / steps, residentBytes: memory)
    }
}
