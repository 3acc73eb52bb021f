import Foundation
import Autodiff
import Language
import NN
import Interop

/// The math by hand: the chain rule with numbers, a gradient step, a comparison with
/// autodiff, backprop one node at a time, the forward pass, the graph, gradient checks, rules.
extension Builtins {
    static let teaching: [Builtin] = [
        Builtin("chain", .teaching, signature: "chain(L, p, paths=32)",
                summary: "∂L/∂p by the chain rule: every path from L to p (paths= lists at most 1000), each local derivative as a formula and a number, checked against autodiff on the sum over all paths. For a model's param (dense, conv2d, batchnorm, layernorm, embedding), the backprop recurrence down to its layer, one row per layer with shapes, checked.",
                example: "chain L w", options: ["paths"]) { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let (l, lossName) = try inv.lossArgument(0)
            let p = try inv.tensor(1, "p")
            guard let root = l.node, let target = p.node else { throw inv.failure("\(inv.text(1)) is a constant: it has no gradient") }
            let maxPaths = try inv.optionInteger("paths", default: 32, minimum: 1, maximum: ChainRule.maxListedPaths)
            guard Tensor.topologicalOrder(from: root).contains(where: { $0 === target }) else {
                if case .builtin("loss") = inv.value(0) {
                    throw inv.failure("the last loss (of the last fit or train_step) does not depend on \(inv.text(1)): its model was not trained since",
                                      hint: "train that model first (train_step or fit), then chain loss \(inv.text(1))")
                }
                throw inv.failure("\(lossName) does not depend on \(inv.text(1))")
            }
            let chain = try inv.teachingGraph { () throws(TensorError) in
                try l.chainRule(to: p, maxPaths: maxPaths, shouldStop: { inv.session.interruptPending() })
            }
            let names = GraphNames(root: root, session: inv.session)
            let paramName = target.label ?? inv.text(1)
            inv.print(ChainReport(names: names, numbers: inv.session.numberFormat, lossName: lossName, paramName: paramName)
                .render(chain, param: p))
            if let recurrence = LayerRecurrence.render(root: root, param: target, names: names)
                ?? LayerPathRecurrence(names: names, numbers: inv.session.numberFormat).render(root: root, param: target) {
                inv.print(recurrence.joined(separator: "\n"))
            }
            return .nothing
        },
        Builtin("step", .teaching, signature: "step(p, lr=α, quiet) or step(model, lr=α)",
                summary: "θ ← θ − α·∇J(θ), printed with the numbers (unless quiet), then applied (gradients are kept).",
                example: "step w lr=0.1", options: ["lr"], flags: ["quiet"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            guard let lr = try inv.optionNumber("lr") else { throw inv.invalid("lr", "is required", hint: "step w lr=0.1") }
            let report = StepReport(numbers: inv.session.numberFormat)
            let quiet = try inv.optionBool("quiet", default: false)
            if case .model(var model) = inv.value(0) {
                var updated: [Tensor] = []
                for ((name, p), trains) in zip(model.namedParameters, model.trainableFlags) {
                    guard trains else { updated.append(p); continue }  // moving statistics: fit and train_step set them
                    guard let g = p.grad else { throw inv.failure("\(name) has no gradient yet", hint: "run backward on a loss of the model first") }
                    let next = try inv.tensors { () throws(TensorError) in try p.detached - g * Float(lr) }
                    if !quiet { inv.print(report.render(name: name, theta: p, gradient: g, lr: lr, updated: next)) }
                    updated.append(next)
                }
                try inv.models { () throws(NNError) in try model.setParameterValues(updated) }
                inv.session.markChanged(model.parameters, by: "step")
                inv.storeBack(0, .model(model))
                return .nothing
            }
            let p = try inv.tensor(0, "p")
            guard let node = p.node, node.isLeaf else { throw inv.failure("\(inv.text(0)) is not a param", hint: "step updates params: w = param(…)") }
            guard let g = p.grad else { throw inv.failure("\(inv.text(0)) has no gradient yet", hint: inv.session.backwardHint(for: p)) }
            let next = try inv.tensors { () throws(TensorError) in try p.detached - g * Float(lr) }
            if !quiet { inv.print(report.render(name: node.label ?? inv.text(0), theta: p, gradient: g, lr: lr, updated: next)) }
            let stepped = try inv.tensors { () throws(TensorError) in try p.withValues(of: next) }
            try inv.session.replaceParam(node, with: stepped, argument: inv.argument(0))
            inv.session.markChanged([stepped], by: "step")
            return .nothing
        },
        Builtin("compare", .teaching, signature: "compare(a, b, tol=1e-5)",
                summary: "Both values, then ✓ when |a − b| ≤ tol + tol·|b| everywhere, or ✗ with the largest gap and where it is.",
                example: "compare by_hand grad(w)", options: ["tol"]) { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let a = try inv.tensor(0, "a"), b = try inv.tensor(1, "b")
            guard a.count == b.count || a.count == 1 || b.count == 1 else {
                throw inv.failure("the values have different shapes, \(a.shape) and \(b.shape)")
            }
            let tol = Float(try inv.optionNumber("tol", default: 1e-5))
            let report = CompareReport(numbers: inv.session.numberFormat)
            let verdict = report.verdict(a, b, tolerance: tol)
            inv.print(report.render(aText: inv.text(0), a: a, bText: inv.text(1), b: b, tolerance: tol, verdict: verdict))
            if !verdict.passed, let hint = inv.session.factorHint(handWritten: inv.argument(0), gradient: inv.argument(1)) {
                inv.print(hint)
            }
            return .nothing
        },
        Builtin("walk", .teaching, signature: "walk(L)",
                summary: "Backprop one node at a time in reverse topological order: formula, upstream gradient, local derivative, contribution (after backward L).",
                example: "walk L") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let (l, lossName) = try inv.lossArgument(0)
            guard let root = l.node else { throw inv.failure("\(lossName) has no graph") }
            try inv.requireBackward(of: l, named: lossName, argument: 0)
            let steps = try inv.teachingGraph { () throws(TensorError) in try l.backpropSteps() }
            let report = WalkReport(names: GraphNames(root: root, session: inv.session), numbers: inv.session.numberFormat)
            let ask = inv.session.environment.askToContinue
            var pausing = ask != nil
            for (i, step) in steps.enumerated() {
                inv.print(report.render(step, index: i + 1, of: steps.count, loss: lossName))
                guard i < steps.count - 1 else { break }
                // Each pause is an interrupt check, so that a walk stopped with q is saved as
                // stopped there (interrupt_at) and replays to the same step.
                var stop = inv.session.interruptPending()
                if !stop, pausing, let ask {
                    switch ask() {
                    case .next: break
                    case .runToEnd: pausing = false
                    case .stop:
                        inv.session.recordStopAtLastCheck()
                        stop = true
                    }
                }
                if stop {
                    inv.print("stopped after step \(i + 1) of \(steps.count)")
                    return .nothing
                }
            }
            return .nothing
        },
        Builtin("trace", .teaching, signature: "trace(L)", summary: "The forward pass as a table: node, formula, shape, value.",
                example: "trace L") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let (l, _) = try inv.lossArgument(0)
            guard let root = l.node else { throw inv.failure("\(inv.text(0)) has no graph") }
            let report = WalkReport(names: GraphNames(root: root, session: inv.session), numbers: inv.session.numberFormat)
            inv.print(report.trace(l.forwardNodes(), root: l))
            return .nothing
        },
        Builtin("graph", .teaching, signature: "graph(L, file=\"g.dot\")",
                summary: "The computation graph with each value and gradient, drawn in the terminal (file= writes Graphviz DOT).",
                example: "graph L", options: ["file"]) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let (l, _) = try inv.lossArgument(0)
            guard let root = l.node else { throw inv.failure("\(inv.text(0)) has no graph") }
            let names = GraphNames(root: root, session: inv.session)
            let drawing = GraphDrawing(names: names, walk: WalkReport(names: names, numbers: inv.session.numberFormat))
            if let file = try inv.optionString("file") {
                let path = try inv.writablePath(file, at: inv.optionRange("file"))
                let dot = drawing.dot(root)
                do { try AtomicFile.write(text: dot, to: path) } catch { throw .error(.fileFailure("\(error)"), at: inv.optionRange("file")) }
                guard (try? String(contentsOfFile: path, encoding: .utf8)) == dot else { throw inv.failure("\(file) did not read back as written") }
                inv.print("wrote \(file) (Graphviz DOT: dot -Tsvg \(file) > graph.svg)")
            } else {
                guard let tree = drawing.tree(root, shouldStop: { inv.session.interruptPending() }) else {
                    throw .error(.interrupted, at: inv.callRange)
                }
                inv.print(tree)
            }
            return .nothing
        },
        Builtin("gradcheck", .teaching, signature: "gradcheck(L, p, …, tol=1e-3) or gradcheck(model, data, tol=1e-3)",
                summary: "Autodiff against central finite differences per param: both values, the error (relative; absolute where both are within what the differences resolve) and ✓/✗. For a model, differences of a Float64 twin of its training loss, for every layer kind (dropout off); at a kink (relu at 0, tied maxima of a pooling window) against the side autodiff took.",
                example: "gradcheck L w b", options: ["tol", "samples"]) { inv throws(Diagnostic) in
            try inv.expectArguments(2...Int.max)
            let tol = try inv.optionNumber("tol", default: 1e-3)
            let samples = try inv.optionInteger("samples", default: 16, minimum: 1, maximum: GradientCheck.maxSamples)
            var generator = RandomGenerator(seed: 0)
            // Ctrl-C ends the check at the next position: what was checked is reported.
            var stopped = false
            let session = inv.session
            let interrupted = { () -> Bool in
                if !stopped, session.interruptPending() { stopped = true }
                return stopped
            }
            let stopNote = { stopped ? "; stopped by Ctrl-C" : "" }
            if case .model(let model) = inv.value(0) {
                let data = try inv.dataset(1)
                let rows = min(data.count, 64)
                let x = try inv.tensors { () throws(TensorError) in try data.x.slice([.range(start: 0, stop: rows, step: nil)]) }
                let y = try inv.tensors { () throws(TensorError) in try data.y.slice([.range(start: 0, stop: rows, step: nil)]) }
                guard model.compilation != nil else { throw Session.diagnostic(NNError.notCompiled, at: inv.callRange) }
                let names = model.namedParameters.map(\.name)
                // Autodiff's gradients on these rows, then central differences of the loss in Float64.
                let probe = try inv.models { () throws(NNError) in try model.gradients(x: x, y: y) }
                let results = try inv.tensors { () throws(TensorError) in
                    try GradientCheck.check(analytic: probe, values: model.parameters, tolerance: tol, maxElements: samples, generator: &generator, interrupted: interrupted) { values throws(TensorError) in
                        do { return try model.doublePrecisionLoss(parameters: values, x: x, y: y) } catch { throw .invalidArgument("\(error)") }
                    }
                }
                // Moving statistics do not enter the training loss: their gradient is 0 on both sides, not worth a row.
                let trains = model.trainableFlags
                let trained = results.filter { trains[$0.index] }
                let state = trained.count < results.count ? "; moving statistics are not trained and not checked" : ""
                inv.print(GradcheckReport(numbers: inv.session.numberFormat).render(trained, names: names, params: model.parameters, note: "differences of the loss in Float64 on the first \(rows) rows" + state + stopNote()))
                return .nothing
            }
            // gradcheck checks the graph at the values it consumed, so a stale L is fine here.
            let (l, _) = try inv.lossArgument(0, allowStale: true)
            var params: [Tensor] = [], names: [String] = []
            var leaves: [Node] = []
            for i in 1..<inv.count {
                let p = try inv.tensor(i, "p")
                guard let leaf = p.node, leaf.isLeaf else { throw inv.failure("\(inv.text(i)) is not a param") }
                // Check at the values the graph was built with (a later step may have moved p).
                guard let consumed = l.consumedValue(of: leaf) else { throw inv.failure("\(inv.text(0)) does not depend on \(inv.text(i))") }
                params.append(consumed)
                leaves.append(leaf)
                names.append(leaf.label ?? inv.text(i))
            }
            let results = try inv.teachingGraph { () throws(TensorError) in
                try GradientCheck.check(params: params, tolerance: tol, maxElements: samples, generator: &generator, interrupted: interrupted) { values throws(TensorError) in
                    // Replaying the recorded graph with new values for its params evaluates L at θ ± h;
                    // with fresh params as the values, the replay records, giving autodiff's gradient.
                    try l.replayed(with: zip(leaves, values).map { ($0, $1) })
                }
            }
            inv.print(GradcheckReport(numbers: inv.session.numberFormat).render(results, names: names, params: params, note: "Richardson-extrapolated differences in float32" + stopNote()))
            return .nothing
        },
        Builtin("explain", .teaching, signature: "explain(f)", summary: "An op's forward rule and derivative rule.",
                example: "explain sigmoid", takesNames: true) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let name: String
            switch inv.value(0) {
            case .builtin(let n), .string(let n): name = n
            default: name = inv.text(0)
            }
            guard let rule = ExplainRules.rule(named: name) else {
                let close = suggestions(for: name, among: ExplainRules.names)
                throw .error(.commandFailed(command: "explain", problem: "'\(name)' is not a differentiable built-in"), at: inv.range(0),
                             hint: close.isEmpty ? .hintAdvice("explain knows: " + ExplainRules.names.joined(separator: " ")) : .hintDidYouMean(close))
            }
            var lines = [rule.name, "  forward:    \(rule.forward)", "  derivative: \(rule.derivative)"]
            if !rule.note.isEmpty { lines.append("  note:       \(rule.note)") }
            inv.print(lines.joined(separator: "\n"))
            return .nothing
        },
    ]
}

