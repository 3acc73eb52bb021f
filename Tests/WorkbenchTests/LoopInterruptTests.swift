import Foundation
import Testing
@testable import Workbench
import Language

/// Ctrl-C stops a `for` or `while` before its next iteration, as it stops `repeat`, keeping
/// the iterations done; saved, the stopped loop replays to the same iteration.
struct LoopInterruptTests {
    typealias TerminalDriver = StoppedStatementReplayTests.TerminalDriver

    @Test func stoppedLoopsReplayToTheSameIteration() throws {
        // One interrupt check per iteration: Ctrl-C at check 4 stops the for before its 4th
        // iteration (3 done); the while's checks follow, so check 11 (its 7th)
        // stops it after 6 iterations.
        let driver = TerminalDriver(ctrlCAt: [4, 11], stopWalkAfter: 99)
        let session = Session(seed: 3, environment: driver.environment)
        let statements = [
            "n = 0",
            "for i in 10\n  n = n + 1\n  r = rand(1)\nend",
            "k = 0",
            "while k < 100\n  k = k + 1\nend",
            "rand(2)",
        ]
        for statement in statements {
            #expect(session.run(statement).allSatisfy { $0.error == nil }, "\(statement)")
        }
        #expect(session.workspace["n"]?.tensor?.scalar == 3)
        #expect(session.workspace["k"]?.tensor?.scalar == 6)
        let cells = session.cells.filter(\.isSaved)
        let forCell = try #require(cells.first { $0.source.hasPrefix("for") })
        #expect(forCell.output.contains("interrupted after 3 of 10 iterations (the work of those is kept)"), "\(forCell.output)")
        let whileCell = try #require(cells.first { $0.source.hasPrefix("while") })
        #expect(whileCell.output.contains("interrupted after 6 iterations"), "\(whileCell.output)")

        let text = SessionFile.render(cells: session.cells, seed: 3, date: Date(timeIntervalSince1970: 0))
        #expect(text.contains("interrupt_at 4\nfor i in 10\n"), "\(text)")
        #expect(text.contains("interrupt_at 7\nwhile k < 100\n"), "\(text)")
        let replay = Session(seed: 3)
        let outcomes = replay.run(text, name: "s.grad", style: .file)
        #expect(outcomes.allSatisfy { $0.error == nil })
        #expect(replay.workspace["n"]?.tensor?.scalar == 3)
        #expect(replay.workspace["k"]?.tensor?.scalar == 6)
        // The random stream after the stopped for is the same: 3 draws, not 10.
        #expect(outcomes.last?.transcript == session.cells.last?.output)
        #expect(SessionFile.render(cells: replay.cells, seed: 3, date: Date(timeIntervalSince1970: 0)) == text)
    }

    /// A `while true` with no way out stops at Ctrl-C (and so at `--timeout`, which raises
    /// the same flag): the loop's checks come before every iteration.
    @Test func anEndlessWhileStops() {
        let driver = TerminalDriver(ctrlCAt: [1000], stopWalkAfter: 99)
        let session = Session(seed: 0, environment: driver.environment)
        let outcomes = session.run("x = 0\nwhile true\n  x = x + 1\nend")
        #expect(outcomes.allSatisfy { $0.error == nil })
        #expect(session.workspace["x"]?.tensor?.scalar == 999)
    }
}
