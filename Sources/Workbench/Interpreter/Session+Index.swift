import Autodiff
import Language
import NN

/// Indexing: `x[0]`, `x[1, 2]`, `x[:, 0]`, `x[2:5]`, negative indices from the end;
/// `model[0]` is a layer, `list[1]` an element, `shape[0]` a dimension.
extension Session {
    func evaluateIndex(_ base: Value, _ components: [IndexComponent], base baseExpr: Expr, at range: SourceRange) throws(Diagnostic) -> Value {
        switch base {
        case .tensor(let t):
            var spec: [TensorIndex] = []
            for c in components {
                switch c {
                case .single(let e):
                    spec.append(.at(try expectInteger(try evaluate(e), function: "index", argument: "an index", at: e.range)))
                case .slice(let s):
                    spec.append(.range(start: try sliceBound(s.start), stop: try sliceBound(s.stop), step: try sliceBound(s.step)))
                }
            }
            do { return .tensor(try t.slice(spec)) }
            catch { throw Session.diagnostic(error, at: range) }
        case .model(let m):
            let i = try singleIndex(components, count: m.layers.count, kind: "model", item: "layer", at: range)
            return .layer(m.layers[i])
        case .list(let items):
            let i = try singleIndex(components, count: items.count, kind: "list", item: "item", at: range)
            return items[i]
        case .shape(let dims):
            let i = try singleIndex(components, count: dims.count, kind: "shape", item: "dimension", at: range)
            return .integer(dims[i])
        default:
            throw .error(.notIndexable(kind: base.kind), at: baseExpr.range)
        }
    }

    private func sliceBound(_ e: Expr?) throws(Diagnostic) -> Int? {
        guard let e else { return nil }
        return try expectInteger(try evaluate(e), function: "slice", argument: "a bound", at: e.range)
    }

    /// One integer index into `count` items, negative from the end.
    private func singleIndex(_ components: [IndexComponent], count: Int, kind: String, item: String, at range: SourceRange) throws(Diagnostic) -> Int {
        guard components.count == 1, case .single(let e) = components[0] else {
            throw .error(.notIndexable(kind: kind + " with a slice"), at: range, hint: .hintAdvice("use one index, as in [0] or [-1]"))
        }
        let i = try expectInteger(try evaluate(e), function: "index", argument: "an index", at: e.range)
        let j = i < 0 ? i + count : i
        guard j >= 0, j < count else { throw .error(.indexOutOfRange(index: i, count: count, kind: kind, item: item), at: e.range) }
        return j
    }
}
