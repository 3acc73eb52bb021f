import Foundation
import Testing
@testable import Workbench
import Matmul

/// Tab completion: every kind of word, from the text before the cursor.
struct CompletionTests {
    /// A session with a model, data and a few names, and a completer over it.
    private func completer(_ setup: String = """
        data = dataset("moons", n=64, seed=1)
        train, test = split(data, 0.75, seed=2)
        model = sequential(dense(4, relu, input=2), dense(1, sigmoid))
        compile model optimizer=adam loss=bce
        w = param(0.5)
        """, directory: String = NSTemporaryDirectory()) -> Completer {
        let s = RecordingSession()
        s.output(setup)
        return Completer(workspace: s.session.completionWorkspace, workingDirectory: directory, homeDirectory: "/nonexistent")
    }

    private func words(_ text: String, _ c: Completer) -> [String] { c.complete(text).candidates }

    @Test func builtinsAndNamesAtStatementStart() {
        let c = completer()
        #expect(words("summ", c) == ["summary"])
        #expect(words("fi", c) == ["fit"])
        #expect(words("mo", c) == ["model"])
        #expect(words("tr", c) == ["trace", "train", "train_step", "transpose"])
        #expect(words("rep", c) == ["repeat"])
        let all = words("", c)
        #expect(all.contains("fit") && all.contains("data") && all.contains("repeat"))
    }

    @Test func workspaceNamesInExpressions() {
        let c = completer()
        #expect(words("y = mod", c) == ["model"])
        #expect(words("L = (w*2 + te", c) == ["test"])
        #expect(words("show tr", c) == ["trace", "train", "train_step", "transpose", "true"])
        #expect(words("b = tr", c) == ["trace", "train", "train_step", "transpose", "true"])
    }

    /// The options of the built-in being called, in command form and in call form.
    @Test func optionsOfTheCommandBeingTyped() {
        let c = completer()
        #expect(words("fit model train ep", c) == ["epochs="])
        #expect(words("fit(model, train, ep", c) == ["epochs="])
        // After an option, only the remaining options (the positional arguments are done).
        #expect(words("fit model train epochs=10 ba", c) == ["batch="])
        #expect(words("fit model train ba", c) == ["backward", "batch", "batch=", "batchnorm"])   // built-ins and the option
        #expect(words("fit(model, train, epochs=3, s", c).contains("seed="))
        // An option already given is not offered again.
        #expect(!words("fit model train epochs=2 e", c).contains("epochs="))
        // After `=` comes a value, not another option.
        #expect(words("compile model optimizer=ad", c) == ["adam", "adamw"])
        // A nested call completes the inner built-in's options.
        #expect(words("fit model train validation=split(test, 0.5, se", c) == ["seed", "seed=", "sequential"])
        // Not a command: an assignment's right-hand side is an expression.
        #expect(!words("x = fit model train ep", c).contains("epochs="))
        // The completion replaces just the word.
        #expect(c.complete("fit model train ep").start == 16)
    }

    @Test func flags() {
        let c = completer()
        #expect(words("fit model train qu", c) == ["quiet", "quiet=", "quit"])   // flag, option, built-in
        #expect(words("fit(model, train, qu", c) == ["quiet", "quiet=", "quit"])
        #expect(words("fit model train ", c).contains("quiet"))
    }

    @Test func membersAfterADot() {
        let c = completer()
        #expect(words("model.", c) == ["history", "input", "layers", "output", "params"])
        #expect(words("model.hi", c) == ["history"])
        #expect(words("train.", c) == ["classes", "count", "features", "x", "y"])
        #expect(words("show w.g", c) == ["grad"])
        #expect(c.complete("show model.la").start == 11)
    }

    @Test func membersOfAnIndexedElement() {
        let c = completer()
        #expect(words("model[0].", c) == ["W", "activation", "b", "units"])
        #expect(words("model[-1].u", c) == ["units"])
        #expect(words("model[5].", c) == [])
        #expect(words("x = model[1].W", c) == ["W"])
    }

