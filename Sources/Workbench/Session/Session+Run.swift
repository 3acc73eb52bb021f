import Language

extension Session {
    /// Runs a cell or a whole file: parses it, then runs each statement as a numbered cell.
    ///
    /// - `name` and `firstLine` place diagnostics (`f.grad:12:5`) when the text is part of a file.
    /// - `style`: `.repl` quotes the line under the message; `.file` prefixes `FILE:LINE:COL:`.
    /// A syntax error costs only its own statement (through its block's `end`): it becomes a
    /// failed cell in its place, reported in source order, and every other statement runs.
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
        let script = Parser.parseScript(source)
        if let incomplete = script.incomplete {
            let outcome = failedParse([incomplete], source: source, range: nil, renderer: renderer)
            didRun(outcome)
            return [outcome]
        }
        if script.items.isEmpty {
            // A comment typed on its own belongs with the statement that follows it.
            pendingComments += script.comments.filter { isLeadingComment($0, in: source) }.map { String(source.text(in: $0.range)) }
            return []
        }
        var outcomes: [StatementOutcome] = []
        var previousEnd = 0
        interruptObserved = false
        for item in script.items {
            // After Ctrl-C (or a timeout) stopped a command, the rest of the cell or
            // script does not run.
            if interruptObserved { break }
            let comments = script.comments.filter {
                isLeadingComment($0, in: source) && $0.range.start.offset >= previousEnd
                    && $0.range.start.offset < item.range.start.offset
            }.map { String(source.text(in: $0.range)) }
            let leading = pendingComments + comments
            pendingComments = []
            previousEnd = item.range.end.offset
            let outcome: StatementOutcome
            switch item {
            case .statement(let statement):
                willRun(cells.count + 1, String(source.text(in: statement.range)))
                outcome = execute(statement, in: source, comments: leading, renderer: renderer)
            case .failure(let failure):
                // Its comments go with it: a failed statement is not saved.
                outcome = failedParse(failure.diagnostics, source: source, range: failure.range, renderer: renderer)
            }
            didRun(outcome)
            outcomes.append(outcome)
            if outcome.requestsQuit { break }
        }
        return outcomes
    }

    /// Whether a comment is one the person wrote on lines of its own before a statement,
    /// which `save` keeps above it. Not: a comment after code on its line (it is part of that
    /// statement's lines already, and stays there), a saved output (`#>`), or the header line
    /// of a session file being replayed (`save` writes a fresh one).
    private func isLeadingComment(_ comment: Comment, in source: SourceText) -> Bool {
        guard comment.isWholeLine, !comment.isSavedOutput else { return false }
        return !(comment.range.start.line == source.firstLine && SessionFile.isHeader(comment.text))
    }

    /// Whether `text` is a complete cell, or needs more lines (the REPL's continuation prompt).
    public func needsMoreInput(_ text: String) -> Bool {
        if case .incomplete = Parser.parse(SourceText(text)) { return true }
        return false
    }

    /// A failed cell for a statement that did not parse (`range`; nil for the whole source).
    private func failedParse(_ diagnostics: [Diagnostic], source: SourceText, range: SourceRange?,
                             renderer: DiagnosticRenderer) -> StatementOutcome {
        let number = cells.count + 1
        let lines = range.map { $0.start.line...max($0.start.line, $0.end.line) }
            ?? diagnostics.first.map { $0.range.start.line...max($0.range.start.line, $0.range.end.line) }
            ?? source.firstLine...source.firstLine
        let text = range == nil ? source.text : lines.compactMap { source.line($0).map(String.init) }.joined(separator: "\n")
        cells.append(Cell(number: number, source: text, output: "", value: nil, succeeded: false, changedWorkspace: false))
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
        interruptChecks = 0
        stoppedAtCheck = nil
        cellStop = scheduledStop
        scheduledStop = nil
        defer { cellStop = nil }
        currentSource = source
        currentRenderer = renderer
        quitRequested = false
        undoDepthConsumed = false
        nestedFailures = 0
        var saved = true
        if case .expression(let e) = statement.kind, let name = Session.commandName(e), builtins[name]?.isSaved == false {
            saved = false
        }
        do {
            let shown = try executeTopLevel(statement)
            let changed = workspaceWrites != writesBefore
            if changed && !undoDepthConsumed {
                var entry = before
                entry.undoneCell = (number, text)
                undoStack.append(entry)
                if undoStack.count > Session.undoDepth { undoStack.removeFirst() }
            }
            let valueText = shown.map { render($0, of: statement) }
            let printed = pendingOutput.joined(separator: "\n")
            var cell = Cell(number: number, source: text, output: [printed.isEmpty ? nil : printed, valueText].compactMap { $0 }.joined(separator: "\n"),
                            value: shown, succeeded: true, changedWorkspace: changed)
            cell.leadingComments = comments
            cell.isSaved = saved
            cell.plots = pendingPlots
            cell.ranConfined = filePolicy.roots != nil
            cell.plotTexts = pendingPlotTexts
            cell.stoppedAtCheck = stoppedAtCheck
            cells.append(cell)
            if saved { unsavedCells += 1 }
            return StatementOutcome(cellNumber: number, source: text, lines: lines, printed: printed,
                                    valueText: valueText, error: nil, diagnostic: nil, requestsQuit: quitRequested,
                                    nestedFailures: nestedFailures)
        } catch {
            restore(before)
            scopes = []
            callDepth = 0
            breakRequested = false
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
