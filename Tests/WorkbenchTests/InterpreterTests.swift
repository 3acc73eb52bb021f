import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// The language end to end: statements, values, command form, errors and transactions.
struct InterpreterTests {
    @Test func scalarsPrintWithFourDecimals() {
        let s = RecordingSession()
        #expect(s.output("2 + 3 * 4") == "14.0000")
        #expect(s.output("2^3^2") == "512.0000")           // right-associative
        #expect(s.output("-2^2") == "-4.0000")             // unary minus looser than ^
        #expect(s.output("1e-6") == "1.0000e-06")          // below 10^-4: scientific
        #expect(s.output("precision 2\n1/3") == "0.33")
    }

    /// docs/session-format.md's example, computed independently: σ(0.5·2 + 0.1) = σ(1.1); (σ − 1)² = 0.0624.
    @Test func specSessionExample() {
        let s = RecordingSession()
        let expected = Foundation.pow(1 / (1 + Foundation.exp(-1.1)) - 1, 2)
        #expect(String(format: "%.4f", expected) == "0.0624")
        #expect(s.output("w = param(0.5)\nL = (sigmoid(w*2 + 0.1) - 1)^2\nL") == "0.0624")
    }

    @Test func tensorsPrintNumPyStyle() {
        let s = RecordingSession()
        #expect(s.output("[[1, 2, 3], [4, 5, 6]]") == "tensor[2×3]\n[[1.0000, 2.0000, 3.0000],\n [4.0000, 5.0000, 6.0000]]")
        #expect(s.output("[-1, 0.5]") == "tensor[2]\n[-1.0000,  0.5000]")
        let long = s.output("arange(10)")
        #expect(long == "tensor[10]\n[0.0000, 1.0000, 2.0000, ..., 7.0000, 8.0000, 9.0000]")
    }

    /// Command form and call form are the same call.
    @Test func commandFormEqualsCallForm() {
        let a = RecordingSession(), b = RecordingSession()
        #expect(a.output("x = randn(3, seed=4)\nshow x") == b.output("x = randn(3, seed=4)\nshow(x)"))
        #expect(a.output("t = reshape(arange(6), 2, -1)\nt") == b.output("t = reshape(arange(6), 2, -1)\nt"))
    }

    @Test func assignmentLabelsTheGraph() {
        let s = RecordingSession()
        s.output("w = param(2)\nz = w * 3")
        #expect(s.session.workspace["z"]?.tensor?.node?.label == "z")
        #expect(s.session.workspace["w"]?.tensor?.node?.label == "w")
    }

    @Test func gradientsThroughTheLanguage() {
        let s = RecordingSession()
        s.output("w = param(0.5)\nL = (w*2 + 1)^2\nbackward L")
        #expect(s.output("grad(w)") == "8.0000")           // 2(2w + 1)·2 at w = 0.5
        #expect(s.output("w.grad") == "8.0000")
    }

    @Test func destructuringSplit() {
        let s = RecordingSession()
        s.output("data = dataset(\"moons\", n=100, seed=1)\ntrain, test = split(data, 0.8, seed=2)")
        #expect(s.output("train.count") == "80")
        #expect(s.output("test.count") == "20")
    }

    @Test func functionsHaveTheirOwnScope() {
        let s = RecordingSession()
        s.output("k = 10\ndef f(a) do\n  k2 = a * k\n  k2 + 1\nend")
        #expect(s.output("f(2)") == "21.0000")
        #expect(s.session.workspace["k2"] == nil)
        s.output("def sq(a) = a * a")
        #expect(s.output("sq(3)") == "9.0000")
    }

    @Test func repeatLoopsAssignWorkspaceNames() {
        let s = RecordingSession()
        s.output("w = 0\nrepeat 5\n  w = w + 2\nend")
        #expect(s.output("w") == "10.0000")
    }

    /// After an error the workspace, the random stream and the settings are as before.
    @Test func failedStatementsChangeNothing() {
        let s = RecordingSession()
        s.output("x = 1")
        let r1 = s.session.random
        _ = s.error("x = randn(2) + zeros(3)")
        #expect(s.output("x") == "1.0000")
        #expect(s.session.random.nextFloat() == { var r = r1; return r.nextFloat() }())
    }

    @Test func undoGoesBackOneChange() {
        let s = RecordingSession()
        s.output("x = 1\nx = 2\nshow x")
        s.output("undo")
        #expect(s.output("x") == "1.0000")
        s.output("undo")
        #expect(s.session.workspace["x"] == nil)
    }

    @Test func cellOutputsAreReferable() {
        let s = RecordingSession()
        s.output("3 * 3")
        #expect(s.output("_ + 1") == "10.0000")
        #expect(s.output("_1 * 2") == "18.0000")
    }

    @Test func bareFlagsBecomeOptions() {
        let s = RecordingSession()
        s.output("data = dataset(\"xor\", n=64, seed=0)\nm = sequential(dense(4, tanh, input=2), dense(1, sigmoid))\ncompile m optimizer=adam loss=bce")
        let outcomes = s.run("fit m data epochs=2 quiet")
        #expect(outcomes.first?.error == nil)
        // quiet: only the final line, not one per epoch.
        #expect(s.printed.count == 1 && s.printed.first?.hasPrefix("2 epochs: loss ") == true, "\(s.printed)")
        s.run("fit m data epochs=2")
        #expect(s.printed.count == 2)
    }
}
