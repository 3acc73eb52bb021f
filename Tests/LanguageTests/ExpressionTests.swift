import Testing
@testable import Language

/// Golden dumps: one line of source, one S-expression.
@Test(arguments: [
    ("2", "2"),
    ("0.5", "0.5"),
    ("1e-3", "0.001"),
    ("1E+4", "10000"),
    ("\"f.grad\"", "\"f.grad\""),
    ("\"a\\\"b\\n\"", "\"a\\\"b\\n\""),
    ("true", "true"),
    ("false", "false"),
    ("θ", "θ"),
    ("[]", "(list)"),
    ("[1, 2]", "(list 1 2)"),
    ("[a, b, [c, d]]", "(list a b (list c d))"),
    ("[[1, 2], [3, 4],]", "(list (list 1 2) (list 3 4))"),
    ("-x", "(neg x)"),
    ("a + b", "(+ a b)"),
    ("a - b", "(- a b)"),
    ("a * b", "(* a b)"),
    ("a / b", "(/ a b)"),
    ("a @ b", "(@ a b)"),
    ("a ^ b", "(^ a b)"),
    ("f()", "(call f)"),
    ("f(x)", "(call f x)"),
    ("f(a, b, k=1, m=\"s\")", "(call f a b k=1 m=\"s\")"),
    ("f(k=1, a)", "(call f a k=1)"),
    ("f(a,)", "(call f a)"),
    ("model(x)", "(call model x)"),
    ("f(1)(2)", "(call (call f 1) 2)"),
    ("x[0]", "(index x 0)"),
    ("x[-1]", "(index x (neg 1))"),
    ("x[1, 2]", "(index x 1 2)"),
    ("x[:, 0]", "(index x (: _ _) 0)"),
    ("x[2:5]", "(index x (: 2 5))"),
    ("x[2:]", "(index x (: 2 _))"),
    ("x[:5]", "(index x (: _ 5))"),
    ("x[::2]", "(index x (: _ _ 2))"),
    ("x[1:9:2]", "(index x (: 1 9 2))"),
    ("x[1::]", "(index x (: 1 _))"),
    ("x[i + 1 : n - 1]", "(index x (: (+ i 1) (- n 1)))"),
    ("t.T", "(. t T)"),
    ("model[0].W", "(. (index model 0) W)"),
    ("model.history", "(. model history)"),
    ("data.x.shape", "(. (. data x) shape)"),
    ("f(x).grad[0]", "(index (. (call f x) grad) 0)"),
    ("(a)", "a"),
    ("((a + b))", "(+ a b)"),
])
func goldenExpression(source: String, expected: String) {
    #expect(dump(source) == expected)
}

/// Precedence and associativity, loosest to tightest: `+ -`, `* /`, `@`, unary `-`, `^`,
/// then postfix.
@Test(arguments: [
    ("a + b * c", "(+ a (* b c))"),
    ("a * b + c", "(+ (* a b) c)"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b / c", "(/ (/ a b) c)"),
    ("a - b + c", "(+ (- a b) c)"),
    ("a * b / c * d", "(* (/ (* a b) c) d)"),
    ("a*b@c", "(* a (@ b c))"),
    ("a@b*c", "(* (@ a b) c)"),
    ("a@b@c", "(@ (@ a b) c)"),
    ("a + b@c", "(+ a (@ b c))"),
    ("-x^2", "(neg (^ x 2))"),
    ("-x*y", "(* (neg x) y)"),
    ("-x@y", "(@ (neg x) y)"),
    ("--x", "(neg (neg x))"),
    ("a - -b", "(- a (neg b))"),
    ("a--b", "(- a (neg b))"),
    ("2^3^2", "(^ 2 (^ 3 2))"),
    ("2^-1", "(^ 2 (neg 1))"),
    ("2^-x^2", "(^ 2 (neg (^ x 2)))"),
    ("2^--1", "(^ 2 (neg (neg 1)))"),
    ("(2^3)^2", "(^ (^ 2 3) 2)"),
    ("-(a + b)", "(neg (+ a b))"),
    ("a^b.T", "(^ a (. b T))"),
    ("-x.T", "(neg (. x T))"),
    ("-f(x)[0]", "(neg (index (call f x) 0))"),
    ("x^2[0]", "(^ x (index 2 0))"),
    ("w*x + b", "(+ (* w x) b)"),
    ("2*(a - y) * a*(1 - a) * x", "(* (* (* (* 2 (- a y)) a) (- 1 a)) x)"),
    ("a + b * c ^ d @ e - f", "(- (+ a (* b (@ (^ c d) e))) f)"),
    ("x - 1", "(- x 1)"),
    ("x -1", "(- x 1)"),
    ("x-1", "(- x 1)"),
    ("x * 2", "(* x 2)"),
])
func precedence(source: String, expected: String) {
    #expect(dump(source) == expected)
}

@Test func whitespaceDoesNotMatterOutsideCommandForm() {
    for (a, b) in [("y = f (x)", "y = f(x)"), ("y = x [0]", "y = x[0]"), ("y=a+b*c", "y = a + b * c"),
                   ("y = model . history", "y = model.history"), ("y = f(\n  a,\n  b\n)", "y = f(a, b)")] {
        #expect(parseComplete(a).isEquivalent(to: parseComplete(b)), "\(a) ≢ \(b)")
    }
}

@Test func expressionRangesCoverTheirText() {
    let text = "y = -(a + b) * f(x, k=1)[0].T"
    let source = SourceText(text)
    guard case .complete(let program) = Parser.parse(source),
          case .assign(_, let value) = program.statements[0].kind,
          case .binary(.multiply, let lhs, let rhs) = value.kind else {
        Issue.record("unexpected parse")
        return
    }
    #expect(source.text(in: value.range) == "-(a + b) * f(x, k=1)[0].T")
    #expect(source.text(in: lhs.range) == "-(a + b)")
    #expect(source.text(in: rhs.range) == "f(x, k=1)[0].T")
    guard case .negate(let group) = lhs.kind, case .member(let base, let name) = rhs.kind,
          case .index(let call, let components) = base.kind, case .call(let c) = call.kind else {
        Issue.record("unexpected shape")
        return
    }
    #expect(source.text(in: group.range) == "(a + b)")   // the parentheses widen the range
    #expect(source.text(in: name.range) == "T")
    #expect(source.text(in: components[0].range) == "0")
    #expect(source.text(in: c.options[0].range) == "k=1")
    #expect(source.text(in: c.options[0].name.range) == "k")
    #expect(c.option("k") == Expr(.number(1), range: c.options[0].value.range))
    #expect(c.calleeName == "f")
}

@Test func sliceRangesCoverColons() {
    let source = SourceText("x[:, 1:, ::2]")
    guard case .complete(let program) = Parser.parse(source),
          case .expression(let expr) = program.statements[0].kind,
          case .index(_, let components) = expr.kind else {
        Issue.record("unexpected parse")
        return
    }
    #expect(components.map { String(source.text(in: $0.range)) } == [":", "1:", "::2"])
}

@Test func numbersDumpCompactly() {
    #expect(dump("1e20") == "1e+20")
    #expect(dump("1e16") == "1e+16")
    #expect(dump("123456789") == "123456789")
    #expect(dump("0.1") == "0.1")
}