extension Invocation {
    /// The loss argument: a tensor with a graph; `loss` alone (no such variable) means the loss
    /// of the last `fit` step or `train_step`.
    ///
    /// Unless `allowStale`, a loss computed before a param it depends on changed is an error.
    func lossArgument(_ i: Int, allowStale: Bool = false) throws(Diagnostic) -> (Tensor, String) {
        if case .builtin("loss") = value(i) {
            guard let l = session.lastLoss else {
                throw failure("there is no last loss yet", hint: "run fit, train_step or backward first, or pass a loss: L = loss(model, data)")
            }
            if !allowStale { try session.checkCurrent(l, name: "loss", at: range(i), command: name) }
            return (l, "L")
        }
        let l = try tensor(i, "L")
        guard l.node != nil else {
            throw failure("\(text(i)) does not depend on any param", hint: "make the values you want gradients for params: w = param(0.5)")
        }
        if !allowStale { try session.checkCurrent(l, name: text(i), at: range(i), command: name) }
        return (l, l.node?.label ?? text(i))
    }

    /// Runs graph code for a teaching command: Ctrl-C stops it as it stops `fit`, and a
    /// released graph is explained.
    func teachingGraph<T>(_ body: () throws(TensorError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch {
            if error == .interrupted { throw .error(.interrupted, at: callRange) }
            throw .error(.tensorFailure("\(error)"), at: callRange, hint: .hintAdvice("recompute the value, then run backward on it"))
        }
    }

    /// Walking backprop needs the gradients of a backward: says which one is missing.
    func requireBackward(of l: Tensor, named lossName: String, argument i: Int) throws(Diagnostic) {
        guard l.node?.grad == nil else { return }
        if case .builtin("loss") = value(i) {
            throw failure("the last loss has no gradients: no training step has run on it",
                          hint: "train the model first (train_step model data, or fit), or run backward on a loss")
        }
        throw failure("\(lossName) has no gradients yet: backward \(lossName) was not run", hint: "backward \(lossName)")
    }
}

extension Session {
    /// Puts a stepped param back where it lives: the variable it was read from, or the model
    /// in the workspace that owns it (`step model[0].W lr=0.1`).
    func replaceParam(_ node: Node, with value: Tensor, argument: Invocation.Argument) throws(Diagnostic) {
        if let name = argument.name { assign(name, .tensor(value)); return }
        for name in variableNames {
            guard case .model(var m)? = workspace[name] else { continue }
            var params = m.parameters
            guard let k = params.firstIndex(where: { $0.node === node }) else { continue }
            params[k] = value
            do { try m.setParameterValues(params) } catch { throw Session.diagnostic(error, at: argument.range) }
            assign(name, .model(m))
            return
        }
        throw .error(.commandFailed(command: "step", problem: "cannot tell where this param lives"), at: argument.range,
                     hint: .hintAdvice("step a variable (step w lr=0.1) or a whole model (step model lr=0.1)"))
    }

