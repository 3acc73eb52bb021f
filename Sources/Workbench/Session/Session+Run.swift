import Language

extension Session {
    /// Runs a cell or a whole file: parses it, then runs each statement as a numbered cell.
    ///
    /// - `name` and `firstLine` place diagnostics (`f.grad:12:5`) when the text is part of a file.
    /// - `style`: `.repl` quotes the line under the message; `.file` prefixes `FILE:LINE:COL:`.
    /// Output is streamed through `environment.emit` as it is produced, and also returned.
    /// `willRun` is called with each statement's cell number and source before it runs, and
    /// `didRun` with its outcome right after, so a front end can print in order as it goes.
    @discardableResult
    public func run(
        _ text: String, name: String = "<input>", firstLine: Int = 1,
        style: DiagnosticRenderer.Style = .repl, colors: Bool = false,
        willRun: (Int, String) -> Void = { _, _ in }, didRun: (StatementOutcome) -> Void = { _ in }
    ) -> [StatementOutcome] {
        let source = SourceText(text, name: name, firstLine: firstLine)
        let renderer = DiagnosticRenderer(style: style, usesColor: colors)
        stack = StackGuard()
        switch Parser.parse(source) {
        case .complete(let program):
            var outcomes: [StatementOutcome] = []
            var previousEnd = 0
            if program.statements.isEmpty {
                // A comment typed on its own belongs with the statement that follows it.
                pendingComments += program.comments.filter { !$0.isSavedOutput }.map { String(source.text(in: $0.range)) }
                return []
            }
            interruptObserved = false
            for statement in program.statements {
                // After Ctrl-C (or a timeout) stopped a command, the rest of the cell or
                // script does not run.
                if interruptObserved { break }
                let comments = program.comments.filter {
                    !$0.isSavedOutput && $0.range.start.offset >= previousEnd
                        && $0.range.start.offset < statement.range.start.offset
                }.map { String(source.text(in: $0.range)) }
                let leading = pendingComments + comments
                pendingComments = []
                previousEnd = statement.range.end.offset
                willRun(cells.count + 1, String(source.text(in: statement.range)))
                let outcome = execute(statement, in: source, comments: leading, renderer: renderer)
                didRun(outcome)
                outcomes.append(outcome)
                if outcome.requestsQuit { break }
            }
            return outcomes
        case .incomplete(let diagnostic):
            let outcome = failedParse([diagnostic], source: source, renderer: renderer)
            didRun(outcome)
            return [outcome]
        case .failed(let diagnostics):
            let outcome = failedParse(diagnostics, source: source, renderer: renderer)
            didRun(outcome)
            return [outcome]
        }
    }

    /// Whether `text` is a complete cell, or needs more lines (the REPL's continuation prompt).
    public func needsMoreInput(_ text: String) -> Bool {
        if case .incomplete = Parser.parse(SourceText(text)) { return true }
        return false
    }

    private func failedParse(_ diagnostics: [Diagnostic], source: SourceText, renderer: DiagnosticRenderer) -> StatementOutcome {
        let number = cells.count + 1
        let text = source.text
        cells.append(Cell(number: number, source: text, output: "", value: nil, succeeded: false, changedWorkspace: false))
        let lines = diagnostics.first.map { $0.range.start.line...max($0.range.start.line, $0.range.end.line) } ?? source.firstLine...source.firstLine
        return StatementOutcome(cellNumber: number, source: text, lines: lines, printed: "", valueText: nil,
                                error: renderer.render(diagnostics, in: source), diagnostic: diagnostics.first,
                                requestsQuit: false)
    }

    /// Runs one top-level statement as a cell, rolling everything back if it fails.
    func execute(_ statement: Statement, in source: SourceText, comments: [String], renderer: DiagnosticRenderer) -> StatementOutcome {
        let before = snapshot()
        let writesBefore = workspaceWrites
        let number = cells.count + 1
        // The statement's whole lines, so that a comment after it on its line is kept too.
        let text = (statement.range.start.line...max(statement.range.start.line, statement.range.end.line))
            .compactMap { source.line($0).map(String.init) }.joined(separator: "\n")
        let lines = statement.range.start.line...max(statement.range.start.line, statement.range.end.line)
        pendingOutput = []
        pendingPlots = []
        pendingPlotTexts = []
        currentSource = source
        quitRequested = false
        undoDepthConsumed = false
        var saved = true
        if case .expression(let e) = statement.kind, let name = Session.commandName(e), ["save", "quit", "exit"].contains(name) {
            saved = false
        }
        do {
            let shown = try executeTopLevel(statement)
            let changed = workspaceWrites != writesBefore
            if changed && !undoDepthConsumed {
                undoStack.append(before)
                if undoStack.count > Session.undoDepth { undoStack.removeFirst() }
            }
            let valueText = shown.map { render($0) }
            let printed = pendingOutput.joined(separator: "\n")
            var cell = Cell(number: number, source: text, output: [printed.isEmpty ? nil : printed, valueText].compactMap { $0 }.joined(separator: "\n"),
                            value: shown, succeeded: true, changedWorkspace: changed)
            cell.leadingComments = comments
            cell.isSaved = saved
            cell.plots = pendingPlots
            cell.plotTexts = pendingPlotTexts
            cells.append(cell)
            if saved { unsavedCells += 1 }
            return StatementOutcome(cellNumber: number, source: text, lines: lines, printed: printed,
                                    valueText: valueText, error: nil, diagnostic: nil, requestsQuit: quitRequested)
        } catch {
            restore(before)
            scopes = []
            callDepth = 0
            cells.append(Cell(number: number, source: text, output: "", value: nil, succeeded: false, changedWorkspace: false))
            return StatementOutcome(cellNumber: number, source: text, lines: lines, printed: pendingOutput.joined(separator: "\n"),
                                    valueText: nil, error: renderer.render(error, in: source), diagnostic: error,
                                    requestsQuit: false)
        }
    }

    /// The built-in a statement calls, when it is a command (`save "f"`, `quit`).
    static func commandName(_ e: Expr) -> String? {
        switch e.kind {
        case .name(let n): return n
        case .call(let c): return c.calleeName
        default: return nil
        }
    }
}
