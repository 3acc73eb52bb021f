import Foundation
import Autodiff
import Language
import Datasets
import Interop

/// The session itself: history, save and run, undo, seeds, precision, help, quit.
extension Builtins {
    static let session: [Builtin] = [
        Builtin("history", .session, signature: "history", summary: "The numbered cells of this session (✗ marks the ones that failed).",
                example: "history") { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            let lines = inv.session.cells.map { cell -> String in
                let mark = cell.succeeded ? " " : "✗"
                let source = cell.source.split(separator: "\n").joined(separator: "\n         ")
                return "\(mark)In [\(cell.number)]: \(source)"
            }
            inv.print(lines.isEmpty ? "no cells yet" : lines.joined(separator: "\n"))
            return .nothing
        },
        Builtin("save", .session, signature: "save(\"f.grad\")",
                summary: "Writes the cells that succeeded, with their outputs as #> lines (plain, plots at 72 columns), to a session file (atomically); a statement stopped partway is saved after interrupt_at K.",
                example: "save \"sessions/mine.grad\"", isSaved: false) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let path = try inv.writablePath(try inv.string(0, "the path"), at: inv.range(0))
            let text = SessionFile.render(cells: inv.session.cells, seed: inv.session.initialSeed)
            do { try AtomicFile.write(text: text, to: path) } catch { throw .error(.fileFailure("\(error)"), at: inv.range(0)) }
            let count = inv.session.cells.filter { $0.succeeded && $0.isSaved }.count
            inv.print("saved \(Plural.count(count, "cell")) to \(try inv.string(0, "the path"))")
            inv.session.markSaved()
            return .nothing
        },
        Builtin("run", .session, signature: "run(\"f.grad\")",
                summary: "Replays a session file into this session (its saved outputs are ignored; it may only touch files in this folder); at a terminal it shows each statement, with its comments, before its output.",
                example: "run \"sessions/tour.grad\"") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let path = try inv.readablePath(0)
            let file = try inv.string(0, "the path")
            guard !PathBytes.isFolder(Array(path.utf8)) else {
                throw inv.invalid("the path", "'\(file)' is a folder; run takes a session file (such as 'lesson.grad')", at: inv.range(0))
            }
            let bytes: [UInt8]
            do throws(DataError) { bytes = try FileBytes.contents(of: path) } catch {
                var reason = "\(error)"
                if case .cannotRead(_, let why) = error { reason = why }
                throw .error(.fileFailure("cannot read '\(file)': \(reason)"), at: inv.range(0))
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .error(.fileFailure("cannot read '\(file)': it is not UTF-8 text (is it a session file?)"), at: inv.range(0))
            }
            try inv.session.replay(text, name: try inv.string(0, "the path"), at: inv.callRange, echo: true)
            return .nothing
        },
        Builtin("interrupt_at", .session, signature: "interrupt_at(k)",
                summary: "Stops the next statement where Ctrl-C (or q at a walk pause) stopped it when the session was saved: at its k-th step boundary (a step of fit, an iteration of repeat, for or while, a statement of run, a step of walk). save writes it; it is not saved itself.",
                example: "interrupt_at 120", isSaved: false) { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            inv.session.scheduledStop = try inv.integer(0, "k", minimum: 1)
            return .nothing
        },
        Builtin("rerun", .session, signature: "rerun(n)", summary: "Runs cell n's statement again; its value is this cell's.", example: "rerun 3") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let n = try inv.integer(0, "n", minimum: 1)
            guard let cell = inv.session.cells.first(where: { $0.number == n }) else {
                throw inv.invalid("n", "is not a cell of this session (there are \(inv.session.cells.count))", at: inv.range(0))
            }
            return try inv.session.replay(cell.source, name: "In [\(n)]", at: inv.callRange, returnsValue: true) ?? .nothing
        },
        Builtin("undo", .session, signature: "undo", summary: "The workspace as it was before the last cell that changed it (it says which cell it undid).",
                example: "undo") { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            guard let previous = inv.session.undoStack.popLast() else { throw inv.failure("nothing to undo") }
            let before = inv.session.workspace
            inv.session.restore(previous)
            inv.session.markChangedByUndo(before: before, snapshotTime: previous.changeClockTime)
            inv.session.workspaceWrites += 1
            inv.session.undoDepthConsumed = true
            if let cell = previous.undoneCell {
                inv.print("undid cell \(cell.number): \(Builtins.firstLine(of: cell.source)) (the workspace is as it was before it)")
            } else {
                inv.print("undone: the workspace is as it was before the last change")
            }
            return .nothing
        },
        Builtin("clear", .session, signature: "clear", summary: "Empties the workspace and says how many names it removed (undo brings them back).", example: "clear") { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            let names = inv.session.variableNames.count
            inv.session.clearWorkspace()
            inv.print(names == 0 ? "the workspace was already empty" : "cleared the workspace: \(Plural.count(names, "name")) removed (undo brings them back)")
            return .nothing
        },
        Builtin("seed", .session, signature: "seed(n)", summary: "Restarts the session's random stream from seed n.", example: "seed 42") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            inv.session.reseed(UInt64(try inv.integer(0, "n", minimum: 0)))
            inv.session.workspaceWrites += 1
            return .nothing
        },
        Builtin("precision", .session, signature: "precision(n)", summary: "Prints numbers with n decimals (default 4).", example: "precision 6") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let n = try inv.integer(0, "n", minimum: 0)
            guard n <= 12 else { throw inv.invalid("n", "must be at most 12, got \(n)", at: inv.range(0)) }
            inv.session.numberFormat.precision = n
            inv.session.workspaceWrites += 1
            return .nothing
        },
        Builtin("help", .session, signature: "help or help(name)", summary: "The built-ins by category, or one built-in's (or keyword's: help for) signature, description and example (wrapped to the terminal's width).",
                example: "help fit", takesNames: true) { inv throws(Diagnostic) in
            try inv.expectArguments(0...1)
            guard inv.count == 1 else {
                HelpText.print(HelpText.overview(inv.session.builtins), to: inv.session)
                return .nothing
            }
            let name: String
            switch inv.value(0) {
            case .builtin(let n), .string(let n): name = n
            default: name = inv.text(0)
            }
            if inv.session.builtins[name] == nil, let keyword = KeywordHelp.entry(for: name) {
                inv.print(keyword.text)
                return .nothing
            }
            guard let builtin = inv.session.builtins[name] else {
                let close = suggestions(for: name, among: inv.session.builtins.names + KeywordHelp.keywords)
                throw .error(.unknownName(name), at: inv.range(0), hint: close.isEmpty ? .hintAdvice("help lists every built-in") : .hintDidYouMean(close))
            }
            HelpText.print(HelpText.detail(builtin), to: inv.session)
            return .nothing
        },
        Builtin("quit", .session, signature: "quit", summary: "Ends the session (at the prompt, asks first if cells are unsaved).",
                example: "quit", isSaved: false, run: quit),
        Builtin("exit", .session, signature: "exit", summary: "The same as quit: ends the session (at the prompt, asks first if cells are unsaved).",
                example: "exit", isSaved: false, run: quit),
    ]

    /// `quit` and `exit`: the prompt (or the replay) ends after this cell.
    private static func quit(_ inv: inout Invocation) throws(Diagnostic) -> Value {
        try inv.expectArguments(0...0)
        inv.session.quitRequested = true
        return .nothing
    }
}

