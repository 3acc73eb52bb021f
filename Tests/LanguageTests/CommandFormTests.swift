import Testing
@testable import Language

/// Command form and call form give the same tree, apart from ranges and `commandForm`.
@Test(arguments: [
    ("fit model train epochs=10", "fit(model, train, epochs=10)"),
    ("fit model train epochs=10 quiet", "fit(model, train, quiet, epochs=10)"),
    ("backward L", "backward(L)"),
    ("chain loss model[0].W", "chain(loss, model[0].W)"),
    ("save \"f.grad\"", "save(\"f.grad\")"),
    ("compile model optimizer=adam(lr=0.001) loss=bce metrics=accuracy",
     "compile(model, optimizer=adam(lr=0.001), loss=bce, metrics=accuracy)"),
    ("step w lr=0.1", "step(w, lr=0.1)"),
    ("step w lr=-0.1", "step(w, lr=-0.1)"),
    ("step w lr=2^-3", "step(w, lr=2^-3)"),
    ("seed 3", "seed(3)"),
    ("precision 6", "precision(6)"),
    ("help fit", "help(fit)"),
    ("show [1, 2]", "show([1, 2])"),
    ("show (a + b)", "show(a + b)"),
    ("show x [0]", "show(x, [0])"),
    ("show x[0]", "show(x[0])"),
    ("show f(x) (y)", "show(f(x), y)"),
    ("show true false", "show(true, false)"),
    ("compare by_hand grad(w)", "compare(by_hand, grad(w))"),
    ("plot model.history", "plot(model.history)"),
    ("fit epochs=10", "fit(epochs=10)"),
    ("fit model epochs = 10", "fit(model, epochs=10)"),
    ("export model \"m.py\" format=pytorch", "export(model, \"m.py\", format=pytorch)"),
    ("gradcheck L p q", "gradcheck(L, p, q)"),
    ("f -x", "f - x"),   // not command form at all: a subtraction
])
func commandFormEqualsCallForm(command: String, call: String) {
    let a = parseComplete(command)
    let b = parseComplete(call)
    #expect(a.isEquivalent(to: b), "\(a.sexpr) ≢ \(b.sexpr)")
}

@Test func commandFormIsFlagged() {
    guard let expr = expression("fit model train epochs=10"), case .call(let call) = expr.kind else {
        Issue.record("not a call")
        return
    }
    #expect(call.commandForm)
    #expect(call.calleeName == "fit")
    #expect(call.arguments.count == 2)
    #expect(call.options.map(\.name.text) == ["epochs"])
    guard let plain = expression("fit(model, train, epochs=10)"), case .call(let other) = plain.kind else {
        Issue.record("not a call")
        return
    }
    #expect(!other.commandForm)
    #expect(expr != plain)                        // ranges and the flag differ…
    #expect(expr.isEquivalent(to: plain))         // …and nothing else
}

/// How the token after a statement's first name decides its form.
@Test(arguments: [
    ("x -1", "(- x 1)"),
    ("x - 1", "(- x 1)"),
    ("x * 2", "(* x 2)"),
    ("x ^ 2", "(^ x 2)"),
    ("x @ w", "(@ x w)"),
    ("x[1]", "(index x 1)"),
    ("x [1]", "(cmd x (list 1))"),
    ("f(x)", "(call f x)"),
    ("f (x)", "(cmd f x)"),
    ("f.T", "(. f T)"),
    ("f .T", "(. f T)"),
    ("x = 1", "(= x 1)"),
    ("a, b = s", "(= (a b) s)"),
    ("quit", "quit"),
    ("vars", "vars"),
    ("history", "history"),
    ("x y", "(cmd x y)"),
    ("x 1", "(cmd x 1)"),
    ("x \"s\"", "(cmd x \"s\")"),
    ("x true", "(cmd x true)"),
    ("x k=1", "(cmd x k=1)"),
    ("f(x) (y)", "(call (call f x) y)"),   // not a name first: no command form
    ("fit model train epochs=10 quiet", "(cmd fit model train quiet epochs=10)"),
    ("compile model optimizer=adam(lr=0.001)", "(cmd compile model optimizer=(call adam lr=0.001))"),
    ("compile model optimizer=adam (lr)", "(cmd compile model lr optimizer=adam)"),
    ("show x.T[0] y", "(cmd show (index (. x T) 0) y)"),
    ("step w lr=-0.1", "(cmd step w lr=(neg 0.1))"),
    ("step w lr=--0.1", "(cmd step w lr=(neg (neg 0.1)))"),
    ("show [1,\n 2]", "(cmd show (list 1 2))"),
])
func commandDisambiguation(source: String, expected: String) {
    #expect(dump(source) == expected)
}

@Test func commandFormInsideBlocks() {
    #expect(dump("repeat 10\n  step w lr=0.1\n  zero_grad w\nend")
        == "(repeat 10 (cmd step w lr=0.1) (cmd zero_grad w))")
}

@Test func commandFormRangeEndsAtTheLastArgument() {
    let source = SourceText("fit model epochs=10   # train")
    guard case .complete(let program) = Parser.parse(source) else {
        Issue.record("did not parse")
        return
    }
    #expect(source.text(in: program.statements[0].range) == "fit model epochs=10")
}
