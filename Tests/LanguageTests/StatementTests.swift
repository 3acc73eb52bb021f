import Testing
@testable import Language

@Test(arguments: [
    ("x = 2", "(= x 2)"),
    ("W1 = randn(10, 4, seed=0)", "(= W1 (call randn 10 4 seed=0))"),
    ("θ = θ - α*δ", "(= θ (- θ (* α δ)))"),
    ("a, b = split(data, 0.8)", "(= (a b) (call split data 0.8))"),
    ("train , test=split(data, 10000, seed=42)", "(= (train test) (call split data 10000 seed=42))"),
    ("x", "x"),
    ("quit", "quit"),
    ("L", "L"),
    ("2 + 2", "(+ 2 2)"),
    ("\"hello\"", "\"hello\""),
    ("[1, 2]", "(list 1 2)"),
    ("grad(w)", "(call grad w)"),
    ("def f(a, b) = a*b + 1", "(def f (a b) (+ (* a b) 1))"),
    ("def zero() = 0", "(def zero () 0)"),
    ("def g(a,) = a", "(def g (a) a)"),
])
func goldenStatement(source: String, expected: String) {
    #expect(dump(source) == expected)
}

@Test func blocks() {
    #expect(dump("repeat 3\n  x = x + 1\nend") == "(repeat 3 (= x (+ x 1)))")
    #expect(dump("repeat n*2\nend") == "(repeat (* n 2))")
    #expect(dump("""
    repeat 100
      L = (w*x - y)^2   # squared error
      backward L

      step w lr=0.1
    end
    """) == "(repeat 100 (= L (^ (- (* w x) y) 2)) (cmd backward L) (cmd step w lr=0.1))")
    #expect(dump("def f(a) do\n  y = a^2\n  y + 1\nend") == "(def f (a) (do (= y (^ a 2)) (+ y 1)))")
    #expect(dump("def f(a) do # square\n  a^2\nend") == "(def f (a) (do (^ a 2)))")
}

@Test func nestedBlocks() {
    let source = """
    def train(n) do
      repeat n
        repeat 2
          step w lr=0.1
        end
        def inner(v) = v + 1
      end
      w
    end
    x = 1
    """
    #expect(dump(source) == """
    (def train (n) (do (repeat n (repeat 2 (cmd step w lr=0.1)) (def inner (v) (+ v 1))) w))
    (= x 1)
    """)
}

@Test func statementRangesAndLines() {
    let text = "x = 1   # one\nrepeat 2\n  y = x\nend\n\nshow y"
    let source = SourceText(text)
    guard case .complete(let program) = Parser.parse(source) else {
        Issue.record("did not parse")
        return
    }
    #expect(program.statements.map { String(source.text(in: $0.range)) }
        == ["x = 1", "repeat 2\n  y = x\nend", "show y"])
    #expect(program.statements.map(\.range.lines) == [1...1, 2...4, 6...6])
    guard case .repeat(_, let body) = program.statements[1].kind else {
        Issue.record("not a repeat")
        return
    }
    #expect(source.text(in: body[0].range) == "y = x")
    #expect(body[0].range.start.column == 3)
}

@Test func destructuringNamesAndRanges() {
    let source = SourceText("a, b = f()")
    guard case .complete(let program) = Parser.parse(source),
          case .assign(let targets, _) = program.statements[0].kind else {
        Issue.record("unexpected parse")
        return
    }
    #expect(targets.map(\.text) == ["a", "b"])
    #expect(targets.map { String(source.text(in: $0.range)) } == ["a", "b"])
}

@Test func emptyAndCommentOnlySourcesAreComplete() {
    for text in ["", "\n\n", "   ", "# just a comment", "# a\n\n#> 1.0\n", "\r\n"] {
        #expect(parseComplete(text).statements.isEmpty)
    }
    #expect(parseComplete("# a\n#> b").comments.count == 2)
}

@Test func severalStatementsInOneCell() {
    #expect(parseComplete("x = 1\ny = 2\nx + y").statements.count == 3)
    #expect(parseComplete("x = 1\n\n\ny = 2\n").statements.count == 2)
}