    /// Only a plain name or `name[i]` is looked into: anything else would need evaluating.
    @Test func noMembersOfComputedValues() {
        let c = completer()
        #expect(words("model.history.", c) == [])
        #expect(words("f(model).", c) == [])
        #expect(words("model[1:2].", c) == [])
        #expect(words("nothing_here.", c) == [])
    }

    @Test func filePathsInsideAString() throws {
        let root = NSTemporaryDirectory() + "completion-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/data/deep", withIntermediateDirectories: true)
        for f in ["data/train.csv", "data/test.csv", "data.txt", ".hidden", "my \"odd\".csv"] {
            _ = FileManager.default.createFile(atPath: root + "/" + f, contents: Data())
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        let c = completer(directory: root)
        #expect(words("load(\"da", c) == ["data.txt", "data/"])
        #expect(words("load(\"data/", c) == ["deep/", "test.csv", "train.csv"])
        #expect(words("load(\"data/tr", c) == ["train.csv"])
        #expect(c.complete("load(\"data/tr").start == 11)
        #expect(words("save \"", c) == ["data.txt", "data/", "my \\\"odd\\\".csv"])
        #expect(words("run \".h", c) == [".hidden"])
        #expect(words("load(\"" + root + "/data/te", c) == ["test.csv"])
        // After the string is closed, it is an argument again.
        #expect(!words("load(\"data.txt\", ", c).contains("data/"))
    }

    @Test func nothingInsideACommentOrANumber() {
        let c = completer()
        #expect(words("# fit mod", c) == [])
        #expect(words("x = 2 # the mo", c) == [])
        #expect(words("x = 1e", c) == [])
        #expect(words("save \"f.grad\"", c) == [])   // right after a string, no word starts
        #expect(words("show(x)", c) == [])
        // The next line of a cell is code again.
        #expect(words("# a note\nmod", c) == ["model"])
    }

    @Test func continuationLinesKeepTheirContext() {
        let c = completer()
        #expect(words("fit(model, train,\n    ep", c) == ["epochs="])
        #expect(words("repeat 3\n  fit model train ba", c).contains("batch="))
    }

    /// On a blank line of a `repeat` or `def` body, Tab indents; on a cell's first line it lists.
    @Test func tabIndentsABlankContinuationLine() {
        let c = completer()
        #expect(c.complete("repeat 3\n").candidates == ["  "])
        #expect(c.complete("repeat 3\n  ").candidates == ["  "])
        #expect(c.complete("").candidates.count > 50)
    }

    @Test func unicodeNames() {
        let c = completer("θ₁ = 1\nθ₂ = 2\nα = 0.1")
        #expect(words("θ", c) == ["θ₁", "θ₂"])
        #expect(c.complete("x = α + θ").start == 8)
        #expect(c.complete("x = α + θ").commonPrefix == "θ")
    }

    /// Hundreds of names: completing stays far below a keystroke's budget.
    @Test func instantWithHundredsOfNames() {
        let names = (0..<800).map { "weight_\($0)" }
        let c = Completer(workspace: CompletionWorkspace(names: names), workingDirectory: "/")
        // This thread's CPU time, not the wall clock: the suite runs in parallel on a shared
        // machine, and only the work done here should count against the limit.
        let start = ProcessClock.threadCPUNanoseconds()
        for _ in 0..<100 { _ = c.complete("fit model weight_1") }
        let perCall = Double(ProcessClock.threadCPUNanoseconds() - start) / 100 / 1e6
        #expect(c.complete("fit model weight_79").candidates.count == 11)
        #expect(perCall < 5, "one completion took \(perCall) ms")
    }

    @Test func commonPrefix() {
        #expect(Completion(start: 0, candidates: ["epochs=", "eps="]).commonPrefix == "ep")
        #expect(Completion(start: 0, candidates: []).commonPrefix == "")
    }
}
