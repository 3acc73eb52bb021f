import Matmul
import Workbench

/// The interpreter's cost per statement: loops whose body is one small statement, timed
/// against the same script with a count of 0 (parsing, the session's setup, the first
/// statements), so the difference is the iterations alone.
///
/// The body is `z = w*x + b` on plain numbers (no params: no graph is recorded), so the
/// figure is the tree walk, the name lookups, two 0-d tensor ops and an assignment.
public enum InterpreterBenchmark {
    /// One measured form of loop.
    public struct Form: Sendable {
        public let name: String
        /// The script, with `COUNT` where the iteration count goes.
        public let script: String
        /// Statements run per iteration (the loop's own test counted as one where there is one).
        public let statementsPerIteration: Int
    }

    /// The loops measured: `repeat`, `for` (which also assigns its variable) and an `if`
    /// around the statement inside a `repeat`.
    public static let forms: [Form] = [
        Form(name: "repeat", script: "repeat COUNT\n  z = w*x + b\nend", statementsPerIteration: 1),
        Form(name: "for", script: "for i in COUNT\n  z = w*x + b\nend", statementsPerIteration: 1),
        Form(name: "if", script: "repeat COUNT\n  if x > 0\n    z = w*x + b\n  end\nend", statementsPerIteration: 2),
    ]

    /// What a form measured.
    public struct Result: Sendable {
        public let form: Form
        public let iterations: Int
        /// The median over the repetitions of (time with `iterations` − time with 0) per iteration.
        public let secondsPerIteration: Double
        public var secondsPerStatement: Double { secondsPerIteration / Double(form.statementsPerIteration) }
    }

    /// Times each form `repetitions` times with `iterations` iterations (and with 0).
    public static func measure(iterations: Int, repetitions: Int) -> [Result] {
        forms.map { form in
            var samples: [Double] = []
            for _ in 0..<max(1, repetitions) {
                let full = time(form.script.replacingOccurrences(of: "COUNT", with: "\(iterations)"))
                let empty = time(form.script.replacingOccurrences(of: "COUNT", with: "0"))
                samples.append(max(0, full - empty) / Double(max(1, iterations)))
            }
            return Result(form: form, iterations: iterations, secondsPerIteration: samples.median)
        }
    }

    /// Seconds to run `loop` in a fresh session after setting w, x and b.
    private static func time(_ loop: String) -> Double {
        let session = Session(seed: 0)
        _ = session.run("w = 0.5\nx = 2\nb = 0.1")
        let start = ProcessClock.wall()
        _ = session.run(loop)
        return ProcessClock.wall() - start
    }
}
