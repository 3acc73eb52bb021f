import ArgumentParser
import Foundation
import Workbench
import Benchmarks

/// `gradbook bench interpreter`: the interpreter's cost per statement in `repeat`, `for` and `if`.
struct BenchInterpreter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interpreter",
        abstract: "Time the interpreter per statement: z = w*x + b inside repeat, for and if (minus an empty loop's script).")

    @Option(help: "Iterations of each loop.") var iterations = 200_000
    @Option(help: "Timed repetitions (the median is reported).") var repetitions = 7

    func run() throws {
        print("gradbook bench interpreter — \(iterations) iterations, median of \(repetitions) runs, "
              + "minus the same script with a count of 0")
        for r in InterpreterBenchmark.measure(iterations: iterations, repetitions: repetitions) {
            let script = r.form.script.replacingOccurrences(of: "\n", with: " ⏎ ").replacingOccurrences(of: "COUNT", with: "N")
            let name = r.form.name.padding(toLength: 7, withPad: " ", startingAt: 0)
            let figures = String(format: "%6.0f ns/iteration  %6.0f ns/statement", r.secondsPerIteration * 1e9, r.secondsPerStatement * 1e9)
            print("\(name) \(figures)   \(script)")
        }
    }
}
