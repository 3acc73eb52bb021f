import Testing
@testable import Language
@testable import Workbench

/// Every runtime message of the catalogue, produced by an input, with the caret where it belongs.
struct RuntimeDiagnosticCatalogueTests {
    struct Case: Sendable, CustomStringConvertible {
        let setup: String
        let input: String
        let message: String
        /// The text the caret line must underline (its first occurrence in the input).
        let underlined: String
        var description: String { input }
    }

    static let cases: [Case] = [
        Case(setup: "", input: "foo + 1", message: "unknown name 'foo'", underlined: "foo"),
        Case(setup: "x = 2", input: "x(3)", message: "'x' is a number, not a function", underlined: "x"),
        Case(setup: "", input: "eye(1, 2)", message: "eye takes 1 argument, got 2", underlined: "eye(1, 2)"),
        Case(setup: "", input: "sum(\"a\")", message: "sum: x must be a tensor or number, got a string", underlined: "\"a\""),
        Case(setup: "", input: "zeros(-1)", message: "zeros: dimension 1 must be at least 0, got -1", underlined: "-1"),
        Case(setup: "", input: "sum([1, 2], axes=0)", message: "sum has no option 'axes'", underlined: "axes"),
        Case(setup: "m = sequential(dense(1, input=1))", input: "m + 1", message: "cannot apply '+' to a model and a number", underlined: "m + 1"),
        Case(setup: "x = 2", input: "x.W", message: "a number has no member 'W'", underlined: "W"),
        Case(setup: "s = \"abc\"", input: "s[0]", message: "a string cannot be indexed", underlined: "s"),
        Case(setup: "m = sequential(dense(1, input=1))", input: "m[3]", message: "index 3 is out of range for a model of 1 layer", underlined: "3"),
        Case(setup: "", input: "a, b = 3", message: "two names need two values, got a number", underlined: "3"),
        Case(setup: "", input: "[1, relu]", message: "a list mixes numbers with other values", underlined: "[1, relu]"),
        Case(setup: "def f(a) = f(a)", input: "f(1)", message: "calls nested more than 200 deep", underlined: "f(1)"),
        Case(setup: "", input: "ones(2) @ ones(3)", message: "matmul: inner dimensions differ, [2] @ [3]", underlined: "ones(2) @ ones(3)"),
        Case(setup: "", input: "sequential(dense(2))", message: "dense_0 needs its input size: write input=N on the first layer", underlined: "sequential(dense(2))"),
        Case(setup: "", input: "dataset(\"mons\")", message: "no dataset named \"mons\"", underlined: "dataset(\"mons\")"),
        Case(setup: "", input: "load(\"/nonexistent/x.csv\")", message: "/nonexistent/x.csv", underlined: "load(\"/nonexistent/x.csv\")"),
        Case(setup: "", input: "undo", message: "undo: nothing to undo", underlined: "undo"),
    ]

    @Test(arguments: cases)
    func producesMessageWithCaret(_ c: Case) {
        let s = RecordingSession()
        if !c.setup.isEmpty { s.output(c.setup) }
        let error = s.error(c.input)
        #expect(error.contains(c.message), "got:\n\(error)")
        let lines = error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let sourceIndex = lines.firstIndex(of: "  " + c.input), sourceIndex + 1 < lines.count else {
            Issue.record("no quoted source line in:\n\(error)")
            return
        }
        let caret = lines[sourceIndex + 1]
        let column = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) } ?? -1
        let expected = c.input.range(of: c.underlined).map { c.input.distance(from: c.input.startIndex, to: $0.lowerBound) + 2 } ?? -2
        #expect(column == expected, "caret at \(column), expected \(expected):\n\(error)")
    }

    @Test func interruptedAndFileFailuresRender() {
        // .interrupted, .fileFailure and .commandFailed have texts of their own.
        #expect(DiagnosticMessage.interrupted.text == "interrupted")
        #expect(DiagnosticMessage.fileFailure("cannot read 'x'").text == "cannot read 'x'")
        #expect(DiagnosticMessage.commandFailed(command: "chain", problem: "no graph").text == "chain: no graph")
        #expect(DiagnosticMessage.hintValidOptions([]).text == "it takes no options")
    }
}
