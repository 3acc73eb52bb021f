import Language
import Foundation
import Autodiff
import NN
import Datasets

/// How each kind of value prints as a cell's output (docs/language.md, "Output").
struct ValueRenderer {
    let numbers: NumberFormat

    func render(_ v: Value) -> String {
        switch v {
        case .tensor(let t): return TensorFormatter(numbers: numbers).format(t)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map(short).joined(separator: ", ") + "]"
        case .layer(let l): return describe(l)
        case .model(let m): return describe(m)
        case .dataset(let d): return describe(d)
        case .optimizer(let o): return describe(o)
        case .schedule(let s): return s.description
        case .function(let f): return "def \(f.name)(\(f.parameters.joined(separator: ", ")))"
        case .builtin(let name): return "built-in \(BuiltinRegistry.standard[name]?.signature ?? name)"
        case .history(let h): return HistoryTable(numbers: numbers).render(h)
        case .plateau(let rule): return describe(rule)
        case .stepRecord(let s):
            return "step \(s.step) (epoch \(s.epoch)): loss \(numbers.format(Double(s.loss))), lr \(numbers.format(Double(s.learningRate)))"
        case .shape(let dims): return "[" + dims.map(String.init).joined(separator: ", ") + "]"
        case .integer(let i): return String(i)
        case .nothing: return ""
        }
    }

    /// A one-line form for lists and messages.
    func short(_ v: Value) -> String {
        switch v {
        case .tensor(let t) where t.rank == 0: return numbers.format(t.scalar ?? .nan)
        case .tensor(let t): return "tensor[\(ShapeMath.describe(t.shape))]"
        case .string(let s): return "\"\(s)\""
        case .builtin(let name): return name
        case .history(let h): return "history(\(Plural.count(h.epochs, "epoch")))"
        default: return render(v).split(separator: "\n").first.map(String.init) ?? ""
        }
    }

    /// As it is written: `plateau(factor=0.5, patience=2, min_lr=0)` (min_delta when not Keras's 1e-4).
    func describe(_ rule: PlateauRule) -> String {
        // Written as typed (0.5, not 0.5000): the shortest decimal of the number as the
        // language holds it (a float).
        func typed(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(Float(x))" }
        var parts = ["factor=\(typed(rule.factor))", "patience=\(rule.patience)", "min_lr=\(typed(rule.minRate))"]
        if rule.minDelta != 1e-4 { parts.append("min_delta=\(typed(rule.minDelta))") }
        return "plateau(\(parts.joined(separator: ", ")))"
    }

    func describe(_ layer: Layer) -> String {
        switch layer {
        case .dense(let d):
            var parts = [String(d.units)]
            if d.activation != .linear { parts.append(d.activation.rawValue) }
            if let n = d.inputSize { parts.append("input=\(n)") }
            if d.initializer != .glorot { parts.append("init=\(d.initializer.rawValue)") }
            if !d.useBias { parts.append("bias=false") }
            return "dense(\(parts.joined(separator: ", ")))"
        case .conv2d(let c):
            var parts = [String(c.filters), String(c.kernelSize)]
            if c.stride != 1 { parts.append("stride=\(c.stride)") }
            if c.padding != .zeros(0) { parts.append("padding=\(c.padding)") }
            if c.activation != .linear { parts.append("activation=\(c.activation.rawValue)") }
            if let s = c.inputShape { parts.append("input=\(shape(s))") }
            if c.initializer != .glorot { parts.append("init=\(c.initializer.rawValue)") }
            if !c.useBias { parts.append("bias=false") }
            return "conv2d(\(parts.joined(separator: ", ")))"
        case .pooling(let p):
            var parts = [String(p.size)]
            if p.stride != p.size { parts.append("stride=\(p.stride)") }
            if let s = p.inputShape { parts.append("input=\(shape(s))") }
            return "\(p.opName)(\(parts.joined(separator: ", ")))"
        case .flatten(let f):
            return "flatten(\(f.inputShape.map { "input=\(shape($0))" } ?? ""))"
        case .batchnorm(let b):
            var parts: [String] = []
            if b.momentum != BatchNorm.defaultMomentum { parts.append("momentum=\(numbers.format(Double(b.momentum)))") }
            if b.eps != BatchNorm.defaultEps { parts.append("eps=\(numbers.format(Double(b.eps)))") }
            if let s = b.inputShape { parts.append("input=\(shape(s))") }
            return "batchnorm(\(parts.joined(separator: ", ")))"
        case .layernorm(let l):
            var parts: [String] = []
            if l.eps != LayerNorm.defaultEps { parts.append("eps=\(numbers.format(Double(l.eps)))") }
            if let s = l.inputShape { parts.append("input=\(shape(s))") }
            return "layernorm(\(parts.joined(separator: ", ")))"
        case .embedding(let e):
            return "embedding(\(([String(e.vocab), String(e.dim)] + (e.inputLength.map { ["input=\($0)"] } ?? [])).joined(separator: ", ")))"
        case .dropout(let d): return "dropout(\(numbers.format(Double(d.rate))))"
        case .activation(let a, _): return a.rawValue
        }
    }

    /// A layer after a model's first, as the model shows it: a dense layer by its units and
    /// activation only.
    private func describeInModel(_ layer: Layer) -> String {
        switch layer {
        case .dense(let d):
            var parts = [String(d.units)]
            if d.activation != .linear { parts.append(d.activation.rawValue) }
            return "dense(\(parts.joined(separator: ", ")))"
        case .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .embedding, .dropout, .activation:
            return describe(layer)
        }
    }

    func describe(_ m: Sequential) -> String {
        let layers = m.layers.enumerated().map { i, l in i == 0 ? describe(l) : describeInModel(l) }
        var text = "sequential(\(layers.joined(separator: ", "))) — \(Plural.count(m.parameterCount, "param"))"
        if let c = m.compilation {
            text += ", compiled with \(describe(c.optimizer)), loss=\(c.loss.rawValue)"
            if !c.metrics.isEmpty { text += ", metrics=\(c.metrics.map(\.rawValue).joined(separator: ","))" }
        }
        return text
    }

    func describe(_ d: Dataset) -> String {
        // A table counts its features; samples of another shape (images) show that shape.
        let samples = d.sampleShape.count == 1 ? Plural.count(d.featureCount, "feature") : shape(d.sampleShape)
        var text = "dataset: \(Plural.count(d.count, "row")) × \(samples) → \(d.targetName) \(shape(d.y.shape))"
        if let classes = d.classNames { text += ", \(Plural.count(classes.count, "class"))" }
        if d.standardization != nil { text += ", standardized" }
        return text
    }

    func describe(_ o: Optimizer) -> String {
        let lr = "lr=" + (o.schedule.map(\.description) ?? compact(o.learningRate))
        switch o.kind {
        case let .sgd(momentum, nesterov):
            var parts = [lr]
            if momentum != 0 { parts.append("momentum=\(compact(momentum))") }
            if nesterov { parts.append("nesterov=true") }
            return "sgd(\(parts.joined(separator: ", ")))"
        case let .adam(b1, b2, eps):
            return "adam(\(lr), beta1=\(compact(b1)), beta2=\(compact(b2)), eps=\(compact(eps)))"
        case let .adamw(b1, b2, eps, wd):
            return "adamw(\(lr), weight_decay=\(compact(wd)), beta1=\(compact(b1)), beta2=\(compact(b2)), eps=\(compact(eps)))"
        case let .rmsprop(rho, eps):
            return "rmsprop(\(lr), rho=\(compact(rho)), eps=\(compact(eps)))"
        }
    }

    /// The shortest text that reads back as the same float (`0.001`, `1e-07`).
    func compact(_ x: Float) -> String {
        let d = Double(x)
        if d == d.rounded(), Swift.abs(d) < 1e6 { return String(Int(d)) }
        return "\(x)"
    }

    func shape(_ dims: [Int]) -> String {
        "[" + dims.map(String.init).joined(separator: ", ") + "]"
    }
}

/// `model.history` as a table: one row per epoch, one column per series, and the learning
/// rate's column when it changed from epoch to epoch (a schedule).
struct HistoryTable {
    let numbers: NumberFormat

