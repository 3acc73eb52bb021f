import Testing
@testable import Language

/// Comparisons, `and`/`or`/`not`, and the blocks `if`, `for`, `while` with `break`: their
/// trees, their precedence, their errors and their recovery.
struct ConditionsAndLoopsTests {
    @Test(arguments: [
        ("x == 5", "(== x 5)"),
        ("a != b", "(!= a b)"),
        ("x < 1", "(< x 1)"),
        ("x <= 1", "(<= x 1)"),
        ("x > 1", "(> x 1)"),
        ("x >= 1", "(>= x 1)"),
        ("x<=1", "(<= x 1)"),
        // comparisons bind more loosely than arithmetic
        ("a + 1 < b * 2", "(< (+ a 1) (* b 2))"),
        ("-x^2 >= 0", "(>= (neg (^ x 2)) 0)"),
        ("mean(argmax(p, axis=1) == y)", "(call mean (== (call argmax p axis=1) y))"),
        // or < and < not < comparisons
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("not a == b", "(not (== a b))"),
        ("not a and b", "(and (not a) b)"),
        ("not not a", "(not (not a))"),
        ("a < 1 or b > 2 and not c", "(or (< a 1) (and (> b 2) (not c)))"),
        ("x = a < b", "(= x (< a b))"),
        ("ok = true and false", "(= ok (and true false))"),
        ("(a < b) == (c < d)", "(== (< a b) (< c d))"),
        ("f(x > 0, y)", "(call f (> x 0) y)"),
    ])
    func operators(source: String, expected: String) {
        #expect(dump(source) == expected)
    }

