import Foundation
import Autodiff
import Benchmarks

/// The text and the JSON `gradbook bench cnn` prints.
enum BenchCNNReport {
    /// The op phases with the label the table gives them and their JSON key.
    static let phases: [(WindowOpClock.Phase, label: String, key: String)] = [
        (.convolutionForward, "conv2d forward", "conv_forward"),
        (.convolutionBackward, "conv2d backward", "conv_backward"),
        (.poolingForward, "maxpool2d forward", "pool_forward"),
        (.poolingBackward, "maxpool2d backward", "pool_backward"),
    ]

    static func lines(_ r: CNNBenchmark.Result, trainRows: Int, testRows: Int, batch: Int) -> [String] {
        var lines = ["gradbook bench cnn: conv2d(8, 3, same, relu) → maxpool2d(2) → conv2d(16, 3, same, relu) → "
                     + "maxpool2d(2) → flatten → dense(10, softmax); digits, \(trainRows) rows to train, "
                     + "\(testRows) to test; Adam, batch \(batch) (\(r.steps) steps per epoch)"]
        for (i, (wall, cpu)) in zip(r.secondsPerEpoch, r.cpuSecondsPerEpoch).enumerated() {
            lines.append(String(format: "epoch %d: %.1f ms CPU (%.1f ms wall)", i + 1, cpu * 1e3, wall * 1e3))
        }
        lines.append(String(format: "median CPU time %.1f ms/epoch, %.1f µs/step (median wall %.1f ms/epoch)",
                            r.cpuSecondsPerEpoch.median * 1e3, r.microsecondsPerStep, r.secondsPerEpoch.median * 1e3))
        lines.append(String(format: "test accuracy %.4f, test loss %.4f", r.testAccuracy, r.testLoss))
        lines.append(String(format: "one more epoch with the op clock on: %.1f ms CPU; of each step:",
                            r.profiledEpochSeconds * 1e3))
        lines.append("  op                    µs/step   share   GFLOP/s")
        for (phase, label, _) in phases {
            let gflops = r.windowOps[phase].map { $0.flops > 0 ? String(format: "%9.1f", $0.gigaflopsPerSecond) : "" } ?? ""
            lines.append("  " + label.padding(toLength: 20, withPad: " ", startingAt: 0)
                         + String(format: "%9.1f %6.0f%%", r.microsecondsPerStep(phase), r.share(phase) * 100) + gflops)
        }
        let conv = r.share(.convolutionForward) + r.share(.convolutionBackward)
        lines.append(String(format: "the conv layers' ops (im2col, products, col2im) take %.0f%% of the step", conv * 100))
        return lines
    }

    static func json(_ r: CNNBenchmark.Result) -> String {
        func list(_ values: [Double]) -> String { "[" + values.map { String($0) }.joined(separator: ",") + "]" }
        var fields = [
            "\"seconds_per_epoch\":\(list(r.secondsPerEpoch))",
            "\"cpu_seconds_per_epoch\":\(list(r.cpuSecondsPerEpoch))",
            "\"test_accuracy\":\(r.testAccuracy)", "\"test_loss\":\(r.testLoss)",
            "\"us_per_step\":\(r.microsecondsPerStep)", "\"steps\":\(r.steps)",
        ]
        for (phase, _, key) in phases {
            fields.append("\"\(key)_us_per_step\":\(r.microsecondsPerStep(phase))")
            fields.append("\"\(key)_share\":\(r.share(phase))")
            if r.windowOps[phase]?.flops ?? 0 > 0 {
                fields.append("\"\(key)_gflops\":\(r.windowOps[phase]?.gigaflopsPerSecond ?? 0)")
            }
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
