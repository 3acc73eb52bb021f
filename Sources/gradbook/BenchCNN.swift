import Foundation
import ArgumentParser
import Autodiff
import Datasets
import Benchmarks

/// `gradbook bench cnn`: ms per epoch of a LeNet-style CNN on the digits (see README "Benchmarks").
struct BenchCNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn",
        abstract: "Train a LeNet-style CNN on the digits (1,500 rows, Adam, batch 32) and time it.",
        discussion: """
            conv2d(8, 3, padding=same, relu) → maxpool2d(2) → conv2d(16, 3, padding=same, relu) → \
            maxpool2d(2) → flatten → dense(10, softmax), cross-entropy. dataset("digits") is split \
            1,500 / 297 in a seeded random order (split seed = seed + 42): the file's last rows are \
            other writers' digits, harder than the rest. Prints the CPU time per epoch (median), \
            µs per step, the test accuracy, and from one more epoch with the op clocks on, the \
            share of the step the convolution and pooling ops take and the convolutions' GFLOP/s.
            """)

    @Option(help: "Epochs to train.") var epochs = 20
    @Option(help: "Batch size.") var batch = 32
    @Option(help: "Random seed for the split, the model and the shuffles.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Option(help: "Also write the rows (train_x.npy, train_y.npy, test_x.npy, test_y.npy) and the initial params (init_conv2d_0.W.npy, …) into this folder (for bench/cnn_vs_torch.py).")
    var exportData: String?

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        let (trainX, trainY, testX, testY) = try BenchData.digits(seed: seed)
        let model = try CNNBenchmark.model(seed: seed)
        if let folder = exportData {
            let rows = [("train_x", trainX), ("train_y", trainY), ("test_x", testX), ("test_y", testY)]
            try BenchData.export(rows + model.namedParameters.map { ("init_" + $0.name, $0.value) }, to: folder)
        }
        let r = try CNNBenchmark.run(model: model, trainX: trainX, trainY: trainY, testX: testX, testY: testY,
                                     epochs: epochs, batchSize: batch, seed: seed)
        if json {
            print(BenchCNNReport.json(r))
        } else {
            for line in BenchCNNReport.lines(r, trainRows: trainX.shape[0], testRows: testX.shape[0], batch: batch) {
                print(line)
            }
        }
    }
}

extension BenchData {
    /// The CNN benchmark's rows: `dataset("digits")` (images `[n, 1, 8, 8]`) split 1,500 / 297
    /// in the order of `split(digits, 1500, seed=seed + 42)`.
    static func digits(seed: UInt64) throws -> (Tensor, Tensor, Tensor, Tensor) {
        let data = try DatasetGenerator.make(name: "digits")
        let (train, test) = try data.split(.count(1500), seed: seed &+ 42)
        return (train.x, train.y, test.x, test.y)
    }
}