    func render(_ h: History) -> String {
        guard h.epochs > 0 else { return "history: no epochs yet" }
        var columns = h.series
        if h.learningRateVaries { columns.append(("lr", h.learningRates)) }
        let names = columns.map(\.name)
        let cells = (0..<h.epochs).map { e in columns.map { numbers.format($0.values[e]) } }
        let widths = names.indices.map { i in max(names[i].count, cells.map { $0[i].count }.max() ?? 0) }
        let epochWidth = max(5, String(h.epochs).count)
        func row(_ first: String, _ items: [String]) -> String {
            ([first.padding(toLength: epochWidth, withPad: " ", startingAt: 0)]
                + items.enumerated().map { String(repeating: " ", count: widths[$0] - $1.count) + $1 })
                .joined(separator: "  ")
        }
        var lines = [row("epoch", names)]
        for (e, values) in cells.enumerated() { lines.append(row(String(e + 1), values)) }
        return lines.joined(separator: "\n")
    }
}

extension Session {
    /// A value as it prints in a cell's output.
    func render(_ v: Value) -> String {
        ValueRenderer(numbers: numberFormat).render(v)
    }

    /// A cell's value: as `render`, but indices and counts print as the whole numbers they are
    /// (`[1, 0]`, not `[1.0000, 0.0000]`): what `argmax(…)` gives, a `sum` of a comparison
    /// (`sum(p == y)`), and a name assigned from either — when every element is whole.
    func render(_ v: Value, of statement: Statement) -> String {
        if case .tensor(let t) = v, case .expression(let e) = statement.kind, holdsWholeNumbers(e, depth: 0),
           t.scalars.allSatisfy({ $0 == $0.rounded() }) {
            var whole = numberFormat
            whole.precision = 0
            return TensorFormatter(numbers: whole).format(t)
        }
        return render(v)
    }

    /// Whether `e` computes indices or counts: `argmax(…)`, `sum(a == b)` (any comparison),
    /// `model.history.epoch`, or a workspace name last assigned from one of them (followed a few
    /// names deep).
    private func holdsWholeNumbers(_ e: Expr, depth: Int) -> Bool {
        guard depth < 8 else { return false }
        switch e.kind {
        case .call(let call):
            guard let name = call.calleeName, lookup(name) == nil else { return false }
            if name == "argmax" { return true }
            if name == "sum", let first = call.arguments.first, case .binary(let op, _, _) = first.kind {
                return op.isComparison
            }
            return false
        case .member(_, let member):
            return member.text == "epoch"  // model.history.epoch: the epoch numbers 1, 2, …
        case .name(let name):
            guard let definition = definitions[name] else { return false }
            return holdsWholeNumbers(definition, depth: depth + 1)
        default:
            return false
        }
    }
}
