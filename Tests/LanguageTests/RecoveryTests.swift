import Testing
@testable import Language

/// A syntax error costs only its own top-level statement: the parser recovers after the line,
/// or after the `end` of the block the error is in, and keeps every other statement.
struct RecoveryTests {
    /// What each top-level item is, in order: the statement's S-expression, or ✗ and the lines
    /// of a failure.
    private func shape(_ text: String) -> [String] {
        Parser.parseScript(SourceText(text)).items.map { item in
            switch item {
            case .statement(let s): s.strippingSource().sexpr
            case .failure(let f): "✗\(f.range.lines)"
            }
        }
    }

    @Test func aBadLineFailsAloneBetweenGoodOnes() {
        let items = shape("x = 1\ny = 3 + * 4\nz = 2")
        #expect(items.count == 3)
        #expect(items[1] == "✗2...2")
        #expect(items[0] == statement("x = 1")?.strippingSource().sexpr)
        #expect(items[2] == statement("z = 2")?.strippingSource().sexpr)
    }

    /// An error inside a block fails the whole block (running the rest of its body would be a
    /// different loop), and the statements after the block's `end` still parse.
    @Test func anErrorInABlockFailsTheBlockThroughItsEnd() {
        let items = shape("a = 1\nrepeat 2\n  b = *\n  c = 1\nend\nd = 4")
        #expect(items.count == 3)
        #expect(items[1] == "✗2...5")
        #expect(items[2] == statement("d = 4")?.strippingSource().sexpr)
    }

    /// A block whose header is wrong is skipped through its own `end` (nested blocks
    /// counted): its body does not run as top-level lines, and its `end` is no stray.
    @Test func aBadBlockHeaderSkipsTheBodyThroughItsEnd() {
        let items = shape("repeat 3 + * 4\n  x = 1\n  repeat 2\n    y = 2\n  end\nend\nz = 3")
        #expect(items.count == 2, "\(items)")
        #expect(items[0] == "✗1...6")
        #expect(items[1] == statement("z = 3")?.strippingSource().sexpr)
        let def = shape("def (a) do\n  a + 1\nend\nf2 = 1")
        #expect(def == ["✗1...3", statement("f2 = 1")?.strippingSource().sexpr ?? ""])
    }

    /// Every failed statement reports its errors; each failed statement counts on its own
    /// toward the cap, so a long file with many bad lines reports every one.
    @Test func everyFailedStatementReportsItsErrors() {
        let script = Parser.parseScript(SourceText("x = )\nok = 1\ny = 1 +\nrepeat 2\n  a = *\n  b = )\nend\nend"))
        #expect(script.incomplete == nil)
        #expect(script.failures.map { $0.diagnostics.map(\.range.start.line) } == [[1], [3], [5, 6], [8]])
        #expect(script.statements.count == 1)
        let many = String(repeating: "x = )\n", count: 45) + "fine = 1\n"
        let parsed = Parser.parseScript(SourceText(many))
        #expect(parsed.failures.count == 45)
        #expect(parsed.statements.count == 1)
    }

    /// Input that only stops too soon is still incomplete (the REPL asks for another line),
    /// but a real error before it makes the whole thing failed, not incomplete.
    @Test func incompleteStaysIncomplete() {
        #expect(Parser.parseScript(SourceText("x = 1\nrepeat 2\n  y = 1")).incomplete != nil)
        #expect(Parser.parseScript(SourceText("x = (1 +")).incomplete != nil)
        // A failed block header at the prompt is one error, not also "expected 'end'".
        #expect(parse("repeat 3 + * 4").diagnostics.count == 1)
        let mixed = Parser.parseScript(SourceText("x = *\nrepeat 2\n  y = 1"))
        #expect(mixed.incomplete == nil)
        #expect(mixed.failures.count == 2)
    }
}
