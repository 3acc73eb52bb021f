import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// The math by hand: step, compare, chain on a model, walk, graph, gradcheck, explain.
struct TeachingTests {
    /// step applies exactly θ − α·g, keeps the param (and its gradient), and prints the numbers.
    @Test func stepAppliesThetaMinusAlphaG() throws {
        let s = RecordingSession()
        s.output("w = param([1.5, -2, 0.25])\nL = sum(w * w)\nbackward L")
        let before = try #require(s.tensor("w")), g = try #require(before.grad)
        let text = s.output("step w lr=0.1")
        let after = try #require(s.tensor("w"))
        for i in 0..<3 { #expect(after.scalars[i] == before.scalars[i] - Float(0.1) * g.scalars[i]) }
        #expect(after.node === before.node)
        #expect(after.grad?.scalars == g.scalars)
        #expect(text.contains("w ← w − α·∂L/∂w   (α = 0.1)"))
        #expect(text.contains("w[0]: 1.5000 − 0.1 × 3.0000 = 1.2000"))
    }

    @Test func stepModelAndLargeTensorsSummarise() {
        let s = RecordingSession()
        s.output("data = dataset(\"moons\", n=32, seed=0)\nm = sequential(dense(8, relu, input=2), dense(1, sigmoid))\ncompile m optimizer=sgd loss=bce\nL = loss(m, data)\nbackward L")
        let before = s.session.workspace["m"].flatMap { if case .model(let m) = $0 { m.parameters.map(\.scalars) } else { nil } }
        let text = s.output("step m lr=0.5")
        #expect(text.contains("largest change"))
        let after = s.session.workspace["m"].flatMap { if case .model(let m) = $0 { m.parameters.map(\.scalars) } else { nil } }
        #expect(before != nil && after != nil && before! != after!)
        s.output("step m[0].b lr=0.5 quiet")
    }

    @Test func compareVerdictsAndGapLocation() {
        let s = RecordingSession()
        #expect(s.output("compare([1, 2, 3], [1, 2, 3.000001])").contains("✓ equal within tol 1e-05"))
        let e = s.output("compare([[1, 2], [3, 4]], [[1, 2], [3, 4.5]])")
        #expect(e.contains("✗ they differ by 0.5000 at [1, 1]"))
        // |a − b| ≤ t + t·|b|: 100.0009 vs 100 passes with t = 1e-5 (1e-5 + 1e-3 ≥ 9e-4).
        #expect(s.output("compare(100.0009, 100)").contains("✓"))
        #expect(s.output("compare(100.002, 100)").contains("✗"))
    }

    @Test func chainOnAModelShowsTheLayerRecurrence() {
        let s = RecordingSession()
        s.output("data = dataset(\"xor\", n=16, seed=0)\nm = sequential(dense(4, tanh, input=2), dense(1, sigmoid))\ncompile m optimizer=adam loss=bce\ntrain_step m data")
        let text = s.output("chain loss m[0].W")
        #expect(text.contains("δ₀ = (δ₁ · W₁ᵀ) ⊙ tanh′(z₀)"))
        #expect(text.contains("∂L/∂W₀ = data.xᵀ · δ₀"))
        #expect(text.contains("agree to float32 rounding ✓"))
    }

    @Test func graphDrawsAndWritesDot() throws {
        let s = RecordingSession()
        s.output("w = param(2)\nL = w * w + 1\nbackward L")
        let tree = s.output("graph L")
        #expect(tree.contains("L = w·w + 1"))
        #expect(tree.contains("w  param   value 2.0000   grad 4.0000"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gradbook-graph-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("g.dot").path
        s.output("graph L file=\"\(path)\"")
        let dot = try String(contentsOfFile: path, encoding: .utf8)
        #expect(dot.hasPrefix("digraph gradbook {") && dot.contains("->"))
    }

    @Test func gradcheckPassesOnExpressionsAndModels() {
        let s = RecordingSession()
        s.output("w = param([0.3, -0.7])\nb = param(0.2)\nL = sum(tanh(w * 3 + b)^2)\nbackward L")
        let e = s.output("gradcheck L w b")
        #expect(e.contains("✓") && !e.contains("✗"))
        s.output("data = dataset(\"moons\", n=64, seed=1)\nm = sequential(dense(8, relu, input=2), dense(1, sigmoid))\ncompile m optimizer=sgd loss=bce")
        let m = s.output("gradcheck m data")
        #expect(m.contains("Float64") && !m.contains("✗"))
    }

    /// Where both gradients are below what float32 differences resolve, gradcheck prints the
    /// absolute error and says so, not a relative error of 0.0e+00 (∂(w²)/∂w = 2w = 2e−10).
    @Test func gradcheckSaysWhichRuleJudgedTinyValues() {
        let s = RecordingSession()
        s.output("w = param(1e-10)\nL = w^2\nbackward L")
        let out = s.output("gradcheck L w")
        #expect(out.contains("abs ") && out.contains("✓") && !out.contains("✗"), "\(out)")
        #expect(out.contains("abs: both values are within what the differences resolve (w ≤ "), "\(out)")
        #expect(!out.contains("0.0e+00"), "\(out)")
        s.output("v = param(0.3)\nM = v^2\nbackward M")
        let ordinary = s.output("gradcheck M v")
        #expect(ordinary.contains("rel ") && !ordinary.contains("abs"), "\(ordinary)")
    }

    @Test func explainKnowsEveryDifferentiableBuiltin() {
        let s = RecordingSession()
        // Which built-ins are differentiable is derived from the registry in DifferentiableBuiltinTests;
        // the operators (add, …) are not built-ins, yet `explain add` names them as a word.
        for probe in DifferentiableBuiltinTests.probes {
            let text = s.output("explain \(probe.name)")
            #expect(text.contains("forward:") && text.contains("derivative:"), "explain \(probe.name): \(text)")
            #expect(s.output("explain(\"\(probe.name)\")") == text)
        }
        #expect(s.output("explain add").contains("y = a + b"))
        s.output("add = 3")
        #expect(s.output("explain add").contains("y = a + b"), "a variable of that name does not hide the op")
        #expect(s.error("help fitt").contains("did you mean fit?"))
        #expect(ExplainRules.rule(named: "sigmoid")?.derivative == "σ′(z) = σ(z)(1 − σ(z))")
        #expect(ExplainRules.rule(named: "nonsense") == nil)
        #expect(s.error("explain sigmod").contains("did you mean sigmoid?"))
    }

    @Test func walkRunsThroughInScripts() {
        let s = RecordingSession()
        s.output("w = param(0.5)\nL = sigmoid(w * 2)\nbackward L")
        let text = s.output("walk L")
        #expect(text.contains("step 1 of 2: L = σ(w·2)   [sigmoid]"))
        #expect(text.contains("step 2 of 2"))
    }
}