    @Test func ifBlocks() {
        #expect(dump("if x > 1\n  y = 1\nend") == "(if ((> x 1) (= y 1)))")
        #expect(dump("if x\n  y = 1\nelse\n  y = 2\nend") == "(if (x (= y 1)) (else (= y 2)))")
        #expect(dump("if a\n  y = 1\nelse if b\n  y = 2\nelse if c\nelse\n  y = 3\n  z = 4\nend")
                == "(if (a (= y 1)) (b (= y 2)) (c) (else (= y 3) (= z 4)))")
        #expect(dump("if a\nend") == "(if (a))")
        #expect(dump("if a # why\n  b\nelse # otherwise\n  c\nend") == "(if (a b) (else c))")
    }

    @Test func loops() {
        #expect(dump("for i in 10\n  x = x + i\nend") == "(for i 10 (= x (+ x i)))")
        #expect(dump("for x in t[0]\nend") == "(for x (index t 0))")
        #expect(dump("for epoch in 10\n  for i in n\n    b = batch(train, 32, index=i)\n  end\nend")
                == "(for epoch 10 (for i n (= b (call batch train 32 index=i))))")
        #expect(dump("while n < 100\n  n = n * 2\nend") == "(while (< n 100) (= n (* n 2)))")
        #expect(dump("while true\n  break\nend") == "(while true (break))")
        #expect(dump("repeat 3\n  if x\n    break\n  end\nend") == "(repeat 3 (if (x (break))))")
        #expect(dump("for i in 3\n  def f(a) do\n    for j in 2\n      break\n    end\n    a\n  end\nend")
                == "(for i 3 (def f (a) (do (for j 2 (break)) a)))")
    }

    /// `help` takes a keyword or a comparison as the string of its spelling.
    @Test func helpOnKeywords() {
        #expect(dump("help if") == "(cmd help \"if\")")
        #expect(dump("help repeat") == "(cmd help \"repeat\")")
        #expect(dump("help break") == "(cmd help \"break\")")
        #expect(dump("help not") == "(cmd help \"not\")")
        #expect(dump("help <=") == "(cmd help \"<=\")")
        #expect(dump("help fit") == "(cmd help fit)")
    }

    @Test func incompleteBlocksAskForMoreLines() {
        #expect(incompleteDiagnostic("if x > 1\n  y = 1")?.message == .expectedEnd(block: "if", found: .endOfInput))
        #expect(incompleteDiagnostic("if x > 1\n  y = 1\nelse")?.message == .expectedEnd(block: "if", found: .endOfInput))
        #expect(incompleteDiagnostic("for i in 3") != nil)
        #expect(incompleteDiagnostic("while x\n  for i in 2\n    y = i\n  end") != nil)
    }

    @Test(arguments: [
        ExpectedDiagnostic(source: "if x > 1 y = 1\nend", message: .expectedLineBreak(after: "if x > 1", found: .name("y")),
                           column: 10, width: 1, hint: .hintBlockBody(keyword: "if")),
        ExpectedDiagnostic(source: "if x = 1\n  y = 2\nend", message: .expectedLineBreak(after: "if x", found: .equal),
                           column: 6, width: 1, hint: .hintCompareWithEquals),
        ExpectedDiagnostic(source: "while n = 1\nend", message: .expectedLineBreak(after: "while n", found: .equal),
                           column: 9, width: 1, hint: .hintCompareWithEquals),
        ExpectedDiagnostic(source: "for i 10\nend", message: .expectedToken(["in"], after: "for i", found: .number(10)),
                           column: 7, width: 2, hint: .hintForLoop("i")),
        ExpectedDiagnostic(source: "for 3 in x\nend", message: .expectedName(after: "for", found: .number(3)),
                           column: 5, width: 1),
        ExpectedDiagnostic(source: "x = 1\nelse", message: .misplacedElse, line: 2, column: 1, width: 4,
                           hint: .hintElsePlacement),
        ExpectedDiagnostic(source: "break", message: .breakOutsideLoop, column: 1, width: 5, hint: .hintBreakOutsideLoop),
        ExpectedDiagnostic(source: "if x\n  break\nend", message: .breakOutsideLoop, line: 2, column: 3, width: 5,
                           hint: .hintBreakOutsideLoop),
        ExpectedDiagnostic(source: "repeat 2\n  def f(a) do\n    break\n  end\nend", message: .breakOutsideLoop,
                           line: 3, column: 5, width: 5, hint: .hintBreakInFunction),
        ExpectedDiagnostic(source: "ok = 0 < x < 1", message: .chainedComparison(first: "<", second: "<"),
                           column: 12, width: 1, hint: .hintSplitComparison(first: "<", second: "<")),
        ExpectedDiagnostic(source: "ok = a == b != c", message: .chainedComparison(first: "==", second: "!="),
                           column: 13, width: 2, hint: .hintSplitComparison(first: "==", second: "!=")),
        ExpectedDiagnostic(source: "y = a + not b", message: .expectedExpression(after: "+", found: .keyword(.not)),
                           column: 9, width: 3, hint: .hintParenthesizeNot),
        ExpectedDiagnostic(source: "ok = !x", message: .unexpectedCharacter("!"), column: 6, width: 1, hint: .hintWriteNot),
        ExpectedDiagnostic(source: "ok = a && b", message: .unexpectedCharacter("&"), column: 8, width: 1, hint: .hintWriteAndOr),
        ExpectedDiagnostic(source: "if x\nelse\nelse\nend", message: .misplacedElse, line: 3, column: 1, width: 4,
                           hint: .hintElsePlacement),
    ])
    func errors(expected: ExpectedDiagnostic) {
        catalogueMessage(expected: expected)
    }

    /// A block with an error does not run, and costs only itself: its lines (and its `else`
    /// parts) are skipped through its `end`, and the statements around it parse.
    @Test func recoverySkipsTheWholeBlock() {
        let script = Parser.parseScript(SourceText("a = 1\nif x >\n  b = 2\nelse\n  c = 3\nend\nd = 4\nfor i in 2\n  e = *\nend\nf = 5"))
        #expect(script.statements.map(\.sexpr) == ["(= a 1)", "(= d 4)", "(= f 5)"])
        #expect(script.failures.count == 2)
        #expect(script.failures.map(\.range.start.line) == [2, 8])
        // An error in an `else if` condition fails the `if` as a whole, through its `end`.
        let elseIf = Parser.parseScript(SourceText("if a\n  b = 1\nelse if +\n  c = 2\nelse\n  d = 3\nend\ne = 4"))
        #expect(elseIf.statements.map(\.sexpr) == ["(= e 4)"])
        #expect(elseIf.failures.count == 1)
        #expect(elseIf.failures.first?.diagnostics.first?.range.start.line == 3)
    }

    /// Comparison tokens scan as one token each, and the old single `=` stays assignment.
    @Test func scanning() {
        let kinds = TokenScanner.scan(SourceText("a==b!=c<d<=e>f>=g=h")).tokens.map(\.kind)
        #expect(kinds == [.name("a"), .equalEqual, .name("b"), .notEqual, .name("c"), .less, .name("d"),
                          .lessEqual, .name("e"), .greater, .name("f"), .greaterEqual, .name("g"), .equal,
                          .name("h"), .endOfInput])
    }

    @Test(arguments: [
        (DiagnosticMessage.misplacedElse, "'else' without an 'if' to continue"),
        (.breakOutsideLoop, "'break' outside a loop"),
        (.chainedComparison(first: "<", second: "<="), "comparisons do not chain: '<=' after '<'"),
        (.hintSplitComparison(first: "<", second: "<="), "write a < b and b <= c"),
        (.hintCompareWithEquals, "compare with '==': '=' assigns"),
        (.hintForLoop("i"), "write for i in 10 (i = 0…9) or for i in t (each element of t)"),
        (.ambiguousTruthValue(construct: "'if'", shape: "[3]"), "'if' needs one truth value, got a tensor[3]: which of its elements?"),
    ])
    func wordingOfTheNewMessages(message: DiagnosticMessage, text: String) {
        #expect(message.text == text)
    }
}

/// The new messages have the kind a notebook shows (Python's names: a truth value of an
/// array is NumPy's ValueError).
@Test func kindsOfTheNewMessages() {
    #expect(DiagnosticMessage.misplacedElse.kind == "SyntaxError")
    #expect(DiagnosticMessage.breakOutsideLoop.kind == "SyntaxError")
    #expect(DiagnosticMessage.chainedComparison(first: "<", second: "<").kind == "SyntaxError")
    #expect(DiagnosticMessage.ambiguousTruthValue(construct: "'if'", shape: "[2]").kind == "ValueError")
}
