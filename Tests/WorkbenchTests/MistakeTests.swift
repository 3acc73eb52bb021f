import Foundation
import Testing
import Autodiff
import NN
@testable import Language
@testable import Workbench
@testable import Datasets

/// First mistakes people make, and what they see: an error that says what to type instead
/// (with the caret under what they typed), or a command that just works.
struct MistakeTests {
    private func session() -> RecordingSession {
        let s = RecordingSession()
        s.output("""
            model = sequential(dense(1, sigmoid, input=2))
            train = dataset("xor", n=8, seed=0)
            x = [1, 2, 3]
            """)
        return s
    }

    /// The quoted input and a caret line under all of it.
    private func underlined(_ input: String) -> String {
        "  \(input)\n  ^" + String(repeating: "~", count: input.count - 1)
    }

    @Test(arguments: [
        ("model.summary()", "summary model"),
        ("model.fit(train, epochs=1)", "fit model train epochs=1"),
        ("model.evaluate(train)", "evaluate model train"),
        ("x.mean()", "mean(x)"),
        ("x.sum(axis=0)", "sum(x, axis=0)"),
        ("x.shape()", "x.shape"),
        ("len(train)", "train.count"),
        ("len(x)", "x.shape"),
        ("print(3)", "3"),
        ("print(\"hi\")", "\"hi\""),
    ])
    func otherLibrariesSpellingsGetGradbooks(_ input: String, _ rewrite: String) {
        let s = session()
        let e = s.error(input)
        #expect(e.contains("error: '\(input)' is another library's spelling"), "\(e)")
        #expect(e.contains("hint: gradbook writes this as `\(rewrite)`"), "\(e)")
        #expect(e.contains(underlined(input)), "\(e)")
    }

    @Test func aCallableMemberIsStillCalled() {
        let s = session()
        // The activation of a layer is a function: calling it is not a foreign spelling.
        #expect(s.output("model[0].activation(0)") == "0.5000")
        #expect(s.error("model.nothing()").contains("a model has no member 'nothing'"))
    }

    @Test func splitIntoOneNameIsAnError() {
        let s = session()
        let e = s.error("a = split(train, 0.5)")
        #expect(e.contains("error: split gives two values, and one name holds one"), "\(e)")
        #expect(e.contains("hint: name both: a, test = split(train, 0.5)"), "\(e)")
        #expect(e.contains("  a = split(train, 0.5)\n      ^~~~~~~~~~~~~~~~~\n"), "\(e)")
        #expect(s.session.workspace["a"] == nil)
        s.output("a, b = split(train, 0.5)")
        #expect(s.session.workspace["b"] != nil)
    }

    @Test(arguments: [
        ("compile model loss=msee", "compile: loss 'msee' is not a loss", "did you mean mse?", "loss=msee"),
        ("compile model optimizer=adm", "compile: optimizer 'adm' is not an optimizer", "did you mean adam?", "optimizer=adm"),
        ("compile model loss=bce metrics=acuracy", "compile: metrics 'acuracy' is not a metric", "did you mean accuracy?", "metrics=acuracy"),
        ("dense(2, \"relx\", input=2)", "dense: activation 'relx' is not an activation", "did you mean relu?", "\"relx\""),
    ])
    func misspelledChoicesGetDidYouMean(_ input: String, _ message: String, _ hint: String, _ under: String) {
        let s = session()
        let e = s.error(input)
        #expect(e.contains("error: \(message)"), "\(e)")
        #expect(e.contains("hint: \(hint)"), "\(e)")
        let column = input.distance(from: input.startIndex, to: input.range(of: under)!.lowerBound)
        #expect(e.contains("  \(input)\n  " + String(repeating: " ", count: column) + "^"), "\(e)")
    }

    @Test func showPrintsUpToNumPysThresholdAndAllOnRequest() {
        let s = RecordingSession()
        let thirty = s.output("show arange(0, 30, 1)")
        #expect(!thirty.contains("..."))
        #expect(thirty.contains("29.0000") && thirty.contains("14.0000"))
        // A cell's value still elides beyond 6, as the default print does.
        #expect(s.output("arange(0, 30, 1)").contains("..."))
        let big = s.output("show arange(0, 1001, 1)")
        #expect(big.contains("..."))
        let all = s.output("show arange(0, 1001, 1) all")
        #expect(!all.contains("..."))
        #expect(all.contains("500.0000") && all.contains("1000.0000"))
        #expect(s.output("show arange(0, 1000, 1)").contains("999.0000, ") == false)  // the last shown is last
        #expect(!s.output("show arange(0, 1000, 1)").contains("..."))
    }