    /// When a hand-written gradient disagrees with autodiff, which chain factor is off.
    func factorHint(handWritten: Invocation.Argument, gradient: Invocation.Argument) -> String? {
        guard let name = handWritten.name, let definition = definitions[name] else { return nil }
        guard case .tensor(let g) = gradient.value, let gradientNode = paramNode(forGradient: g) else { return nil }
        guard let loss = lastLoss, let chain = try? loss.chainRule(to: gradientNode.tensor, maxPaths: 1), chain.paths.count == 1 else { return nil }
        var factors: [Float] = []
        for e in definition.multiplicativeFactors {
            guard let v = try? evaluate(e).tensor, v.count == 1, let x = v.scalar else { return nil }
            factors.append(x)
        }
        let wrong = CompareReport.disagreeingEdges(factors: factors, edges: chain.paths[0].edges)
        guard let edge = wrong.first, let root = loss.node else { return nil }
        let names = GraphNames(root: root, session: self)
        let inputNames = edge.node.inputs.map { names.name(of: $0) }
        let local = names.localDerivative(edge.node, edge.inputIndex)
        return "hint: no factor of \(name) matches ∂\(GraphNames.inDerivative(names.name(of: edge.node)))/∂\(GraphNames.inDerivative(inputNames[edge.inputIndex])) = \(local) = \(numberFormat.format(edge.localDerivative ?? .nan)) (see chain)"
    }

