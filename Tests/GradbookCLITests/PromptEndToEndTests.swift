import Foundation
import Testing

/// The real prompt in a real terminal (tmux): typing, completion, history across runs, Ctrl-C
/// during `fit` and at the prompt, and Ctrl-D with unsaved cells.
@Suite(.serialized,
       .enabled(if: TmuxTerminal.tmux != nil, "tmux is not installed (apt-get install tmux): skipping the prompt's end-to-end tests"),
       .enabled(if: GradbookBinary.path != nil, "no built gradbook next to the tests: run swift build first"))
struct PromptEndToEndTests {
    /// Types a line and presses Enter; then waits for the prompt of cell `next`.
    private func enter(_ line: String, in t: TmuxTerminal, next: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        t.type(line)
        t.press("Enter")
        #expect(t.waitUntil { $0.hasSuffix("In [\(next)]:") || $0.hasSuffix("In [\(next)]: ") },
                "no prompt In [\(next)] after `\(line)`:\n\(t.screen)", sourceLocation: sourceLocation)
    }

    /// The numbers of the last line that reports `loss: …` (from `evaluate`).
    private func lastLoss(_ screen: String) -> Double? {
        guard let line = screen.split(separator: "\n").last(where: { $0.hasPrefix("loss: ") }) else { return nil }
        return Double(line.dropFirst("loss: ".count).prefix { $0 != " " })
    }

    /// The step count of the progress bar on the last line (`epoch 1/100 ━━── 214/625 …`).
    private func stepsShown(in screen: String) -> Int? {
        guard let last = screen.split(separator: "\n").last, last.hasPrefix("epoch"),
              let slash = last.range(of: "/625") else { return nil }
        return Int(last[..<slash.lowerBound].reversed().prefix { $0.isNumber }.reversed().map(String.init).joined())
    }

    @Test func aSessionAtThePrompt() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        let t = try TmuxTerminal([binary], environment: home.environment, directory: home.path)
        #expect(t.waitFor("In [1]:"), "no first prompt:\n\(t.screen)")

        // A statement and its Out; Unicode names.
        enter("x = 2 + 3", in: t, next: 2)
        enter("θ = x * 2", in: t, next: 3)
        enter("θ", in: t, next: 4)
        #expect(t.screen.contains("Out[3]: 10.0000"))

        // Tab completes a command, a name and an option (command form).
        enter("data = dataset(\"classification\", n=20000, features=10, seed=0)", in: t, next: 5)
        enter("model = sequential(dense(64, relu, input=10), dense(1, sigmoid))", in: t, next: 6)
        enter("compile model optimizer=adam loss=bce", in: t, next: 7)
        enter("evaluate model data", in: t, next: 8)
        let before = try #require(lastLoss(t.screen), "no loss from evaluate:\n\(t.screen)")
        t.type("summ")
        t.press("Tab")
        #expect(t.waitUntil { $0.hasSuffix("In [8]: summary") }, "summ⇥:\n\(t.screen)")
        t.press("C-u")
        t.type("fi")
        t.press("Tab")
        t.type(" mod")
        t.press("Tab")
        t.type(" data ep")
        t.press("Tab")
        #expect(t.waitUntil { $0.hasSuffix("In [8]: fit model data epochs=") }, "fi⇥ mod⇥ data ep⇥:\n\(t.screen)")

        // Ctrl-C during fit stops it at a step and keeps the steps done.
        t.type("100")
        t.press("Enter")
        // Let it take a hundred steps or so (the progress bar shows `step/625`, or an epoch has
        // finished: an optimised build trains an epoch in well under a second), then Ctrl-C.
        #expect(t.waitUntil(timeout: 60) { (stepsShown(in: $0) ?? 0) >= 100 || $0.contains("epoch   1/100") },
                "fit shows no progress:\n\(t.screen)")
        t.press("C-c")
        #expect(t.waitFor("interrupted at epoch", timeout: 30), "fit was not interrupted:\n\(t.screen)")
        #expect(t.waitUntil { $0.hasSuffix("In [9]:") || $0.hasSuffix("In [9]: ") })
        enter("evaluate model data", in: t, next: 10)
        let after = try #require(lastLoss(t.screen))
        #expect(after < before - 0.05, "the model did not keep its training: loss \(before) → \(after)")

        // Ctrl-C at the prompt drops the line: had `junk` run, this would be cell 11.
        t.type("junk")
        t.press("C-c")
        enter("1 + 1", in: t, next: 11)
        #expect(t.screen.contains("Out[10]: 2.0000"))

        // Ctrl-D asks first when cells are unsaved; n stays, y quits.
        t.press("C-d")
        #expect(t.waitFor("are not saved. Quit anyway? [y/N]"), "Ctrl-D did not ask:\n\(t.screen)")
        t.type("n")
        t.press("Enter")
        #expect(t.waitUntil { $0.hasSuffix("In [11]:") || $0.hasSuffix("In [11]: ") })
        #expect(!t.hasExited)
        #expect(home.journalFiles().count == 1)
        t.press("C-d")
        t.type("y")
        t.press("Enter")
        #expect(t.waitUntil(timeout: 10) { _ in t.hasExited }, "gradbook did not quit:\n\(t.screen)")
        #expect(home.journalFiles().isEmpty, "a clean quit leaves no journal")

        // The next run recalls the last run's cells with Up (multi-line cells as one entry).
        let again = try TmuxTerminal([binary], environment: home.environment, directory: home.path)
        #expect(again.waitFor("In [1]:"))
        again.press("Up")
        #expect(again.waitUntil { $0.hasSuffix("In [1]: 1 + 1") }, "Up did not recall the last cell:\n\(again.screen)")
        again.press("Up")
        #expect(again.waitUntil { $0.hasSuffix("In [1]: evaluate model data") })
        again.press("C-u", "C-d")
        #expect(again.waitUntil(timeout: 10) { _ in again.hasExited }, "with no cells, Ctrl-D quits at once")
    }

    /// A session typed at a 100-column terminal — a `fit` stopped by Ctrl-C, random numbers
    /// drawn after it, a histogram, a `walk` stopped with q — saved, then checked by
    /// `gradbook check`, which replays it at 72 columns with no one at the keys: it passes.
    @Test func aSessionSavedAtThePromptPassesCheck() throws {
        let home = try ScratchHome()
        defer { home.remove() }
        let binary = try #require(GradbookBinary.path)
        let t = try TmuxTerminal([binary], environment: home.environment, directory: home.path)
        #expect(t.waitFor("In [1]:"), "no first prompt:\n\(t.screen)")
        enter("data = dataset(\"classification\", n=20000, features=10, seed=0)", in: t, next: 2)
        enter("model = sequential(dense(64, relu, input=10), dense(1, sigmoid))", in: t, next: 3)
        enter("compile model optimizer=adam loss=bce", in: t, next: 4)
        t.type("fit model data epochs=100")
        t.press("Enter")
        #expect(t.waitUntil(timeout: 60) { (stepsShown(in: $0) ?? 0) >= 50 || $0.contains("epoch   1/100") },
                "fit shows no progress:\n\(t.screen)")
        t.press("C-c")
        #expect(t.waitFor("interrupted at epoch", timeout: 30), "fit was not interrupted:\n\(t.screen)")
        #expect(t.waitUntil { $0.hasSuffix("In [5]:") || $0.hasSuffix("In [5]: ") })
        enter("rand(3)", in: t, next: 6)                       // the random stream after the stop
        enter("hist randn(300) bins=12", in: t, next: 7)       // drawn 100 columns wide here
        enter("w = param(0.5)", in: t, next: 8)
        enter("L = (sigmoid(w*2 + 0.1) - 1)^2", in: t, next: 9)
        enter("backward L", in: t, next: 10)
        t.type("walk L")
        t.press("Enter")
        #expect(t.waitFor("[Enter] next"), "walk did not pause:\n\(t.screen)")
        t.press("Enter")
        t.type("q")
        t.press("Enter")
        #expect(t.waitFor("stopped after step 2 of"), "walk did not stop:\n\(t.screen)")
        #expect(t.waitUntil { $0.hasSuffix("In [11]:") || $0.hasSuffix("In [11]: ") })
        enter("evaluate model data", in: t, next: 12)
        enter("save \"s.grad\"", in: t, next: 13)
        t.press("C-d")
        let saved = try String(contentsOfFile: home.path + "/s.grad", encoding: .utf8)
        #expect(saved.contains("interrupt_at "), "\(saved)")
        #expect(saved.contains("\nwalk L\n"), "\(saved)")
        let check = try Binary.run(["check", "s.grad"], directory: URL(fileURLWithPath: home.path))
        #expect(check.status == 0, "\(check.stdout)\n\(saved)")
        #expect(check.stdout.contains("every output matches ✓"), "\(check.stdout)")
    }
}