    @Test func quietFitPrintsItsLastEpochInOneLine() {
        let setup = """
            data = dataset("xor", n=64, seed=0)
            m = sequential(dense(4, tanh, input=2), dense(1, sigmoid))
            compile m optimizer=adam loss=bce metrics=accuracy
            """
        let loud = RecordingSession(), quiet = RecordingSession()
        loud.output(setup)
        quiet.output(setup)
        let lines = loud.output("fit m data epochs=3 seed=1").split(separator: "\n")
        // `epoch 3/3  loss: 0.6931  accuracy: 0.5000` → the same figures on the quiet line.
        let last = lines.last.map(String.init) ?? ""
        let figures = last.split(separator: " ").filter { Double($0) != nil }
        #expect(figures.count == 2, "\(last)")
        let line = quiet.output("fit m data epochs=3 seed=1 quiet")
        #expect(line == "3 epochs: loss \(figures[0]) — accuracy \(figures[1])", "\(line)")
        #expect(quiet.output("fit m data epochs=1 seed=1 quiet").hasPrefix("1 epoch: loss "))
    }

    @Test func summaryUsesTheWorkspaceName() {
        let s = session()
        #expect(s.output("summary model").hasPrefix("Model: \"model\"\n"))
        #expect(s.output("summary sequential(dense(1, input=1))").hasPrefix("Model: \"sequential\"\n"))
    }

    @Test func argmaxPrintsWholeNumbers() {
        let s = RecordingSession()
        #expect(s.output("argmax([3, 9, 1])") == "1")
        #expect(s.output("argmax([[1, 5], [7, 2], [0, 3]], axis=1)") == "tensor[3]\n[1, 0, 1]")
        // Still a number to compute with.
        #expect(s.output("argmax([3, 9, 1]) + 1") == "2.0000")
        #expect(s.output("mean(argmax([[1, 5], [7, 2]], axis=1))") == "0.5000")
        // A name that holds indices, and a count of a comparison, print as whole numbers too.
        s.output("p = [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]")
        s.output("y = [1, 0, 0]")
        s.output("c = argmax(p, axis=1)")
        #expect(s.output("c") == "tensor[3]\n[1, 0, 1]")
        #expect(s.output("sum(c == y)") == "2")
        s.output("hits = sum(c == y)")
        #expect(s.output("hits") == "2")
        // A name assigned anew from something else prints as a float again.
        s.output("c = c / 2")
        #expect(s.output("c") == "tensor[3]\n[0.5000, 0.0000, 0.5000]")
    }

    @Test func undoAndClearSayWhatTheyDid() {
        let s = RecordingSession()
        s.output("w = 2")
        s.output("w = 3  # again")
        #expect(s.output("undo") == "undid cell 2: w = 3  # again (the workspace is as it was before it)")
        #expect(s.output("w") == "2.0000")
        #expect(s.output("clear") == "cleared the workspace: 1 name removed (undo brings them back)")
        s.output("a = 1\nb = 2")
        #expect(s.output("clear") == "cleared the workspace: 2 names removed (undo brings them back)")
        #expect(s.output("clear") == "the workspace was already empty")
    }

    @Test func rerunShowsItsValueAsTheCellsValue() {
        let s = RecordingSession()
        s.output("x = 5")
        s.output("x + 1")
        let outcome = s.run("rerun 2").last
        #expect(outcome?.valueText == "6.0000")
        #expect(outcome?.printed == "")
    }

    @Test func gradWithoutBackwardNamesAValueThatDependsOnIt() {
        let s = RecordingSession()
        s.output("w = param(0.5)\nv = param(2)\nL = (w*2 - 1)^2\nbig = w * ones(3)")
        let e = s.error("grad(w)")
        #expect(e.contains("hint: run backward L first (L is computed from it)"), "\(e)")
        #expect(s.error("w.grad").contains("run backward L first (L is computed from it)"))
        // Nothing in the workspace depends on v: the generic advice.
        #expect(s.error("grad(v)").contains("hint: run backward L first, where L is a number computed from it"))
    }

    @Test func statsPercentagesHaveOneDecimal() {
        let s = RecordingSession()
        // 2 of 3 are zeros: 66.666…% → 66.7%.
        #expect(s.output("stats [0, 0, 1]").contains("zeros 2 (66.7%)"))
        s.output("precision 6")
        #expect(s.output("stats zeros(30)").contains("zeros 30 (100.0%)"))
    }

