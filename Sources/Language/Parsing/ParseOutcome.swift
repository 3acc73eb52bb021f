/// What parsing a cell or a file says: it is complete, it needs more lines, or it is wrong.
///
/// The REPL acts on all three: run a complete program, print the continuation prompt and
/// append the next line when incomplete, show the diagnostics when failed. A script runner
/// that reaches the end of its file while `.incomplete` reports the diagnostic it carries
/// (`expected 'end' to close 'repeat', found end of input`), which is also the right error.
public enum ParseOutcome: Sendable, Equatable {
    /// The source parsed; the program may have zero statements (empty or comment-only input).
    case complete(Program)
    /// The source ends inside an open `(` or `[`, or inside a block at a point where another
    /// line could go on. The diagnostic says what is missing, should no more lines come.
    case incomplete(Diagnostic)
    /// The source has errors that no further line can fix; at least one diagnostic, in source
    /// order, at most `Parser.maxDiagnostics` for each statement that failed (`Parser.parseScript`
    /// keeps the statements that did not).
    case failed([Diagnostic])

    /// The program, when complete.
    public var program: Program? {
        if case .complete(let program) = self { program } else { nil }
    }

    /// The diagnostics: none when complete, one when incomplete.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .complete: []
        case .incomplete(let diagnostic): [diagnostic]
        case .failed(let diagnostics): diagnostics
        }
    }
}

/// Parses `text` as a cell or a file named `name`: `parse("x = 2")`.
///
/// Shorthand for `Parser.parse(SourceText(text, name: name))`; keep a `SourceText` of your
/// own when you will render diagnostics or slice statement text.
public func parse(_ text: String, name: String = "<input>") -> ParseOutcome {
    Parser.parse(SourceText(text, name: name))
}
