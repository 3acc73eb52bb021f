import Foundation
import Testing
@testable import Autodiff
@testable import NN
@testable import Datasets
@testable import Benchmarks

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
}