    @Test func helpWrapsAtSpacesWithinTheWidth() {
        let overview = HelpText.overview(.standard)
        for width in [40, 72, 120] {
            let wrapped = HelpText.wrap(overview, width: width)
            let lines = wrapped.split(separator: "\n")
            // Only a word longer than the width may pass it.
            #expect(lines.allSatisfy { $0.count <= width || !$0.trimmingCharacters(in: .whitespaces).contains(" ") })
            // Every word is whole and in order: wrapping only moved spaces.
            #expect(wrapped.split(whereSeparator: \.isWhitespace) == overview.split(whereSeparator: \.isWhitespace))
        }
        #expect(HelpText.wrap("  aaa bbb ccc", width: 9) == "  aaa bbb\n    ccc")
    }

    @Test func tabAfterAnOptionOffersTheRemainingOptions() {
        let s = session()
        s.output("compile model optimizer=adam loss=bce")
        let completer = Completer(workspace: s.session.completionWorkspace, homeDirectory: "/nonexistent")
        let after = completer.complete("fit model train epochs=5 ").candidates
        #expect(after.contains("batch=") && after.contains("quiet"))
        #expect(!after.contains("epochs=") && !after.contains("train") && !after.contains("zeros"))
        #expect(completer.complete("fit model train epochs=5 ba").candidates == ["batch="])
        // Before any option, names are offered as well (the data argument).
        #expect(completer.complete("fit model ").candidates.contains("train"))
    }

    @Test func aCSVWithoutHeaderSaysHeaderFalse() throws {
        let folder = TemporaryFolder("noheader")
        let path = folder.file("rows.csv")
        try "1;2;0\n3;4;1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let s = RecordingSession()
        let e = s.error("d = load(\"\(path)\")")
        #expect(e.contains("the first row (1, 2, 0) is all numbers: a header row names the columns"), "\(e)")
        #expect(e.contains("hint: if the file has no header row, write header=false: the columns are then named c0, c1, …"), "\(e)")
        #expect(s.output("d = load(\"\(path)\", header=false)\nd") == "dataset: 2 rows × 2 features → c2 [2]")
    }

    @Test func runAtATerminalShowsEachStatementWithItsComments() throws {
        let folder = TemporaryFolder("echo")
        let path = folder.file("lesson.grad")
        try "# gradbook 0.1 session, saved 2026-11-28\n# the input\nx = 2\nx * 3\n#> 6.0000\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        final class Box: @unchecked Sendable { var lines: [String] = [] }
        let box = Box()
        let session = Session(environment: SessionEnvironment(isTerminal: true, emit: { box.lines.append($0) }))
        let outcome = session.run("run \"\(path)\"").last
        #expect(box.lines == ["# the input\nIn [1]: x = 2", "In [2]: x * 3", "6.0000"], "\(box.lines)")
        // The transcript (what save writes) holds the outputs alone.
        #expect(outcome?.printed == "6.0000")
    }
}

/// Counted nouns: one helper, and the messages that count read right for 0, 1 and 2.
struct PluralTests {
    @Test func countsAndNouns() {
        #expect(Plural.count(1, "layer") == "1 layer")
        #expect(Plural.count(0, "layer") == "0 layers")
        #expect(Plural.count(2, "index") == "2 indices")
        #expect(Plural.count(1, "index") == "1 index")
        #expect(Plural.count(3, "class") == "3 classes")
    }

    @Test(arguments: [0, 1, 2])
    func messagesThatCountReadRight(_ n: Int) {
        let texts = [
            DiagnosticMessage.indexOutOfRange(index: 5, count: n, kind: "model", item: "layer").text,
            DiagnosticMessage.indexOutOfRange(index: 5, count: n, kind: "list", item: "item").text,
            "\(Autodiff.TensorError.tooManyIndices(count: n + 1, rank: n))",
            "\(Datasets.DataError.batchIndexOutOfRange(index: 5, batches: n))",
            "\(Datasets.DataError.classOutOfRange(index: 0, value: 7, classes: n + 1))",
        ]
        for text in texts {
            #expect(text.range(of: #"\b1 (layers|items|indices|batches|classes|rows|values|cells|plots|epochs|names)\b"#, options: .regularExpression) == nil, "\(text)")
            #expect(!text.contains("..<"), "\(text)")
            #expect(!text.contains("of layers of"), "\(text)")
        }
        let s = RecordingSession()
        s.output("m = sequential(" + Array(repeating: "dense(1, input=1)", count: max(n, 1)).joined(separator: ", ") + ")")
        let listing = s.output("vars")
        #expect(listing.contains(Plural.count(max(n, 1), "layer") + ","), "\(listing)")
    }
}
