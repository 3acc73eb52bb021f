import Foundation
import Testing
@testable import Workbench
import Language

/// A session driven as at a terminal — a wide terminal, Ctrl-C in the middle of a `fit` and
/// of a `repeat`, `q` at a `walk` pause — saves a file that replays to the same outputs and
/// the same random stream afterwards (what `gradbook check` verifies).
struct StoppedStatementReplayTests {
    /// A terminal session 130 columns wide where Ctrl-C arrives at the given interrupt checks
    /// (counted over the whole session) and every walk pause answers `answer`.
    final class TerminalDriver {
        var checks = 0
        var ctrlCAt: Set<Int>
        var pauses = 0
        let stopWalkAfter: Int
        var lines: [String] = []
        init(ctrlCAt: Set<Int>, stopWalkAfter: Int) {
            self.ctrlCAt = ctrlCAt
            self.stopWalkAfter = stopWalkAfter
        }
        var environment: SessionEnvironment {
            SessionEnvironment(isTerminal: true, width: 130, emit: { self.lines.append($0) },
                               interruptRequested: { self.checks += 1; return self.ctrlCAt.contains(self.checks) },
                               askToContinue: { self.pauses += 1; return self.pauses >= self.stopWalkAfter ? .stop : .next })
        }
    }

    static let statements = [
        "data = dataset(\"moons\", n=64, seed=1)",
        "model = sequential(dense(8, relu, input=2), dense(1, sigmoid))",
        "compile model optimizer=sgd(lr=0.1) loss=bce",
        "fit model data epochs=3 batch=8",
        "n = 0",
        "repeat 5\n  n = n + 1\n  r = rand(1)\nend",   // Ctrl-C at its 3rd iteration
        "w = param(0.5)",
        "L = (sigmoid(w*2 + 0.1) - 1)^2",
        "backward L",
        "walk L",                                    // q at the second pause
        "plot model.history",
        "hist randn(200)",
        "n",
        "rand(3)",                                   // the random stream after it all
    ]

    @Test func aSessionStoppedPartwayReplaysToTheSamePoint() throws {
        // Ctrl-C at the 11th interrupt check falls in fit's second epoch (8 steps an epoch);
        // at the 14th, in the loop's third iteration (one check an iteration).
        let driver = TerminalDriver(ctrlCAt: [11, 14], stopWalkAfter: 2)
        let session = Session(seed: 5, environment: driver.environment)
        for statement in Self.statements {
            let outcomes = session.run(statement)
            #expect(outcomes.allSatisfy { $0.error == nil }, "\(statement): \(outcomes.compactMap(\.error))")
        }
        let cells = session.cells.filter(\.isSaved)
        let fit = try #require(cells.first { $0.source.hasPrefix("fit") })
        #expect(fit.output.contains("interrupted at epoch 2, after step 2"), "\(fit.output)")
        let loop = try #require(cells.first { $0.source.hasPrefix("repeat") })
        #expect(loop.output.contains("interrupted after 2 of 5 iterations"), "\(loop.output)")
        let walk = try #require(cells.first { $0.source == "walk L" })
        #expect(walk.output.contains("stopped after step 2 of"), "\(walk.output)")
        // The terminal showed the plots 130 wide; the transcript holds them at 72 columns.
        let plot = try #require(cells.first { $0.source == "plot model.history" })
        #expect(plot.output.split(separator: "\n").map(\.count).max() ?? 0 <= SessionEnvironment.plainWidth)
        #expect(driver.lines.contains { $0.split(separator: "\n").contains { $0.count > 100 } })

        let saved = SessionFile.render(cells: session.cells, seed: 5, date: Date(timeIntervalSince1970: 0))
        #expect(saved.contains("interrupt_at 11\nfit model data epochs=3 batch=8\n"), "\(saved)")
        #expect(saved.contains("interrupt_at 3\nrepeat 5\n"), "\(saved)")
        #expect(saved.contains("interrupt_at 2\nwalk L\n"), "\(saved)")

        // Replay as `gradbook check` does (a script: 72 columns, no pauses, no Ctrl-C).
        let text = SessionFile.render(cells: session.cells, seed: 5, date: Date(timeIntervalSince1970: 0))
        let replay = Session(seed: 5)
        let script = Parser.parseScript(SourceText(text))
        let expected = SessionFile.expectedOutputs(of: script)
        var index = 0, compared = 0
        replay.run(text, name: "s.grad", style: .file, didRun: { outcome in
            defer { index += 1 }
            #expect(outcome.error == nil, "\(outcome.error ?? "")")
            guard index < expected.count else { return }
            #expect(OutputComparison.matches(expected: expected[index].text, actual: outcome.transcript),
                    "\(outcome.source):\n\(expected[index].text)\n---\n\(outcome.transcript)")
            compared += 1
        })
        #expect(compared == expected.count)
        // And it saves again to the same file.
        #expect(SessionFile.render(cells: replay.cells, seed: 5, date: Date(timeIntervalSince1970: 0)) == text)
    }

    /// `run "f"` stopped by Ctrl-C partway through the script: saved with `interrupt_at`, it
    /// replays to the same statement, and the random stream after it is the same.
    @Test func anInterruptedRunReplaysToTheSameStatement() throws {
        let folder = TemporaryFolder("interrupted-run")
        try "a = rand(2)\nb = rand(2)\nc = rand(2)\nd = rand(2)\n".write(toFile: folder.file("f.grad"), atomically: true, encoding: .utf8)
        let driver = TerminalDriver(ctrlCAt: [3], stopWalkAfter: 99)
        let session = Session(seed: 9, environment: driver.environment)
        for statement in ["run \"\(folder.file("f.grad"))\"", "rand(2)"] {
            #expect(session.run(statement).allSatisfy { $0.error == nil })
        }
        #expect(session.workspace["b"] != nil && session.workspace["c"] == nil)   // stopped before c
        let text = SessionFile.render(cells: session.cells, seed: 9, date: Date(timeIntervalSince1970: 0))
        #expect(text.contains("interrupt_at 3\nrun "), "\(text)")
        let replay = Session(seed: 9)
        let outcomes = replay.run(text, name: "s.grad", style: .file)
        #expect(outcomes.allSatisfy { $0.error == nil })
        #expect(replay.workspace["c"] == nil)
        #expect(outcomes.last?.transcript == session.cells.last?.output)
        #expect(SessionFile.render(cells: replay.cells, seed: 9, date: Date(timeIntervalSince1970: 0)) == text)
    }
}
