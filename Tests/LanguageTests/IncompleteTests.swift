import Testing
@testable import Language

/// Sources the REPL should answer with a continuation prompt.
@Test(arguments: [
    "x = (1 +",
    "x = (1 +\n",
    "x = (1 + 2",
    "x = (1 + 2\n",
    "f(a,",
    "f(a,\n  b",
    "x = [1, 2,",
    "x = [[1, 2],\n [3",
    "x[1:",
    "show (",
    "def f(a",
    "def f(a,\n",
    "repeat 3",
    "repeat 3\n",
    "repeat 3\n  x = x + 1",
    "repeat 3\n  x = x + 1\n",
    "repeat 3\n  x = (1 +",
    "repeat 3\n  repeat 2\n  end",
    "def f(a) do",
    "def f(a) do\n  y = a",
    "def f(a) do\n  repeat 2\n    y = a\n  end\n",
    "repeat 3  # comment\n",
    "x = 1\nrepeat 2",
])
func incomplete(source: String) {
    _ = incompleteDiagnostic(source)
}

/// Sources that no further line can fix: they fail at once.
@Test(arguments: [
    "x = 1 +",
    "x = 1 +\n",
    "x = (1 + * 2",
    "repeat",
    "def f(a)",
    "def f(a) =",
    "repeat 3\n  x = 1 +",
    "repeat 3\n  x = 1 +\n",
    "repeat 3 x = 1",
    "save \"f.grad",
    "x = )",
    "end",
    "x = (1 + 2]",
])
func failsRatherThanAskingForMore(source: String) {
    _ = firstError(source)
}

@Test func incompleteDiagnosticsSayWhatIsMissing() {
    let bracket = incompleteDiagnostic("x = (1 + 2")
    #expect(bracket?.message == .expectedClosing(")", opener: "(", found: .endOfInput))
    #expect(bracket?.notes == [Diagnostic.Note(.noteOpenedHere("("), at: bracket?.notes.first?.range)])
    #expect(bracket?.notes.first?.range?.start.column == 5)
    let block = incompleteDiagnostic("x = 1\nrepeat 3\n  x = x + 1")
    #expect(block?.message == .expectedEnd(block: "repeat", found: .endOfInput))
    #expect(block?.notes.first?.message == .noteBlockStartsHere("repeat"))
    #expect(block?.notes.first?.range?.start.line == 2)
    #expect(block?.range.start.line == 3 && block?.range.start.column == 12)   // at the end
    #expect(block?.range.isEmpty == true)
    #expect(incompleteDiagnostic("def f(a) do")?.message == .expectedEnd(block: "def", found: .endOfInput))
}

@Test func addingTheMissingLineCompletes() {
    var cell = ""
    for line in ["repeat 2", "  x = f(1,", "        2)", "end"] {
        if !cell.isEmpty { cell += "\n" }
        cell += line
        let outcome = parse(cell)
        if line == "end" {
            #expect(outcome.program?.statements.count == 1)
        } else {
            #expect(outcome.program == nil && outcome.diagnostics.count == 1, "after \(line.debugDescription)")
        }
    }
}
