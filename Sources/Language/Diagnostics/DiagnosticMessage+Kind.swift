extension DiagnosticMessage {
    /// The kind of problem in one word, for front ends that show an error's class apart from
    /// its message (a Jupyter notebook's `ename`): `SyntaxError`, `NameError`, `TypeError`,
    /// `ValueError`, `IndexError`, `TensorError`, … Named as Python names its exceptions, since
    /// that is what notebook users read.
    public var kind: String {
        switch self {
        case .unexpectedCharacter, .unterminatedString, .unknownEscape, .malformedNumber, .numberOutOfRange,
             .expectedExpression, .expectedClosing, .expectedStatementEnd, .expectedName, .expectedToken,
             .expectedLineBreak, .expectedEnd, .unmatchedEnd, .unmatchedClosing, .invalidAssignmentTarget,
             .tooManyTargets, .duplicateOption, .duplicateParameter, .emptyFunctionBody, .nestingTooDeep:
            return "SyntaxError"
        case .unknownName: return "NameError"
        case .notCallable, .wrongArgumentCount, .wrongArgumentKind, .unknownOption, .invalidOperands,
             .noMember, .notIndexable, .destructuringMismatch, .mixedList:
            return "TypeError"
        case .invalidArgument: return "ValueError"
        case .indexOutOfRange: return "IndexError"
        case .recursionTooDeep: return "RecursionError"
        case .tensorFailure: return "TensorError"
        case .modelFailure: return "ModelError"
        case .dataFailure: return "DataError"
        case .fileFailure: return "FileError"
        case .commandFailed: return "CommandError"
        case .interrupted: return "Interrupted"
        default: return "Error"
        }
    }
}
