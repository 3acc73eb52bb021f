import Testing
@testable import Language

/// The one-word kind of a diagnostic (a notebook's `ename`).
struct DiagnosticKindTests {
    @Test(arguments: ["x = )", "x = 2x", "x = \"open", "end", "f(a=1, a=2)", "x = ∇"])
    func syntaxProblemsAreSyntaxErrors(_ source: String) {
        #expect(firstError(source)?.message.kind == "SyntaxError", "\(source)")
    }

    @Test func runtimeProblemsAreNamedByWhatWentWrong() {
        let cases: [(DiagnosticMessage, String)] = [
            (.unknownName("w2"), "NameError"),
            (.wrongArgumentKind(function: "fit", argument: "model", expected: "a model", got: "a tensor"), "TypeError"),
            (.invalidArgument(function: "fit", argument: "epochs", problem: "must be at least 1"), "ValueError"),
            (.indexOutOfRange(index: 3, count: 2, kind: "list", item: "item"), "IndexError"),
            (.tensorFailure("shapes [2] and [3]"), "TensorError"),
            (.fileFailure("cannot read"), "FileError"),
            (.interrupted, "Interrupted"),
        ]
        for (message, kind) in cases { #expect(message.kind == kind, "\(message)") }
    }
}
