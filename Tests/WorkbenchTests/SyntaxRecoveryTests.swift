import Testing
@testable import Workbench

/// A pasted multi-statement cell (or anything run through the session's one `run(source)`
/// path) loses only the statement with the syntax error; each error is its own failed cell.
struct SyntaxRecoveryTests {
    @Test func aPastedCellRunsEveryStatementButTheBadOne() {
        let s = RecordingSession()
        let outcomes = s.run("x = 2\ny = 3 + * 4\nz = x + 1\nrepeat 2\n  z = z + )\nend\nz")
        #expect(outcomes.count == 5)
        #expect(outcomes.map { $0.error != nil } == [false, true, false, true, false])
        #expect(outcomes[1].lines == 2...2)
        #expect(outcomes[3].lines == 4...6)
        #expect(outcomes[1].error?.contains("expected an expression") == true, "\(outcomes[1].error ?? "")")
        #expect(outcomes.last?.transcript == "3.0000")       // z = x + 1, the broken loop never ran
        #expect(s.session.workspace["y"] == nil)
        // Failed statements are not saved; the others are, in order.
        let saved = SessionFile.render(cells: s.session.cells, seed: 0)
        #expect(!saved.contains("3 + * 4") && !saved.contains("z + )"))
        #expect(saved.contains("x = 2\nz = x + 1\nz\n#> 3.0000"))
    }

    /// `run "f.grad"` inside a session recovers the same way: the other statements run.
    @Test func runInsideASessionRecovers() throws {
        let folder = TemporaryFolder("recovery")
        try "a = 1\nb = * 2\nc = a + 1\n".write(toFile: folder.file("f.grad"), atomically: true, encoding: .utf8)
        let s = RecordingSession()
        s.session.filePolicy = .unrestricted
        let outcome = s.run("run \"\(folder.file("f.grad"))\"")
        #expect(outcome.first?.error == nil)
        #expect(s.session.workspace["c"]?.tensor?.scalar == 2)
        #expect(s.printed.joined(separator: "\n").contains("f.grad:2:5: error:"), "\(s.printed)")
        #expect(s.printed.last == "1 statement of \(folder.file("f.grad")) failed")
    }
}