    /// The param whose current gradient is `g` (compared by value), with its tensor.
    private func paramNode(forGradient g: Tensor) -> (node: Node, tensor: Tensor)? {
        for name in variableNames {
            if case .tensor(let t)? = workspace[name], let n = t.node, n.isLeaf, let grad = n.grad, grad.storageIdentity == g.storageIdentity {
                return (n, t)
            }
        }
        return nil
    }
}

/// `gradcheck`: one line per param, its worst checked element, and the rule that judged it.
struct GradcheckReport {
    let numbers: NumberFormat

    func render(_ results: [GradientCheck.Result], names: [String], params: [Tensor], note: String?) -> String {
        let scientific = NumberFormat(precision: 1)
        var rows: [[String]] = [], absolute: [String] = []
        // Ctrl-C before a param's first position leaves it nothing checked: no row for it.
        for r in results where !r.checkedIndices.isEmpty {
            let name = r.index < names.count ? names[r.index] : "p\(r.index)"
            let p = params[r.index]
            let checked = p.count == 1 ? "" : " (\(r.checkedIndices.count) of \(p.count))"
            let k = r.checkedIndices.firstIndex(of: r.worstIndex) ?? 0
            let kinks = r.nonSmoothCount > 0 ? " (\(r.nonSmoothCount) near a kink)" : ""
            let rule = r.worst.rule == .absolute ? "abs" : "rel"
            if r.worst.rule == .absolute { absolute.append("\(name) ≤ \(scientific.format(r.worst.limit, scientific: true))") }
            rows.append([name + checked, numbers.format(r.analytic[k]), numbers.format(r.numeric[k]),
                         rule + " " + scientific.format(r.worst.error, scientific: true), (r.passed ? "✓" : "✗") + kinks])
        }
        var text = "gradcheck: autodiff vs central differences" + (note.map { " (\($0))" } ?? "") + "\n"
        text += TextTable(headers: ["param", "autodiff", "numeric", "error", ""], rows: rows,
                          rightAligned: [false, true, true, true, false]).render()
        if let first = results.first {
            text += "\nrel: relative error, tolerance \(NumberFormat(precision: 0).format(first.tolerance, scientific: true)); for tensors the worst checked element is shown"
        }
        if !absolute.isEmpty {
            // Say which rule decided: a tiny pair judged relatively would print 0.0e+00 or 1.0e+00 for noise.
            text += "\nabs: both values are within what the differences resolve (\(absolute.joined(separator: ", "))),"
            text += "\n     where a relative error is noise over noise; judged by |autodiff − numeric| ≤ that resolution"
        }
        return text
    }
}
