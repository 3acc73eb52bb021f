import Testing
@testable import Language

/// Renders the diagnostics of `text` in `style`.
func rendered(_ text: String, name: String = "<input>", style: DiagnosticRenderer.Style = .repl) -> String {
    let source = SourceText(text, name: name)
    return DiagnosticRenderer(style: style).render(Parser.parse(source).diagnostics, in: source)
}

@Test func replStyleDrawsLineCaretNotesAndHint() {
    #expect(rendered("x = (1 + 2") == """
    error: expected ')' to close '(', found end of input
      x = (1 + 2
                ^
    note: '(' is opened here
      x = (1 + 2
          ^
    """)
    #expect(rendered("y = 2x + 1") == """
    error: malformed number '2x'
      y = 2x + 1
          ^~
    hint: write 2*x for a product
    """)
}

@Test func fileStyleStartsWithFileLineColumn() {
    #expect(rendered("x = 1\nsave \"f.grad", name: "s.grad", style: .file) == """
    s.grad:2:6: error: unterminated string
      save "f.grad
           ^~~~~~~
    hint: close it with '"' on the same line; write \\n for a line break inside a string
    """)
    #expect(rendered("f(a=1,\n  a=2)", name: "t.grad", style: .file) == """
    t.grad:2:3: error: option 'a' is given twice
        a=2)
        ^
    t.grad:1:3: note: 'a' is first given here
      f(a=1,
        ^
    """)
}

@Test func caretsLineUpUnderUnicodeAndTabs() {
    #expect(rendered("θ = α * ∇J") == """
    error: unexpected character '∇'
      θ = α * ∇J
              ^
    hint: '∇' is a symbol, not a letter: names use letters, digits and '_'
    """)
    #expect(rendered("x̂ = \"é\\q\"") == """
    error: unknown escape '\\q' in a string
      x̂ = "é\\q"
            ^~
    hint: the escapes are \\" \\\\ \\n and \\t
    """)
    #expect(rendered("repeat 2\n\tx = )\nend") == """
    error: expected an expression after '=', found ')'
      \tx = )
      \t    ^
    """)
}

@Test func spansOverSeveralLinesMarkTheFirstLine() {
    let source = SourceText("def f(a) do\nend")
    let diagnostic = Diagnostic.error(.emptyFunctionBody("f"), at: source.range(of: 0..<15))
    #expect(DiagnosticRenderer().render(diagnostic, in: source) == """
    error: the body of 'f' is empty: a function's value is its last statement
      def f(a) do
      ^~~~~~~~~~~
    """)
}

@Test func positionsAtTheEndOfALineGetOneCaret() {
    #expect(rendered("x = 1 +\ny = 2") == """
    error: expected an expression after '+', found end of line
      x = 1 +
             ^
    """)
}

@Test func diagnosticsWithoutSourceOrRangeStillRender() {
    let source = SourceText("")
    let diagnostic = Diagnostic(.warning, .unmatchedEnd, at: SourceRange(at: SourceLocation(offset: 40, line: 9, column: 3)),
                                hint: .hintDidYouMean(["fit"]), notes: [Diagnostic.Note(.hintSimplify)])
    #expect(DiagnosticRenderer(style: .file).render(diagnostic, in: source) == """
    <input>:9:3: warning: 'end' without a block to close
    <input>: note: break it into steps with intermediate names
    hint: did you mean fit?
    """)
}

@Test func colourWrapsLabelsAndCarets() {
    let source = SourceText("end")
    let text = DiagnosticRenderer(usesColor: true).render(parse("end").diagnostics[0], in: source)
    #expect(text == "\u{1B}[1;31merror:\u{1B}[0m 'end' without a block to close\n  end\n  \u{1B}[1;32m^~~\u{1B}[0m")
}

@Test func severalDiagnosticsRenderInOrder() {
    let text = rendered("x = )\ny = )")
    #expect(text.split(separator: "\n").filter { $0.hasPrefix("error:") }.count == 2)
}
