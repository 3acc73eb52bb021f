import Foundation
import Testing

/// Nothing is lost: a session killed with SIGKILL comes back with `gradbook --resume`.
@Suite(.enabled(if: GradbookBinary.path != nil, "no built gradbook next to the tests: run swift build first"))
struct JournalRecoveryTests {
    @Test func everyCompletedCellSurvivesSIGKILL() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        let first = try PipedGradbook(binary: binary, home: home)
        first.send("""
            w = param([0.5, -1.5])
            x = [2, 1]
            oops + 1
            L = sum((w * x - 1)^2)
            repeat 5
              backward L
              step w lr=0.05 quiet
              L = sum((w * x - 1)^2)
            end
            L
            """)
        #expect(first.waitFor("Out[6]:"), "the cells did not run:\n\(first.text)")
        let saidBefore = first.text.components(separatedBy: "Out[6]: ").last?.prefix { $0 != "\n" } ?? ""
        first.kill()
        #expect(home.journalFiles().count == 1, "a killed session leaves its journal")

        let second = try PipedGradbook(binary: binary, arguments: ["--resume"], home: home)
        second.send("L\n_6\nw")
        second.finish()
        let text = second.text
        #expect(text.contains("restored 5 of 5 cells from"), "\(text)")
        #expect(text.contains("Out[7]: \(saidBefore)"), "L differs after resuming:\n\(text)")
        #expect(text.contains("Out[8]: \(saidBefore)"), "_6 is not cell 6's value:\n\(text)")
        #expect(home.journalFiles().isEmpty, "the restored journal and the resumed session's are both gone after a clean end")
    }

    @Test func resumeListsSeveralJournalsAndTakesTheNewest() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        for value in [1, 2] {
            let killed = try PipedGradbook(binary: binary, home: home)
            killed.send("v = \(value)\nv")
            #expect(killed.waitFor("Out[2]:"))
            killed.kill()
            Thread.sleep(forTimeInterval: 1.1)   // distinct modification times
        }
        let resumed = try PipedGradbook(binary: binary, arguments: ["--resume"], home: home)
        resumed.send("v")
        resumed.finish()
        #expect(resumed.text.contains("2 unfinished sessions in"), "\(resumed.text)")
        #expect(resumed.text.contains("resuming the newest"))
        #expect(resumed.text.contains("Out[3]: 2.0000"), "\(resumed.text)")
        #expect(home.journalFiles().count == 1, "the older journal stays for another --resume")

        let none = try PipedGradbook(binary: binary, arguments: ["--resume", "no-such.grad"], home: home)
        none.finish()
        #expect(none.process.terminationStatus != 0)
        #expect(none.text.contains("cannot read the journal 'no-such.grad'"))
    }
}
