import Autodiff
import Language

/// Number literals and whole-number arithmetic: float32 holds every whole number only up to
/// 2^24, so a count or size beyond it is kept as an exact `.integer` rather than a tensor
/// (`zeros(16777217)` must not allocate 16777216 elements).
extension Session {
    /// 2^24: from here on, float32 skips whole numbers (16777217 rounds to 16777216).
    static let float32WholeNumbers = 1 << 24

    /// A literal's value: an exact `.integer` for a whole number from 2^24 on, else the
    /// literal's float32 (correctly rounded from its digits), with a warning when it is beyond
    /// float32's range and so becomes ±inf.
    func literalValue(_ literal: NumberLiteral, at range: SourceRange) -> Value {
        if let i = literal.integer, i.magnitude >= UInt(Session.float32WholeNumbers) { return .integer(i) }
        if literal.float.isInfinite { warn(.numberBeyondFloat32(literal.text), at: range) }
        return .tensor(Tensor(literal.float))
    }

    /// `a + b`, `a - b` or `a * b` of two exact whole numbers (`.integer`s, or constant scalar
    /// float32s below 2^24), computed exactly when the result reaches 2^24: it is then an
    /// `.integer` (`4097 * 4097` is 16785409, where float32 would give 16785408). Nil otherwise
    /// (ordinary tensor arithmetic applies, giving the same float32 below 2^24), and on overflow.
    static func exactWholeNumberResult(_ op: BinaryOperator, _ l: Value, _ r: Value) -> Value? {
        guard op == .add || op == .subtract || op == .multiply,
              let x = exactWholeNumber(l), let y = exactWholeNumber(r) else { return nil }
        let result = switch op {
        case .add: x.addingReportingOverflow(y)
        case .subtract: x.subtractingReportingOverflow(y)
        default: x.multipliedReportingOverflow(by: y)
        }
        guard !result.overflow else { return nil }
        let n = result.partialValue
        return n.magnitude >= UInt(float32WholeNumbers) ? .integer(n) : .tensor(Tensor(Float(n)))
    }

    /// The exact whole number a value stands for, if it is one.
    private static func exactWholeNumber(_ v: Value) -> Int? {
        switch v {
        case .integer(let i): return i
        case .tensor(let t):
            guard t.node == nil, let x = t.scalar, x == x.rounded(), x.magnitude < Float(float32WholeNumbers) else { return nil }
            return Int(x)
        default: return nil
        }
    }

    /// Prints a warning as part of the statement's output, with the caret under `range` when
    /// the range lies in the statement being run (a `def` body's literal lies elsewhere); the
    /// transcript keeps it uncoloured.
    func warn(_ message: DiagnosticMessage, at range: SourceRange) {
        let warning = Diagnostic(.warning, message, at: range)
        guard range.end.offset <= currentSource.text.utf8.count else {
            emit("warning: " + message.text)
            return
        }
        let plain = DiagnosticRenderer(style: currentRenderer.style, usesColor: false).render(warning, in: currentSource)
        emit(plain, atTerminal: currentRenderer.render(warning, in: currentSource))
    }
}
