import Foundation
import Testing

/// `gradbook run` and `gradbook check` as a person uses them (docs/session-format.md).
struct RunAndCheckTests {
    @Test func runPrintsOutputsAndReportsErrorsWithFileLineColumn() throws {
        let dir = Binary.temporaryDirectory()
        try "x = 2\nx * 3\ny + 1\n\"done\"\n".write(to: dir.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "s.grad"], directory: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "6.0000\ndone\n")
        #expect(r.stderr.contains("s.grad:3:1: error: unknown name 'y'"))
        #expect(r.stderr.contains("y + 1\n  ^"))
        let echo = try Binary.run(["run", "--echo", "s.grad"], directory: dir)
        #expect(echo.stdout.hasPrefix("In [1]: x = 2\nIn [2]: x * 3\n6.0000\n"))
    }

    @Test func runSucceedsWithExitZero() throws {
        let dir = Binary.temporaryDirectory()
        try "w = param(1)\nL = w^2\nbackward L\ngrad(w)\n".write(to: dir.appendingPathComponent("ok.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "ok.grad"], directory: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "2.0000\n")
    }

    /// check passes on an unchanged session and reports the exact line of a changed output.
    @Test func checkFindsTheChangedLine() throws {
        let dir = Binary.temporaryDirectory()
        let save = try Binary.run([], input: "a = 3\na * 2\nshow [1, 2]\nsave \"t.grad\"\n", directory: dir)
        #expect(save.status == 0)
        let good = try Binary.run(["check", "t.grad"], directory: dir)
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("every output matches ✓"))

        let path = dir.appendingPathComponent("t.grad")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "#> 6.0000", with: "#> 7.0000")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let changed = (lines.firstIndex { $0 == "#> 7.0000" } ?? 0) + 1
        let bad = try Binary.run(["check", "t.grad"], directory: dir)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("t.grad:\(changed): output differs for the statement at line \(changed - 1)"))
        #expect(bad.stdout.contains("-  7.0000") && bad.stdout.contains("+  6.0000"))
    }

    /// Numbers within their printed precision match; one unit in the last digit too.
    @Test func checkToleratesTheLastDigit() throws {
        let dir = Binary.temporaryDirectory()
        try "# gradbook 0.1.0 session, saved 2026-11-29, seed 0\n1/3\n#> 0.3334\n".write(to: dir.appendingPathComponent("p.grad"), atomically: true, encoding: .utf8)
        #expect(try Binary.run(["check", "p.grad"], directory: dir).status == 0)
        try "1/3\n#> 0.3336\n".write(to: dir.appendingPathComponent("q.grad"), atomically: true, encoding: .utf8)
        #expect(try Binary.run(["check", "q.grad"], directory: dir).status == 1)
    }

    @Test func checkExitsTwoOnAnError() throws {
        let dir = Binary.temporaryDirectory()
        try "nope\n#> 1\n".write(to: dir.appendingPathComponent("e.grad"), atomically: true, encoding: .utf8)
        #expect(try Binary.run(["check", "e.grad"], directory: dir).status == 2)
    }

    /// A syntax error costs only its own statement: `run` runs the lines before and after it
    /// (and the statements after a broken block's `end`), reports every error as
    /// FILE:LINE:COL, and exits 1.
    @Test func runRecoversFromSyntaxErrors() throws {
        let dir = Binary.temporaryDirectory()
        let script = "x = 2\nx * 5\ny = 3 + * 4\nrepeat 2\n  x = x + )\nend\nx + 1\n"
        try script.write(to: dir.appendingPathComponent("bad.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "bad.grad"], directory: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "10.0000\n3.0000\n", "\(r.stdout)")   // x * 5, then x + 1 with x still 2
        #expect(r.stderr.contains("bad.grad:3:9: error:"), "\(r.stderr)")
        #expect(r.stderr.contains("bad.grad:5:11: error:"), "\(r.stderr)")
        #expect(!r.stderr.contains("'end'"), "\(r.stderr)")
    }

    /// `check` checks every statement that parses, reports each syntax error with its
    /// place, and always ends with its summary line.
    @Test func checkRecoversFromSyntaxErrorsAndPrintsItsSummary() throws {
        let dir = Binary.temporaryDirectory()
        let script = "a = 3\na * 2\n#> 6.0000\nb = 1 +* 2\na + 1\n#> 4.0000\na - 1\n#> 9.0000\n"
        try script.write(to: dir.appendingPathComponent("c.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["check", "c.grad"], directory: dir)
        #expect(r.status != 0)
        #expect(r.stdout.contains("c.grad:4:8: error:"), "\(r.stdout)")
        #expect(r.stdout.contains("c.grad:8: output differs for the statement at line 7"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("c.grad: 5 statements, 1 output differs, 1 error ✗\n"), "\(r.stdout)")
    }

    @Test func versionAndHelp() throws {
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("0.1"))
        let help = try Binary.run(["--help"]).stdout
        for sub in ["run", "check", "bench"] { #expect(help.contains(sub)) }
    }
}

/// Piped input is a script too: its exit status says whether a statement failed.
struct PipedInputExitTests {
    @Test func pipedInputExitsOneWhenAStatementFailed() throws {
        let dir = Binary.temporaryDirectory()
        let failed = try Binary.run([], input: "x = 2\ny + 1\nx * 3\n", directory: dir)
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("Out[3]: 6.0000"), "the statements after the error still run")
        let fine = try Binary.run([], input: "x = 2\nx * 3\n", directory: dir)
        #expect(fine.status == 0)
    }
}
