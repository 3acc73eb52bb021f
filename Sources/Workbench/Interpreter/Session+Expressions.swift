import Autodiff
import Language

/// Expressions: literals, names, operators, lists, indexing and members. Calls are in
/// `Session+Calls.swift`. The parser bounds the tree's depth, so this recursion is bounded.
extension Session {
    func evaluate(_ expr: Expr) throws(Diagnostic) -> Value {
        switch expr.kind {
        case .number(let literal):
            return literalValue(literal, at: expr.range)
        case .string(let s):
            return .string(s)
        case .bool(let b):
            return .bool(b)
        case .name(let name):
            return try resolve(name, at: expr.range)
        case .list(let elements):
            return try evaluateList(elements, at: expr.range)
        case .negate(let operand):
            let v = try evaluate(operand)
            if case .integer(let i) = v, i != Int.min { return .integer(-i) }
            guard let t = v.tensor else {
                throw .error(.invalidOperands(op: "-", lhs: "number", rhs: v.kind), at: expr.range)
            }
            return .tensor(-t)
        case .binary(let op, let lhs, let rhs):
            return try evaluateBinary(op, try evaluate(lhs), try evaluate(rhs), lhs: lhs, rhs: rhs, at: expr.range)
        case .call(let call):
            return try evaluateCall(call, at: expr.range)
        case .index(let base, let components):
            return try evaluateIndex(try evaluate(base), components, base: base, at: expr.range)
        case .member(let base, let name):
            return try member(name.text, of: try evaluate(base), at: name.range, whole: expr.range)
        }
    }

    /// A name's value: a local or workspace variable, `_`/`_n` (cell outputs), or a built-in.
    func resolve(_ name: String, at range: SourceRange) throws(Diagnostic) -> Value {
        if let v = lookup(name) { return v }
        if name == "_" {
            if let v = cells.last(where: { $0.value != nil })?.value { return v }
            throw .error(.unknownName(name), at: range, hint: .hintAdvice("'_' is the last cell's value, and no cell has one yet"))
        }
        if name.hasPrefix("_"), let n = Int(name.dropFirst()) {
            if let cell = cells.first(where: { $0.number == n }), let v = cell.value { return v }
            throw .error(.unknownName(name), at: range, hint: .hintAdvice("cell \(n) has no value"))
        }
        if builtins[name] != nil { return .builtin(name) }
        throw unknownName(name, at: range)
    }

    func unknownName(_ name: String, at range: SourceRange) -> Diagnostic {
        let candidates = variableNames + (scopes.last.map { Array($0.keys) } ?? []) + builtins.names
        let close = suggestions(for: name, among: candidates)
        return .error(.unknownName(name), at: range, hint: close.isEmpty ? nil : .hintDidYouMean(close))
    }

    /// `[1, 2]` and `[[1, 2], [3, 4]]` are tensors; `[a, b]` of equal-shape tensors is their
    /// stack (NumPy's `array`); `[accuracy, mse]` is a list of non-numbers.
    func evaluateList(_ elements: [Expr], at range: SourceRange) throws(Diagnostic) -> Value {
        var values: [Value] = []
        for e in elements { values.append(try evaluate(e)) }
        let tensors = values.compactMap(\.tensor)
        if tensors.isEmpty { return values.isEmpty ? .tensor(Tensor([])) : .list(values) }
        guard tensors.count == values.count else {
            throw .error(.mixedList("a list mixes numbers with other values"), at: range,
                         hint: .hintAdvice("a list is either all numbers (a tensor) or all other values"))
        }
        guard let first = tensors.first, tensors.allSatisfy({ $0.shape == first.shape }) else {
            let shapes = tensors.map { "\($0.shape)" }.joined(separator: ", ")
            throw .error(.mixedList("the rows of a tensor literal have different shapes: \(shapes)"), at: range)
        }
        do { return .tensor(try Tensor.stack(tensors.map(\.detached), axis: 0)) }
        catch { throw Session.diagnostic(error, at: range) }
    }

    func evaluateBinary(_ op: BinaryOperator, _ l: Value, _ r: Value, lhs: Expr, rhs: Expr, at range: SourceRange) throws(Diagnostic) -> Value {
        if let exact = Session.exactWholeNumberResult(op, l, r) { return exact }
        guard let a = l.tensor, let b = r.tensor else {
            if op == .add, case .string(let x) = l, case .string(let y) = r { return .string(x + y) }
            throw .error(.invalidOperands(op: op.symbol, lhs: l.kind, rhs: r.kind), at: range)
        }
        do {
            switch op {
            case .add: return .tensor(try a + b)
            case .subtract: return .tensor(try a - b)
            case .multiply: return .tensor(try a * b)
            case .divide: return .tensor(try a / b)
            case .power: return .tensor(try Tensor.pow(a, b))
            case .matrixProduct: return .tensor(try Tensor.matmul(a, b))
            }
        } catch {
            throw Session.diagnostic(error, at: range)
        }
    }
}