extension Session {
    /// Runs the statements of `text` (a file, or a cell's source) inside the current cell:
    /// each one's output is printed as it comes, confined to this folder when it is a file.
    /// Errors do not stop the replay; they are reported with the file's line as errors
    /// (`environment.emitError`), outside the cell's output, and counted in `nestedFailures`.
    ///
    /// At a terminal with `echo`, each statement is shown before its output, with the comments
    /// above it, as `gradbook run --echo` shows a file (on the screen only: a transcript keeps
    /// the outputs alone, so the saved session replays the same anywhere). With
    /// `returnsValue`, the last statement's value is returned instead of printed, for the
    /// cell to show after `Out[n]:` (`rerun`).
    @discardableResult
    func replay(_ text: String, name: String, at range: SourceRange, echo: Bool = false,
                returnsValue: Bool = false) throws(Diagnostic) -> Value? {
        guard scriptDepth < 8 else {
            throw .error(.commandFailed(command: "run", problem: "scripts nested more than 8 deep (does a script run itself?)"), at: range)
        }
        let outerSource = currentSource, outerPolicy = filePolicy
        scriptDepth += 1
        if filePolicy.roots == nil { filePolicy = .confined(to: FileManager.default.currentDirectoryPath, allowing: allowedPaths) }
        defer {
            scriptDepth -= 1
            currentSource = outerSource
            filePolicy = outerPolicy
        }
        let source = SourceText(text, name: name)
        let renderer = DiagnosticRenderer(style: .file)
        let script = Parser.parseScript(source)
        if let incomplete = script.incomplete {
            throw .error(.fileFailure(renderer.render(incomplete, in: source)), at: range)
        }
        // A statement that does not parse fails alone, as at the top level: the others run.
        var failures = 0
        var lastValue: Value?
        var previousEnd = 0
        for (k, item) in script.items.enumerated() {
            if interruptPending() { emit("interrupted: the rest of \(name) was not run"); break }
            if echo && environment.isTerminal {
                environment.emit(Session.echoed(item, number: k + 1, comments: script.comments, after: previousEnd, in: source))
            }
            previousEnd = item.range.end.offset
            currentSource = source
            switch item {
            case .failure(let failure):
                failures += 1
                nestedFailures += 1
                environment.emitError(renderer.render(failure.diagnostics, in: source))
            case .statement(let statement):
                let before = snapshot()
                // A stop the script schedules (`interrupt_at K`) counts from this statement on.
                innerStop = scheduledStop.map { interruptChecks + $0 }
                scheduledStop = nil
                defer { innerStop = nil }
                do {
                    lastValue = nil
                    if let value = try executeTopLevel(statement) {
                        if returnsValue { lastValue = value } else { emit(render(value, of: statement)) }
                    }
                } catch {
                    restore(before)
                    scopes = []
                    callDepth = 0
                    breakRequested = false
                    failures += 1
                    nestedFailures += 1
                    environment.emitError(renderer.render(error, in: source))
                }
            }
        }
        if failures > 0 { environment.emitError("\(Plural.count(failures, "statement")) of \(name) failed") }
        return lastValue
    }

