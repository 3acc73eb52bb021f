import Autodiff
import Language
import NN

/// Turning values into what built-ins need, and engine errors into diagnostics.
extension Session {
    func expectTensor(_ v: Value, function: String, argument: String, at range: SourceRange) throws(Diagnostic) -> Tensor {
        if let t = v.tensor { return t }
        if case .bool(let b) = v { return Tensor(b ? 1 : 0) }
        throw .error(.wrongArgumentKind(function: function, argument: argument, expected: "a tensor or number", got: v.kind), at: range)
    }

    func expectNumber(_ v: Value, function: String, argument: String, at range: SourceRange) throws(Diagnostic) -> Double {
        let t = try expectTensor(v, function: function, argument: argument, at: range)
        guard t.count == 1, let x = t.scalar else {
            throw .error(.wrongArgumentKind(function: function, argument: argument, expected: "a number",
                                            got: "tensor of shape \(t.shape)"), at: range)
        }
        return Double(x)
    }

    /// A whole number in `minimum...`; also checked to fit comfortably in an `Int`.
    func expectInteger(_ v: Value, function: String, argument: String, minimum: Int = Int.min, at range: SourceRange) throws(Diagnostic) -> Int {
        if case .integer(let i) = v {
            guard i >= minimum else { throw .error(.invalidArgument(function: function, argument: argument, problem: "must be at least \(minimum), got \(i)"), at: range) }
            return i
        }
        let x = try expectNumber(v, function: function, argument: argument, at: range)
        guard x == x.rounded(), Swift.abs(x) < 9e15 else {
            throw .error(.invalidArgument(function: function, argument: argument, problem: "must be a whole number, got \(NumberFormat().format(x))"), at: range)
        }
        let i = Int(x)
        guard i >= minimum else {
            throw .error(.invalidArgument(function: function, argument: argument, problem: "must be at least \(minimum), got \(i)"), at: range)
        }
        return i
    }

    /// A tensor-engine error as a diagnostic at `range`, with the shapes in the message and a
    /// hint where one helps.
    static func diagnostic(_ error: TensorError, at range: SourceRange) -> Diagnostic {
        var hint: DiagnosticMessage?
        switch error {
        case .broadcastMismatch:
            hint = .hintAdvice("shapes broadcast when, aligned on the right, each pair of sizes is equal or one of them is 1")
        case .matmulMismatch(let lhs, let rhs):
            hint = .hintAdvice("a @ b needs a's last size (\(lhs.last ?? 0)) to equal b's first (\(rhs.first ?? 0)); try b.T")
        case .tooLarge:
            hint = .hintAdvice("the limit guards the session's memory; work with smaller tensors")
        case .nonScalarBackward:
            hint = .hintAdvice("reduce it first (sum(L) or mean(L)), or give seed=")
        default: break
        }
        return .error(.tensorFailure("\(error)"), at: range, hint: hint)
    }

    /// A model error as a diagnostic at `range`.
    static func diagnostic(_ error: NNError, at range: SourceRange) -> Diagnostic {
        var hint: DiagnosticMessage?
        if case .notCompiled = error { hint = .hintUsage("compile model optimizer=adam loss=bce metrics=accuracy") }
        if case .unknownInputSize = error { hint = .hintAdvice("for example dense(128, relu, input=10)") }
        if case let .cannotLearn(problem, fix) = error { return .error(.modelFailure(problem), at: range, hint: .hintAdvice(fix)) }
        return .error(.modelFailure("\(error)"), at: range, hint: hint)
    }
}
