/// What a session knows of the world it runs in: the terminal, where output goes, and how to
/// ask whether the person pressed Ctrl-C.
///
/// The REPL, `gradbook run` and the tests each build one; the interpreter never looks at file
/// descriptors or signals itself.
public struct SessionEnvironment {
    /// Output is a terminal: colours, progress bars and pauses are allowed.
    public var isTerminal: Bool
    /// Plots may be coloured: a terminal, and the person has not turned colour off (`NO_COLOR`
    /// set, or `TERM=dumb`). Without colour a plot draws as in a saved session.
    public var usesColor: Bool
    /// Columns available for plots and tables.
    public var width: Int
    /// Receives output as it is produced (an epoch line during `fit`), before the statement
    /// ends. The session also keeps it for the cell's transcript.
    public var emit: (String) -> Void
    /// Receives the errors of a script run inside a cell (`run "f.grad"`): they are errors, not
    /// the cell's output (stderr at a terminal and in `gradbook run`), and not in its transcript.
    public var emitError: (String) -> Void
    /// Draws transient text (a progress bar line) that is not part of the transcript.
    public var transient: (String) -> Void
    /// Whether `fit` draws its progress bar through `transient`: at a terminal, and in a
    /// notebook kernel, which shows it as a display updated in place (off a terminal the
    /// output stays plain otherwise: no colours, the fixed width).
    public var showsProgress: Bool
    /// Shows a plot apart from the text (a notebook's display): its SVG and its terminal
    /// drawing, which then does not go through `emit` (the transcript still holds it). When
    /// nil, plots are drawn in the text.
    public var display: ((_ svg: String, _ text: String) -> Void)?
    /// True once Ctrl-C was pressed; long commands poll it between steps.
    public var interruptRequested: () -> Bool
    /// At a terminal, `walk` asks after each step: continue, run to the end, or stop.
    public var askToContinue: (() -> WalkResponse)?

    public enum WalkResponse: Sendable { case next, runToEnd, stop }

    /// The width plots use off a terminal: fixed, so that saved outputs replay the same in
    /// `gradbook check`, `gradbook run` and a piped REPL.
    public static let plainWidth = 72

    public init(
        isTerminal: Bool = false, usesColor: Bool? = nil, width: Int = SessionEnvironment.plainWidth,
        emit: @escaping (String) -> Void = { _ in },
        emitError: ((String) -> Void)? = nil,
        transient: @escaping (String) -> Void = { _ in },
        interruptRequested: @escaping () -> Bool = { false },
        askToContinue: (() -> WalkResponse)? = nil,
        showsProgress: Bool? = nil,
        display: ((_ svg: String, _ text: String) -> Void)? = nil
    ) {
        self.isTerminal = isTerminal
        self.usesColor = usesColor ?? isTerminal
        self.showsProgress = showsProgress ?? isTerminal
        self.display = display
        self.width = width
        self.emit = emit
        self.emitError = emitError ?? emit
        self.transient = transient
        self.interruptRequested = interruptRequested
        self.askToContinue = askToContinue
    }

    /// A silent environment for scripts and tests: output is only collected.
    public static var script: SessionEnvironment { SessionEnvironment() }
}