    /// A statement of a replayed file as `gradbook run --echo` shows it: the comments on the
    /// lines above it, then `In [k]:` and its lines.
    static func echoed(_ item: ScriptParse.Item, number: Int, comments: [Comment], after previousEnd: Int, in source: SourceText) -> String {
        let start = item.range.start.offset
        let above = comments.filter {
            $0.isWholeLine && !$0.isSavedOutput && $0.range.start.offset >= previousEnd && $0.range.start.offset < start
                && !($0.range.start.line == source.firstLine && SessionFile.isHeader($0.text))
        }.map(\.text)
        let lines = (item.range.start.line...max(item.range.start.line, item.range.end.line)).compactMap { source.line($0).map(String.init) }
        let prompt = "In [\(number)]: ", continuation = String(repeating: " ", count: prompt.count - 5) + "...: "
        return (above + [prompt + lines.joined(separator: "\n" + continuation)]).joined(separator: "\n")
    }
}

/// The text of `help`.
enum HelpText {
    static func overview(_ registry: BuiltinRegistry) -> String {
        var lines = ["gradbook built-ins (help NAME for one of them):"]
        for category in Builtin.Category.allCases {
            let names = registry.all.filter { $0.category == category }.map(\.name)
            guard !names.isEmpty else { continue }
            lines.append("  \(category.rawValue): " + names.joined(separator: " "))
        }
        lines.append("Statements: name = expr · a, b = expr · if cond … else … end · for i in N … end · while cond … end · "
                     + "repeat N … end · break · def f(a) = expr · def f(a) do … end")
        lines.append("Keywords and operators (help WORD): " + KeywordHelp.keywords.joined(separator: " "))
        return lines.joined(separator: "\n")
    }

    /// Prints help wrapped at spaces: to the terminal's width on the screen, and at the plain
    /// width in the transcript, so that a saved session replays the same at any width.
    static func print(_ text: String, to session: Session) {
        let width = session.environment.width
        let plain = wrap(text, width: SessionEnvironment.plainWidth)
        session.emit(plain, atTerminal: session.environment.isTerminal ? wrap(text, width: width) : plain)
    }

    /// Each line broken at spaces to at most `width` columns (a word longer than that stays
    /// whole); a broken line's continuation is indented two past the line's own indent.
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            guard line.count > width else { return [String(line)] }
            let indent = line.prefix { $0 == " " }.count
            let continuation = String(repeating: " ", count: indent + 2)
            var lines: [String] = []
            var current = String(repeating: " ", count: indent)
            var currentHasWord = false
            for word in line.split(separator: " ") {
                if currentHasWord && current.count + 1 + word.count > width {
                    lines.append(current)
                    current = continuation
                    currentHasWord = false
                }
                current += (currentHasWord ? " " : "") + word
                currentHasWord = true
            }
            lines.append(current)
            return lines
        }.joined(separator: "\n")
    }

    static func detail(_ b: Builtin) -> String {
        var lines = [b.signature, "  \(b.summary)"]
        if !b.options.isEmpty { lines.append("  options: " + b.options.map { $0 + "=" }.joined(separator: " ")) }
        if !b.flags.isEmpty { lines.append("  flags: " + b.flags.joined(separator: " ")) }
        lines.append("  example: \(b.example)")
        return lines.joined(separator: "\n")
    }
}

extension Builtins {
    /// A cell's source as one short line for a message: its first line, cut at 60 characters.
    static func firstLine(of source: String) -> String {
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let cut = line.count > 60 ? String(line.prefix(59)) + "…" : line
        return source.contains("\n") && cut == line ? cut + " …" : cut
    }
}
