import Foundation
import Testing

/// The prompt at its limits, in a real terminal (tmux): a line too long for libedit's
/// completion, Ctrl-C during a long check, and a second Ctrl-C for a statement that does not stop.
@Suite(.serialized,
       .enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (apt-get install tmux): skipping the prompt's end-to-end tests"),
       .enabled(if: GradbookBinary.path != nil, "no built gradbook next to the tests: run swift build first"))
struct PromptLimitsTests {
    private func enter(_ line: String, in t: TmuxTerminal, next: Int, timeout: Double = 30,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        t.type(line)
        t.press("Enter")
        #expect(t.waitUntil(timeout: timeout) { $0.hasSuffix("In [\(next)]:") || $0.hasSuffix("In [\(next)]: ") },
                "no prompt In [\(next)] after `\(line)`:\n\(t.screen.suffix(2000))", sourceLocation: sourceLocation)
    }

    /// Tab twice after a 175,000-character line once segfaulted inside libedit's rl_complete.
    @Test func tabOnAVeryLongLineIsIgnored() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let t = try TmuxTerminal([try #require(GradbookBinary.path)], environment: home.environment, directory: home.path)
        #expect(t.waitFor("In [1]:"), "no first prompt:\n\(t.screen)")
        try t.paste(String(repeating: "x", count: 175_000), scratch: home.path)
        Thread.sleep(forTimeInterval: 3)
        t.press("Tab", "Tab")
        Thread.sleep(forTimeInterval: 3)
        #expect(!t.hasExited, "gradbook ended:\n\(t.screen.suffix(1500))")
        t.press("C-u")
        enter("1 + 1", in: t, next: 2)
        #expect(t.screen.contains("Out[1]: 2.0000"), "\(t.screen.suffix(600))")
        // Completion still works on an ordinary line.
        t.type("summ")
        t.press("Tab")
        #expect(t.waitUntil { $0.hasSuffix("In [2]: summary") }, "summ⇥:\n\(t.screen.suffix(600))")
    }

    /// Ctrl-C stops `gradcheck` between positions, and what was checked is reported.
    @Test func ctrlCStopsALongGradcheck() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let t = try TmuxTerminal([try #require(GradbookBinary.path)], environment: home.environment, directory: home.path)
        #expect(t.waitFor("In [1]:"), "no first prompt:\n\(t.screen)")
        enter("w = param(randn(1000, 1000, seed=1))", in: t, next: 2)
        enter("L = sum(w^2)", in: t, next: 3)
        t.type("gradcheck L w samples=4096")
        t.press("Enter")
        Thread.sleep(forTimeInterval: 3)
        t.press("C-c")
        #expect(t.waitUntil(timeout: 30) { $0.hasSuffix("In [4]:") || $0.hasSuffix("In [4]: ") }, "\(t.screen.suffix(1500))")
        #expect(t.screen.contains("stopped by Ctrl-C"), "\(t.screen.suffix(1500))")
        #expect(!t.screen.contains("restarting"))
    }

    /// A statement that does not poll for Ctrl-C (here long matrix products) ends at a second
    /// Ctrl-C within a second; the session comes back from its journal and the prompt goes on.
    @Test func aSecondCtrlCEndsAStuckStatementAndKeepsTheSession() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let t = try TmuxTerminal([try #require(GradbookBinary.path)], environment: home.environment, directory: home.path)
        #expect(t.waitFor("In [1]:"), "no first prompt:\n\(t.screen)")
        enter("k = 42", in: t, next: 2)
        enter("a = randn(3000, 3000, seed=2)", in: t, next: 3)
        t.type("b = a @ a @ a @ a @ a @ a @ a @ a @ a @ a @ a @ a @ a @ a @ a @ a")
        t.press("Enter")
        Thread.sleep(forTimeInterval: 2)
        t.press("C-c", "C-c")
        #expect(t.waitFor("restarting the session from its journal", timeout: 20), "\(t.screen.suffix(1500))")
        #expect(t.waitFor("restored 2 of 2 cells", timeout: 60), "\(t.screen.suffix(1500))")
        #expect(t.waitUntil(timeout: 30) { $0.hasSuffix("In [3]:") || $0.hasSuffix("In [3]: ") }, "\(t.screen.suffix(1500))")
        enter("k + 1", in: t, next: 4)
        #expect(t.screen.contains("Out[3]: 43.0000"), "\(t.screen.suffix(800))")
        #expect(!t.hasExited)
    }
}
