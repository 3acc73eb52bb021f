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
    func expectInteger(_ v: Value, function: String, argument: String, minimum: Int = Int.min, maximum: Int = Int.max,
                       at range: SourceRange) throws(Diagnostic) -> Int {
        let i: Int
        if case .integer(let n) = v {
            i = n
        } else {
            let x = try expectNumber(v, function: function, argument: argument, at: range)
            guard x == x.rounded(), Swift.abs(x) < 9e15 else {
                throw .error(.invalidArgument(function: function, argument: argument, problem: "must be a whole number, got \(NumberFormat().format(x))"), at: range)
            }
            // A float32 beyond 2^24 may be a rounded count (16777217 → 16777216): only exact
            // whole numbers (literals, sizes, counts and sums of them) are trusted that far.
            guard Swift.abs(x) <= Double(Session.float32WholeNumbers) else {
                throw .error(.invalidArgument(function: function, argument: argument,
                                              problem: "is \(Int(x)), computed in float32, which holds whole numbers exactly only up to 2^24 = 16777216"),
                             at: range, hint: .hintAdvice("write the count as a whole-number literal, or compute it from literals with + - *"))
            }
            i = Int(x)
        }
        guard i >= minimum else {
            throw .error(.invalidArgument(function: function, argument: argument, problem: "must be at least \(minimum), got \(i)"), at: range)
        }
        // A count that sizes work or output has a limit, named here so the person knows it.
        guard i <= maximum else {
            throw .error(.invalidArgument(function: function, argument: argument, problem: "must be at most \(maximum), got \(i)"), at: range)
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
        case .memoryFull:
            hint = .hintAdvice("free some: give large names smaller values (`undo` keeps the last few values of a name alive too)")
        case .windowMismatch(_, _, _, _, let fix):
            hint = .hintAdvice(fix)
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
        if case let .layerShapeMismatch(layer, expected, got) = error, expected.count == 2, got.count > 2 {
            hint = .hintAdvice("put flatten() before \(layer): it turns each [\(got.dropFirst().map { "\($0 ?? 0)" }.joined(separator: ", "))] sample into one row")
        }
        if case let .tensor(.windowMismatch(_, _, _, _, fix), _) = error { hint = .hintAdvice(fix) }
        if let advice = error.dataShapeHint { hint = .hintAdvice(advice) }
        if case let .cannotLearn(problem, fix) = error { return .error(.modelFailure(problem), at: range, hint: .hintAdvice(fix)) }
        return .error(.modelFailure("\(error)"), at: range, hint: hint)
    }
}
