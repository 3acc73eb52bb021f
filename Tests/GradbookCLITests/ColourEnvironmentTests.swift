import Foundation
import Testing

/// `NO_COLOR` and `TERM=dumb` turn colour off at a real terminal: plots (`hist`) print no
/// 256-colour escapes, while the same plot in the same terminal with colour allowed does.
@Suite(.serialized,
       .enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (apt-get install tmux): skipping"),
       .enabled(if: GradbookBinary.path != nil, "no built gradbook next to the tests: run swift build first"))
struct ColourEnvironmentTests {
    /// The screen after `hist` at a prompt started with `extra` in its environment.
    private func histScreen(_ extra: [String: String]) throws -> String {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        let t = try TmuxTerminal([binary], environment: home.environment.merging(extra) { $1 }, directory: home.path)
        #expect(t.waitFor("In [1]:"), "no first prompt:\n\(t.screen)")
        t.type("hist randn(500, seed=0)")
        t.press("Enter")
        #expect(t.waitFor("In [2]:"), "no second prompt:\n\(t.screen)")
        let screen = t.screenWithEscapes
        t.press("C-d")
        return screen
    }

    @Test func noColorAndDumbTerminalsGetNoPlotColours() throws {
        let coloured = "\u{1B}[38;5;"
        #expect(try histScreen([:]).contains(coloured), "colour allowed: the histogram should be coloured")
        let noColor = try histScreen(["NO_COLOR": "1"])
        #expect(!noColor.contains(coloured), "NO_COLOR=1:\n\(noColor.debugDescription.prefix(400))")
        #expect(noColor.contains("█"))
        let dumb = try histScreen(["TERM": "dumb"])
        #expect(!dumb.contains(coloured), "TERM=dumb:\n\(dumb.debugDescription.prefix(400))")
        #expect(dumb.contains("█"))
    }
}
