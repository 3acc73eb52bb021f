import Autodiff
import Language
import NN

/// Member access: `t.T`, `t.shape`, `p.grad`, `data.x`, `data.y`, `model.history`,
/// `model[0].W`, `model.history.loss`, `model.history.lr`, `model.history.epoch`.
extension Session {
    /// The members each kind of value has, for errors and tab completion.
    public static func members(of value: Value) -> [String] {
        switch value {
        case .tensor: ["T", "shape", "grad", "size"]
        case .dataset: ["x", "y", "count", "features", "classes"]
        case .model: ["history", "layers", "params", "input", "output"]
        case .layer(let l): l.parameterNames + layerAttributes(l)
        case .history(let h): h.series.map(\.name) + ["epoch", "epochs", "lr"]
        case .shape: ["count"]
        case .list: ["count"]
        case .stepRecord: ["loss", "step", "epoch", "lr"]
        case .plateau: ["factor", "patience", "min_lr"]
        default: []
        }
    }

    func member(_ name: String, of base: Value, at range: SourceRange, whole: SourceRange) throws(Diagnostic) -> Value {
        if let v = try memberValue(name, of: base, at: whole) { return v }
        let close = suggestions(for: name, among: Session.members(of: base))
        let all = Session.members(of: base)
        throw .error(.noMember(kind: base.kind, member: name), at: range,
                     hint: !close.isEmpty ? .hintDidYouMean(close) : all.isEmpty ? nil : .hintAdvice("its members are \(all.joined(separator: ", "))"))
    }

    private func memberValue(_ name: String, of base: Value, at range: SourceRange) throws(Diagnostic) -> Value? {
        switch (base, name) {
        case (.tensor(let t), "T"):
            do { return .tensor(try t.transposed()) } catch { throw Session.diagnostic(error, at: range) }
        case (.tensor(let t), "shape"): return .shape(t.shape)
        case (.tensor(let t), "size"): return .integer(t.count)
        case (.tensor(let t), "grad"):
            guard let g = t.grad else {
                throw .error(.commandFailed(command: "grad", problem: t.requiresGrad ? "no gradient yet" : "a constant has no gradient"),
                             at: range, hint: .hintAdvice(t.requiresGrad ? backwardHint(for: t) : "make it a param: w = param(…)"))
            }
            return .tensor(g)
        case (.dataset(let d), "x"): return .tensor(d.x)
        case (.dataset(let d), "y"): return .tensor(d.y)
        case (.dataset(let d), "count"): return .integer(d.count)
        case (.dataset(let d), "features"): return .integer(d.featureCount)
        case (.dataset(let d), "classes"):
            if let names = d.classNames { return .list(names.map { Value.string($0) }) }
            return .integer(0)
        case (.model(let m), "history"): return .history(m.history)
        case (.model(let m), "layers"): return .list(m.layers.map(Value.layer))
        case (.model(let m), "params"): return .integer(m.parameterCount)
        case (.model(let m), "input"): return .integer(m.inputSize)
        case (.model(let m), "output"): return .integer(m.outputSize)
        case (.layer(let l), _) where l.parameterNames.contains(name):
            if let reason = l.absenceReason(ofParameter: name) { throw .error(.commandFailed(command: name, problem: reason), at: range) }
            guard let p = l.namedParameters.first(where: { $0.name == name }) else { throw unbuilt(range) }
            return .tensor(p.value)
        case (.layer(.dense(let d)), "units"): return .integer(d.units)
        case (.layer(.dense(let d)), "activation"): return .builtin(d.activation == .linear ? "linear" : d.activation.rawValue)
        case (.layer(let l), "name"): return .string(l.name)
        case (.history(let h), "epochs"): return .integer(h.epochs)
        case (.history(let h), "epoch"): return .tensor(Tensor((0..<h.epochs).map { Float($0 + 1) }))
        case (.history(let h), "lr"): return .tensor(Tensor(h.learningRates.map(Float.init)))
        case (.history(let h), _):
            guard let values = h.values(name) else { return nil }
            return .tensor(Tensor(values.map(Float.init)))
        case (.stepRecord(let r), "loss"): return .tensor(Tensor(r.loss))
        case (.stepRecord(let r), "step"): return .integer(r.step)
        case (.stepRecord(let r), "epoch"): return .integer(r.epoch)
        case (.stepRecord(let r), "lr"): return .tensor(Tensor(r.learningRate))
        case (.plateau(let p), "factor"): return .tensor(Tensor(Float(p.factor)))
        case (.plateau(let p), "patience"): return .integer(p.patience)
        case (.plateau(let p), "min_lr"): return .tensor(Tensor(Float(p.minRate)))
        case (.shape(let dims), "count"): return .integer(dims.count)
        case (.list(let items), "count"): return .integer(items.count)
        default: return nil
        }
    }

    /// A layer's members besides its params, by kind.
    private static func layerAttributes(_ layer: Layer) -> [String] {
        switch layer {
        case .dense: ["units", "activation"]
        case .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .embedding, .dropout, .activation: ["name"]
        }
    }

    private func unbuilt(_ range: SourceRange) -> Diagnostic {
        .error(.commandFailed(command: "layer", problem: "this layer has no weights until it is part of a model"), at: range,
               hint: .hintAdvice("model = sequential(layer, …) builds it"))
    }
}
