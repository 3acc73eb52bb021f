import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// Every differentiable built-in is explained and gradient-checked, and the list of them comes
/// from the registry: each built-in is called on params, and those whose result records an op
/// are the differentiable ones. A new op exposed as a built-in without an `explain` rule or a
/// finite-difference check fails here, saying what to add (see docs/extending.md).
struct DifferentiableBuiltinTests {
    /// The values a probe may pass: params of distinct values in (0, 1), away from every kink
    /// (relu, abs and max at 0) and inside every domain (log, sqrt, bce's probabilities), and
    /// constants for the targets.
    static let prelude = """
        p = param([[0.15, 0.62, 0.33], [0.48, 0.27, 0.81]])
        q = param([[0.71, 0.22, 0.55], [0.36, 0.9, 0.44]])
        m = param([[0.3, 0.8], [0.5, 0.2], [0.6, 0.4]])
        classes = [1, 0]
        img = param(reshape(linspace(0.05, 0.95, 32), 2, 1, 4, 4))
        ker = param(reshape([0.3, 0.7, 0.2, 0.9], 1, 1, 2, 2))
        r = param([[0.15, 0.62, 0.33], [0.48, 0.27, 0.81], [0.71, 0.22, 0.55], [0.36, 0.9, 0.44]])
        g = param([0.85, 0.4, 0.58])
        h = param([0.12, 0.45, 0.66])
        """

    /// The argument lists tried, in order, on each built-in: the first accepted call that
    /// records a node decides. A new built-in taking other arguments needs a line here.
    /// `r, g, h` is x with γ and β for the normalizations (4 rows: batchnorm needs 2 or more
    /// values per channel); `classes, m` is indices into a table for embedding.
    static let probeArguments = ["p", "p, q", "p, m", "p, classes", "p, 3, 2", "img, ker", "img, 2", "img",
                                 "r, g, h", "classes, m"]

    /// The categories where a built-in can be a differentiable function of tensors (the others
    /// train, plot, save or read files).
    static let probedCategories: Set<Builtin.Category> = [.tensors, .math, .models, .autodiff]

    /// A differentiable built-in (or operator) and the expression that records its op.
    struct Probe {
        let name: String
        let expression: String
        let arguments: [String]

        init(name: String, arguments: String) {
            self.name = name
            self.expression = "\(name)(\(arguments))"
            self.arguments = arguments.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }

        init(name: String, operator symbol: String) {
            self.name = name
            self.expression = "p \(symbol) q"
            self.arguments = ["p", "q"]
        }
    }

    /// The arithmetic operators, which `explain` knows by their ops' names.
    static let operators = [Probe(name: "add", operator: "+"), Probe(name: "subtract", operator: "-"),
                            Probe(name: "multiply", operator: "*"), Probe(name: "divide", operator: "/")]

    /// The built-ins of the registry whose result, called on params, records an op.
    static let probes = differentiableBuiltins() + operators

    private static func differentiableBuiltins() -> [Probe] {
        BuiltinRegistry.standard.all.filter { probedCategories.contains($0.category) }.compactMap { builtin in
            for arguments in probeArguments {
                let s = RecordingSession()
                s.run(prelude)
                let probe = Probe(name: builtin.name, arguments: arguments)
                let outcomes = s.run("y = \(probe.expression)")
                guard outcomes.allSatisfy({ $0.error == nil }), let node = s.tensor("y")?.node else { continue }
                if !node.isLeaf { return probe }
            }
            return nil
        }
    }

    @Test func theProbeFindsTheKnownOps() {
        let names = Set(Self.probes.map(\.name))
        for probe in Self.operators {
            let s = RecordingSession()
            s.run(Self.prelude)
            s.output("y = \(probe.expression)")
            #expect(s.tensor("y")?.node?.op.name == probe.name, "\(probe.expression) does not record \(probe.name)")
        }
        // A probe that found nothing would make every check below pass vacuously.
        for known in ["exp", "matmul", "sum", "concat", "mse", "cross_entropy", "reshape"] {
            #expect(names.contains(known), "the probe did not find \(known) differentiable")
        }
        for constant in ["argmax", "heaviside", "floor", "ceil", "round", "detach", "param", "shape"] {
            #expect(!names.contains(constant), "\(constant) records no op, yet the probe found one")
        }
    }

    @Test func everyDifferentiableBuiltinHasAnExplainRule() {
        let probes = Self.probes
        for probe in probes where ExplainRules.rule(named: probe.name) == nil {
            Issue.record("""
                \(probe.name) records an op but `explain \(probe.name)` knows nothing of it: add a Rule \
                (forward, derivative, note) for it to ExplainRules.all in Sources/Workbench/Teaching/ExplainRules.swift
                """)
        }
        let differentiable = Set(probes.map(\.name))
        for rule in ExplainRules.all where !differentiable.contains(rule.name) {
            Issue.record("""
                explain has a rule for \(rule.name), but no call in probeArguments makes \(rule.name) record an op: \
                add the arguments it takes to DifferentiableBuiltinTests.probeArguments (or remove the rule)
                """)
        }
    }

    /// Each differentiable built-in, through the language: L = Σ sin(f(p, …)) weighs every
    /// output element differently, and `gradcheck` compares backward with central differences
    /// of the replayed graph (so the op's replay is checked too).
    @Test func everyDifferentiableBuiltinPassesGradcheck() {
        for probe in Self.probes {
            let s = RecordingSession()
            s.run(Self.prelude)
            s.output("y = \(probe.expression)\nL = sum(sin(y))\nbackward L")
            // The params that receive a gradient (a loss's target is a constant).
            let params = probe.arguments.filter { s.tensor($0)?.grad != nil }
            let outcomes = s.run("gradcheck L \(params.joined(separator: " "))")
            let report = outcomes.map { $0.error ?? $0.transcript }.joined(separator: "\n")
            let passed = outcomes.allSatisfy { $0.error == nil } && report.contains("✓") && !report.contains("✗")
            #expect(passed, "gradcheck of \(probe.expression) failed: fix the op's pullback in Sources/Autodiff\n\(report)")
        }
    }

    /// The engine-level finite-difference checks (AutodiffTests/GradientCheckTests.swift) name
    /// each check after its built-in; every differentiable built-in must have one there, where
    /// it is checked on more shapes and axes than the probe's single call.
    @Test func everyDifferentiableBuiltinHasAnEngineGradientCheck() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("AutodiffTests/GradientCheckTests.swift")
        let source = try String(contentsOf: file, encoding: .utf8)
        for probe in Self.probes where !source.contains("check(\"\(probe.name)") {
            Issue.record("""
                \(probe.name) has no finite-difference check in Tests/AutodiffTests/GradientCheckTests.swift: \
                add check("\(probe.name) …", inputs) { x in … } there
                """)
        }
    }
}
