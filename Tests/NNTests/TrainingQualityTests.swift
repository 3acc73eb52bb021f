import Foundation
import Testing
@testable import Autodiff
@testable import NN

/// Training end to end: the seed model learns its task, and memory does not grow with steps.
struct TrainingQualityTests {
    /// The Keras classic on its generated task reaches at least 90% test accuracy (a fixed
    /// seed; a correctness check, not a timing).
    @Test func seedModelReachesNinetyPercent() throws {
        let data = try DatasetGenerator.make(name: "classification", n: 12000, features: 10, seed: 0)
        let (train, test) = try data.split(.count(10000), seed: 42)
        var model = try TrainingBenchmark.seedModel(seed: 0)
        var g = RandomGenerator(seed: 1)
        let outcome = try model.fit(x: train.x, y: train.y, options: FitOptions(epochs: 10, batchSize: 32), generator: &g)
        #expect(outcome == .completed)
        let accuracy = try model.evaluate(x: test.x, y: test.y).first { $0.name == "accuracy" }?.value ?? 0
        #expect(accuracy >= 0.90, "test accuracy \(accuracy)")
    }

    /// Resident memory after 10,000 forward/backward/update steps of an MLP is what it was
    /// after 100: graphs are released, optimizer state is allocated once.
    @Test func memoryDoesNotGrowWithSteps() throws {
        var g = RandomGenerator(seed: 3)
        let x = try Tensor.normal([32, 10], using: &g)
        let y = try Tensor.matmul(x, try Tensor.normal([10, 1], using: &g)).map { $0 > 0 ? 1 : 0 }.reshaped([-1])
        var model = try TrainingBenchmark.seedModel(seed: 4)
        func steps(_ n: Int) throws {
            for _ in 0..<n { _ = try model.fit(x: x, y: y, options: FitOptions(epochs: 1, batchSize: 32), generator: &g) }
        }
        try steps(100)
        let after100 = residentBytes()
        try steps(9_900)
        let after10000 = residentBytes()
        #expect(after100 > 0)
        // Allow allocator noise (a few MB), not growth proportional to the steps.
        #expect(after10000 < after100 + 8 << 20, "RSS grew from \(after100 >> 20) MB to \(after10000 >> 20) MB")
    }

    private func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
