import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// Random input never crashes the interpreter: token soup and mutated lessons either run or
/// produce a diagnostic. Sizes stay small (digits 0–4), and a time budget per cell stops any
/// long loop through the interrupt flag, as Ctrl-C would.
struct InterpreterFuzzTests {
    static let tokens = [
        "x", "y", "w", "m", "d", "L", "t", "=", "+", "-", "*", "/", "@", "^", "(", ")", "[", "]", ",", ".", ":",
        "0", "1", "2", "3", "4", "0.5", "-1", "\"s\"", "\"moons\"", "true", "false", "repeat", "def", "do", "end",
        "T", "shape", "grad", "W", "b", "history", "x[0]", "[1, 2]", "[[1, 2], [3, 4]]", "epochs=", "lr=", "axis=", "n=4",
        "quiet", "\n", "\n", " ", "#c",
    ] + ["zeros", "ones", "randn", "param", "sigmoid", "relu", "sum", "mean", "softmax", "backward", "chain", "step",
         "compare", "walk", "trace", "graph", "gradcheck", "explain", "dense", "sequential", "compile", "fit", "dataset",
         "split", "batch", "show", "summary", "grads", "stats", "vars", "undo", "clear", "seed", "precision", "help",
         "adam", "sgd", "bce", "mse", "loss", "train_step", "evaluate", "predict", "reshape", "concat", "stack", "argmax"]

    static let noise = Array("()[]=+-*^,.:\"0123 \n#")

    static func session(budget: Double = 0.5) -> Session {
        let start = Date()
        // Each cell gets `budget` seconds before the interrupt flag rises (reset per run).
        let clock = Clock()
        return Session(seed: 1, environment: SessionEnvironment(interruptRequested: {
            Date().timeIntervalSince(clock.cellStart ?? start) > budget
        }))
    }

    final class Clock: @unchecked Sendable { var cellStart: Date? }

    @Test func tokenSoupNeverCrashes() {
        var g = RandomGenerator(seed: 2024)
        let s = Self.session()
        s.run("x = 2\ny = [1, 2]\nw = param(0.5)\nL = w * x\nd = dataset(\"xor\", n=8, seed=0)\nm = sequential(dense(2, relu, input=2), dense(1, sigmoid))\ncompile m optimizer=adam loss=bce")
        var errors = 0, runs = 0
        for _ in 0..<3000 {
            let length = 1 + g.nextInt(below: 10)
            let line = (0..<length).map { _ in Self.tokens[g.nextInt(below: Self.tokens.count)] }.joined(separator: " ")
            for o in s.run(line) {
                runs += 1
                if o.error != nil { errors += 1 }
            }
        }
        #expect(runs >= 3000)
        #expect(errors > 0)
    }

    @Test func mutatedLessonsNeverCrash() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sessions")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("lesson") }.sorted()) ?? []
        #expect(!files.isEmpty)
        var g = RandomGenerator(seed: 7)
        for file in files {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else { continue }
            let chars = Array(text)
            for _ in 0..<6 {
                var mutated = chars
                for _ in 0..<(1 + g.nextInt(below: 6)) where !mutated.isEmpty {
                    let i = g.nextInt(below: mutated.count)
                    switch g.nextInt(below: 3) {
                    case 0: mutated.remove(at: i)
                    case 1: mutated.insert(Self.noise[g.nextInt(below: Self.noise.count)], at: i)
                    default: mutated.swapAt(i, g.nextInt(below: mutated.count))
                    }
                }
                // Line by line, as typed at the prompt, so that one broken line does not stop
                // the rest from running.
                let s = Self.session(budget: 2)
                for line in String(mutated).split(separator: "\n") { _ = s.run(String(line)) }
            }
        }
    }
}
