import Autodiff
import Language
import NN
import Datasets

/// One call of a built-in: its evaluated arguments with where they were written, and helpers
/// that turn them into what the built-in needs or throw a diagnostic that says what was wrong.
struct Invocation {
    /// An evaluated argument, with its source range and (for plain names) the name, so that
    /// commands like `fit model …` can store the trained model back.
    struct Argument {
        var value: Value
        let range: SourceRange
        let name: String?
    }

    let session: Session
    let builtin: Builtin
    let callRange: SourceRange
    var positional: [Argument]
    var options: [String: Argument]

    var name: String { builtin.name }
    var count: Int { positional.count }

    // MARK: Arity

    /// Checks the number of positional arguments.
    func expectArguments(_ allowed: ClosedRange<Int>) throws(Diagnostic) {
        guard allowed.contains(positional.count) else {
            let expected = allowed.lowerBound == allowed.upperBound
                ? Plural.count(allowed.lowerBound, "argument")
                : allowed.upperBound == Int.max
                    ? "at least \(Plural.count(allowed.lowerBound, "argument"))"
                    : "\(allowed.lowerBound) to \(allowed.upperBound) arguments"
            throw .error(.wrongArgumentCount(function: name, expected: expected, got: positional.count),
                         at: callRange, hint: .hintUsage(builtin.signature))
        }
    }

    // MARK: Positional arguments

    func argument(_ i: Int) -> Argument { positional[i] }
    func value(_ i: Int) -> Value { positional[i].value }
    func range(_ i: Int) -> SourceRange { positional[i].range }

    /// The argument as the person wrote it (`model[0].W`).
    func text(_ i: Int) -> String { session.sourceText(in: positional[i].range) }

    func tensor(_ i: Int, _ what: String) throws(Diagnostic) -> Tensor {
        try session.expectTensor(positional[i].value, function: name, argument: what, at: positional[i].range)
    }

    func number(_ i: Int, _ what: String) throws(Diagnostic) -> Double {
        try session.expectNumber(positional[i].value, function: name, argument: what, at: positional[i].range)
    }

    func integer(_ i: Int, _ what: String, minimum: Int = Int.min) throws(Diagnostic) -> Int {
        try session.expectInteger(positional[i].value, function: name, argument: what, minimum: minimum, at: positional[i].range)
    }

    func string(_ i: Int, _ what: String) throws(Diagnostic) -> String {
        guard case .string(let s) = positional[i].value else { throw kindError(i, what, expected: "a string") }
        return s
    }

    func model(_ i: Int, _ what: String = "model") throws(Diagnostic) -> Sequential {
        guard case .model(let m) = positional[i].value else { throw kindError(i, what, expected: "a model") }
        return m
    }

    func dataset(_ i: Int, _ what: String = "data") throws(Diagnostic) -> Dataset {
        guard case .dataset(let d) = positional[i].value else { throw kindError(i, what, expected: "a dataset") }
        return d
    }

    func kindError(_ i: Int, _ what: String, expected: String) -> Diagnostic {
        .error(.wrongArgumentKind(function: name, argument: what, expected: expected, got: positional[i].value.kind),
               at: positional[i].range, hint: .hintUsage(builtin.signature))
    }

    // MARK: Options

    func has(_ option: String) -> Bool { options[option] != nil }

    func optionValue(_ option: String) -> Value? { options[option]?.value }

    func optionNumber(_ option: String, default fallback: Double) throws(Diagnostic) -> Double {
        guard let a = options[option] else { return fallback }
        return try session.expectNumber(a.value, function: name, argument: option, at: a.range)
    }

    func optionNumber(_ option: String) throws(Diagnostic) -> Double? {
        guard let a = options[option] else { return nil }
        return try session.expectNumber(a.value, function: name, argument: option, at: a.range)
    }

    func optionInteger(_ option: String, default fallback: Int, minimum: Int = Int.min, maximum: Int = Int.max) throws(Diagnostic) -> Int {
        guard let a = options[option] else { return fallback }
        return try session.expectInteger(a.value, function: name, argument: option, minimum: minimum, maximum: maximum, at: a.range)
    }

    func optionInteger(_ option: String, minimum: Int = Int.min, maximum: Int = Int.max) throws(Diagnostic) -> Int? {
        guard let a = options[option] else { return nil }
        return try session.expectInteger(a.value, function: name, argument: option, minimum: minimum, maximum: maximum, at: a.range)
    }

    func optionBool(_ option: String, default fallback: Bool) throws(Diagnostic) -> Bool {
        guard let a = options[option] else { return fallback }
        switch a.value {
        case .bool(let b): return b
        case .tensor(let t) where t.count == 1: return (t.scalar ?? 0) != 0
        default:
            throw .error(.wrongArgumentKind(function: name, argument: option, expected: "true or false", got: a.value.kind), at: a.range)
        }
    }

    func optionString(_ option: String) throws(Diagnostic) -> String? {
        guard let a = options[option] else { return nil }
        switch a.value {
        case .string(let s): return s
        case .builtin(let s): return s
        default:
            throw .error(.wrongArgumentKind(function: name, argument: option, expected: "a string", got: a.value.kind), at: a.range)
        }
    }

    func optionRange(_ option: String) -> SourceRange { options[option]?.range ?? callRange }

    // MARK: Results and failures

    /// Stores a new value back into the variable argument `i` was read from (`fit model …`
    /// trains the workspace's `model`). Arguments that were not plain names are left alone.
    func storeBack(_ i: Int, _ value: Value) {
        if let variable = positional[i].name { session.assign(variable, value) }
    }

    /// A failure of this command, at the call.
    func failure(_ problem: String, hint: String? = nil) -> Diagnostic {
        .error(.commandFailed(command: name, problem: problem), at: callRange, hint: hint.map { .hintAdvice($0) })
    }

    /// A bad value for argument or option `what`, at `range`.
    func invalid(_ what: String, _ problem: String, at range: SourceRange? = nil, hint: String? = nil) -> Diagnostic {
        .error(.invalidArgument(function: name, argument: what, problem: problem), at: range ?? callRange,
               hint: hint.map { .hintAdvice($0) })
    }

    /// Runs tensor code, turning its errors into diagnostics at the call.
    func tensors<T>(_ body: () throws(TensorError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw Session.diagnostic(error, at: callRange) }
    }

    /// Runs model code, turning its errors into diagnostics at the call.
    func models<T>(_ body: () throws(NNError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw Session.diagnostic(error, at: callRange) }
    }

    /// Runs data code, turning its errors into diagnostics at the call.
    func data<T>(_ body: () throws(DataError) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw .error(.dataFailure("\(error)"), at: callRange) }
    }

    /// Prints a line of the cell's output.
    func print(_ text: String) { session.emit(text) }
}
