import Language

/// One executed statement: a numbered cell of the notebook.
public struct Cell {
    /// `In [n]`: numbered from 1 in the order statements ran.
    public let number: Int
    /// The statement's source text, as typed (for `history`, `save`, `rerun`).
    public let source: String
    /// Comment lines typed just before the statement, kept for `save`.
    public var leadingComments: [String] = []
    /// What the statement printed, then its value's text (the `Out[n]` part), joined.
    public var output: String
    /// The value, for `_` and `_n`, when the statement was an expression with one.
    public var value: Value?
    /// Whether the statement succeeded (failed statements are not saved).
    public var succeeded: Bool
    /// Whether it changed the workspace (what `undo` goes back over).
    public var changedWorkspace: Bool
    /// Statements that are never saved (`save`, `quit`).
    public var isSaved: Bool = true
    /// SVG documents of the plots the statement drew (for `export session`).
    public var plots: [String] = []
    /// Whether it ran confined (a statement of an untrusted file): the journal restores it
    /// confined again, so a `def` it made stays confined after `--resume` too.
    public var ranConfined = false
    /// The terminal drawing of each plot, as it appears in `output` (a notebook shows it as
    /// the plot's plain-text form instead).
    public var plotTexts: [String] = []
    /// Where Ctrl-C (or `q` at a `walk` pause) stopped the statement: its K-th interrupt
    /// check. Saved as `interrupt_at K` before it, so that it replays to the same point.
    public var stoppedAtCheck: Int?
}

/// What running one statement produced, for the REPL and `gradbook run` to show.
public struct StatementOutcome {
    public let cellNumber: Int
    /// The statement's source and its 1-based line span in the input.
    public let source: String
    public let lines: ClosedRange<Int>
    /// Everything printed while it ran (already streamed through `emit`).
    public let printed: String
    /// The value to show after `Out[n]:`, if any.
    public let valueText: String?
    /// The rendered diagnostic, if the statement failed.
    public let error: String?
    /// The diagnostic itself, for tests.
    public let diagnostic: Diagnostic?
    /// Set by `quit`.
    public let requestsQuit: Bool
    /// Statements of scripts it ran (`run "f.grad"`) that failed: the cell itself succeeded
    /// and keeps their work, but `gradbook run` still exits 1.
    public var nestedFailures = 0

    /// The transcript text of the cell: what it printed, then its value.
    public var transcript: String {
        [printed.isEmpty ? nil : printed, valueText].compactMap { $0 }.joined(separator: "\n")
    }
}
