import Foundation
import ArgumentParser
import Autodiff
import Datasets
import Benchmarks

/// `gradbook bench train`: seconds per epoch of the seed model (see README "Benchmarks").
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the seed model (10→128→128→1, Adam, bce) 10 epochs on 10,000 rows and time it.")

    @Option(help: "Epochs to train.") var epochs = 10
    @Option(help: "Batch size.") var batch = 32
    @Option(help: "Random seed for the data and the model.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Option(help: "Also write the data as train_x.npy, train_y.npy, test_x.npy, test_y.npy into this folder (for bench/train_vs_peers.py).")
    var exportData: String?

    func run() throws {
        let (trainX, trainY, testX, testY) = try BenchData.classification(seed: seed)
        if let folder = exportData {
            try BenchData.export([("train_x", trainX), ("train_y", trainY), ("test_x", testX), ("test_y", testY)], to: folder)
        }
        let r = try TrainingBenchmark.run(trainX: trainX, trainY: trainY, testX: testX, testY: testY,
                                          epochs: epochs, batchSize: batch, seed: seed)
        if json {
            let epochs = r.secondsPerEpoch.map { String($0) }.joined(separator: ",")
            let rss = r.residentBytes.map(String.init).joined(separator: ",")
            let cpu = r.cpuSecondsPerEpoch.map { String($0) }.joined(separator: ",")
            print("{\"seconds_per_epoch\":[\(epochs)],\"cpu_seconds_per_epoch\":[\(cpu)],\"total_seconds\":\(r.totalSeconds),\"test_accuracy\":\(r.testAccuracy),\"test_loss\":\(r.testLoss),\"us_per_step\":\(r.microsecondsPerStep),\"matmul_us_per_step\":\(r.matmulMicrosecondsPerStep),\"matmul_share\":\(r.matmulShare),\"resident_bytes\":[\(rss)]}")
            return
        }
        for (i, s) in r.secondsPerEpoch.enumerated() {
            print("epoch \(i + 1): \(Int((s * 1000).rounded())) ms")
        }
        let median = r.secondsPerEpoch.sorted()[r.secondsPerEpoch.count / 2]
        let cpuMedian = r.cpuSecondsPerEpoch.sorted()[r.cpuSecondsPerEpoch.count / 2]
        print("median CPU time \(String(format: "%.1f", cpuMedian * 1000)) ms/epoch")
        print("median \(String(format: "%.1f", median * 1000)) ms/epoch, \(String(format: "%.1f", r.microsecondsPerStep)) µs/step, total \(String(format: "%.2f", r.totalSeconds)) s")
        print(String(format: "matmul: %.1f µs of each step (%.0f%%, %.0f products per step; one more epoch with the matmul clock on)",
                     r.matmulMicrosecondsPerStep, r.matmulShare * 100, r.productsPerStep))
        print("test accuracy \(String(format: "%.4f", r.testAccuracy)), test loss \(String(format: "%.4f", r.testLoss))")
        if let first = r.residentBytes.first, let last = r.residentBytes.last {
            print(String(format: "resident memory after epoch 1: %.1f MB, after epoch %d: %.1f MB", Double(first) / 1048576, r.residentBytes.count, Double(last) / 1048576))
        }
    }
}

/// The benchmark's data: the generated 10-feature classification task of the seed model,
/// 12,000 rows split 10,000 / 2,000 (the same rows bench/train_vs_peers.py trains PyTorch and JAX on).
enum BenchData {
    static func classification(seed: UInt64) throws -> (Tensor, Tensor, Tensor, Tensor) {
        let data = try DatasetGenerator.make(name: "classification", n: 12000, features: 10, seed: seed)
        let (train, test) = try data.split(.count(10000), seed: seed &+ 42)
        return (train.x, train.y, test.x, test.y)
    }

    /// Writes each tensor as `folder/name.npy` (for the comparison scripts in bench/).
    static func export(_ tensors: [(name: String, tensor: Tensor)], to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, t) in tensors { try NPYWriter.write(t, to: folder + "/" + name + ".npy") }
    }
}
