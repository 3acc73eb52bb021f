import Foundation
import Testing

/// Exit codes, refusals and recoveries of the command line.
struct HardeningCLITests {
    /// A nested `run "bad.grad"` whose statements fail: its errors are errors (stderr), and
    /// `gradbook run` exits 1 as for the script's own statements; the rest still runs.
    @Test func nestedScriptErrorsGoToStderrAndFailTheRun() throws {
        let dir = Binary.temporaryDirectory()
        try "y = nosuch + 1\nz = 3\n".write(to: dir.appendingPathComponent("bad.grad"), atomically: true, encoding: .utf8)
        try "run \"bad.grad\"\nz\n".write(to: dir.appendingPathComponent("main.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "main.grad"], directory: dir)
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout == "3.0000\n", "\(r.stdout)")
        #expect(r.stderr.contains("bad.grad:1:5: error: unknown name 'nosuch'"), "\(r.stderr)")
        #expect(r.stderr.contains("1 statement of bad.grad failed"), "\(r.stderr)")
        // A statement of the nested script that does not parse is an error the same way.
        try "y = 3 + * 4\nz = 5\n".write(to: dir.appendingPathComponent("typo.grad"), atomically: true, encoding: .utf8)
        try "run \"typo.grad\"\nz\n".write(to: dir.appendingPathComponent("main2.grad"), atomically: true, encoding: .utf8)
        let t = try Binary.run(["run", "main2.grad"], directory: dir)
        #expect(t.status == 1, "\(t.stdout) \(t.stderr)")
        #expect(t.stdout == "5.0000\n", "\(t.stdout)")
        #expect(t.stderr.contains("typo.grad:1:"), "\(t.stderr)")
        // check counts them too.
        try "run \"bad.grad\"\nz\n#> 3.0000\n".write(to: dir.appendingPathComponent("main.grad"), atomically: true, encoding: .utf8)
        let c = try Binary.run(["check", "main.grad"], directory: dir)
        #expect(c.status == 2, "\(c.stdout) \(c.stderr)")   // check exits 2 when statements fail
        #expect((c.stdout + c.stderr).contains("unknown name 'nosuch'"))
    }

    @Test(arguments: [["--timeout", "nan"], ["--timeout=-1"], ["--timeout", "0"], ["--timeout", "inf"]])
    func aTimeoutMustBeAPositiveNumberOfSeconds(_ flag: [String]) throws {
        let dir = Binary.temporaryDirectory()
        try "x = 1\n".write(to: dir.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run"] + flag + ["s.grad"], directory: dir)
        #expect(r.status != 0 && r.status != 1, "\(flag) accepted: \(r.stderr)")
        #expect(r.stderr.contains("--timeout must be a positive number of seconds"), "\(r.stderr)")
    }

    @Test func runOfAFolderSaysItIsAFolder() throws {
        let dir = Binary.temporaryDirectory()
        try "run \".\"\n".write(to: dir.appendingPathComponent("s.grad"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", "s.grad"], directory: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("'.' is a folder"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func resumeOfAFileThatIsNotAJournalSaysSo() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        try "hello\nworld\n".write(toFile: home.path + "/notjournal.txt", atomically: true, encoding: .utf8)
        let r = try Binary.run(["--resume", "notjournal.txt"], directory: URL(fileURLWithPath: home.path), environment: home.environment)
        #expect(r.status != 0)
        #expect(r.stderr.contains("'notjournal.txt' is not a gradbook journal"), "\(r.stdout) \(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains("cut off"))
    }
}

/// A SIGKILL while `--resume` restores: the new journal holds only the first cells, and the
/// next `--resume` used to take it (the newest) over the complete one.
@Suite(.enabled(if: GradbookBinary.path != nil, "no built gradbook next to the tests: run swift build first"))
struct ResumeKilledWhileRestoringTests {
    private func records(_ file: String) -> Int {
        ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").components(separatedBy: "\n#= cell ").count - 1
    }

    @Test func theCompleteJournalIsTakenAndSaysSo() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        let cells = 40
        let first = try PipedGradbook(binary: binary, home: home)
        // Cells slow enough (a few ms each) that a restore can be caught halfway.
        first.send((1...cells).map { "v\($0) = sum(matmul(randn(120, 120), randn(120, 120))) * 0 + \($0)" }.joined(separator: "\n") + "\n\"all in\"")
        #expect(first.waitFor("all in", timeout: 120), "\(first.text)")
        first.kill()
        let complete = try #require(home.journalFiles().first)
        #expect(records(home.journals + "/" + complete) == cells + 1)

        Thread.sleep(forTimeInterval: 1.1)   // a newer modification time for the partial journal
        let second = try PipedGradbook(binary: binary, arguments: ["--resume"], home: home)
        var partial: String?
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, partial == nil, !second.text.contains("restored") {
            partial = home.journalFiles().first { $0 != complete && records(home.journals + "/" + $0) >= 3 }
            Thread.sleep(forTimeInterval: 0.005)
        }
        second.kill()
        let cut = try #require(partial, "the restore ended before it could be killed:\n\(second.text)")
        let kept = records(home.journals + "/" + cut)
        try #require(kept < cells + 1, "the restore had finished")

        let third = try PipedGradbook(binary: binary, arguments: ["--resume"], home: home)
        third.send("v\(cells)")
        third.finish()
        let text = third.text
        #expect(text.contains("resuming \(complete) (\(cells + 1) cells): the newer \(cut) holds only its first"), "\(text)")
        #expect(text.contains("restored \(cells + 1) of \(cells + 1) cells"), "\(text)")
        #expect(text.contains("Out[\(cells + 2)]: \(cells).0000"), "\(text)")
        #expect(home.journalFiles().isEmpty, "journals left after a clean end: \(home.journalFiles())")
    }
}

/// Two prompts open at once, each saving its history after every cell:
/// without a lock, a save between the other's read and rename dropped entries.
@Suite(.serialized,
       .enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (apt-get install tmux)"),
       .enabled(if: GradbookBinary.path != nil, "no built gradbook next to the tests: run swift build first"))
struct ConcurrentHistoryTests {
    @Test func twoPromptsKeepEveryEntry() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        let cells = 150
        let terminals = try ["a", "b"].map { _ in try TmuxTerminal([binary], environment: home.environment, directory: home.path) }
        for t in terminals { #expect(t.waitFor("In [1]:"), "no first prompt:\n\(t.screen)") }
        // Both get their cells at once (each line ends with Enter; tmux hands the keys over and
        // returns), so their saves interleave.
        for (t, name) in zip(terminals, ["a", "b"]) {
            t.type((1...cells).map { "\(name)\($0) = \($0)\r" }.joined())
        }
        for t in terminals {
            #expect(t.waitUntil(timeout: 120) { $0.hasSuffix("In [\(cells + 1)]:") || $0.hasSuffix("In [\(cells + 1)]: ") }, "\(t.screen)")
        }
        let file = (try? String(contentsOfFile: home.path + "/history", encoding: .utf8)) ?? ""
        let entries = Set(file.split(separator: "\n").dropFirst())
        for name in ["a", "b"] {
            let kept = (1...cells).filter { entries.contains("\(name)\($0)\\040=\\040\($0)") }.count
            #expect(kept == cells, "\(name): \(kept) of \(cells) entries kept")
        }
    }
}
