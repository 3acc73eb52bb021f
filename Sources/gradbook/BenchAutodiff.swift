import ArgumentParser
import Autodiff
import Foundation
import Benchmarks

/// `gradbook bench autodiff`: forward + backward time of a 10,000-op scalar graph.
struct BenchAutodiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autodiff",
        abstract: "Time forward + backward of a scalar graph of 10,000 ops (per-op overhead of the engine).")

    @Option(help: "Ops in the graph.") var ops = 10_000
    @Option(help: "Timed repetitions (the median is reported).") var repetitions = 21
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() throws {
        let r = try AutodiffBenchmark.scalarChain(ops: ops, repetitions: repetitions)
        if json {
            print("{\"ops\":\(r.ops),\"seconds\":\(r.seconds),\"forward_seconds\":\(r.forwardSeconds),\"gradient\":\(r.gradient)}")
        } else {
            print(String(format: "%d ops forward+backward: %.3f ms median (%.0f ns/op; forward alone %.0f ns/op); ∂a/∂x = %.6g",
                         r.ops, r.seconds * 1e3, r.seconds / Double(r.ops) * 1e9, r.forwardSeconds / Double(r.ops) * 1e9, r.gradient))
        }
    }
}
