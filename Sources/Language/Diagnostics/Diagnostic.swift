/// A problem found in a person's input: what it is, where, and what might fix it.
///
/// The message, hint and notes are `DiagnosticMessage` values, so all wording lives in the
/// catalogue; `DiagnosticRenderer` turns a diagnostic and its `SourceText` into the lines the
/// person sees. A diagnostic is an `Error`, so the interpreter can throw one as it is.
public struct Diagnostic: Sendable, Equatable, Error {
    /// How serious the problem is.
    public enum Severity: String, Sendable {
        /// The statement cannot run.
        case error
        /// The statement runs, but probably not as meant.
        case warning
    }

    /// A secondary message, usually pointing at a related place (`'(' is opened here`).
    public struct Note: Sendable, Equatable {
        /// What the note says.
        public var message: DiagnosticMessage
        /// Where it points, if anywhere.
        public var range: SourceRange?

        /// Creates a note.
        public init(_ message: DiagnosticMessage, at range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    /// How serious the problem is.
    public var severity: Severity
    /// What went wrong.
    public var message: DiagnosticMessage
    /// The span the caret marks.
    public var range: SourceRange
    /// What might fix it (`did you mean W1?`), if anything.
    public var hint: DiagnosticMessage?
    /// Related places and facts.
    public var notes: [Note]

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: DiagnosticMessage, at range: SourceRange,
                hint: DiagnosticMessage? = nil, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.hint = hint
        self.notes = notes
    }

    /// Creates an error.
    public static func error(_ message: DiagnosticMessage, at range: SourceRange,
                             hint: DiagnosticMessage? = nil, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: range, hint: hint, notes: notes)
    }
}
