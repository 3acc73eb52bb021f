import Foundation
import Autodiff
import Language

/// The session itself: history, save and run, undo, seeds, precision, help (SPEC §3 "Session").
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
                example: "save \"sessions/mine.grad\"") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let path = try inv.writablePath(try inv.string(0, "the path"), at: inv.range(0))
            let text = SessionFile.render(cells: inv.session.cells, seed: inv.session.initialSeed)
            do { try AtomicFile.write(text: text, to: path) } catch { throw .error(.fileFailure("\(error)"), at: inv.range(0)) }
            let count = inv.session.cells.filter { $0.succeeded && $0.isSaved }.count
            inv.print("saved \(count) cells to \(try inv.string(0, "the path"))")
            inv.session.markSaved()
            return .nothing
        },
        Builtin("run", .session, signature: "run(\"f.grad\")",
                summary: "Replays a session file into this session (its saved outputs are ignored; it may only touch files in this folder).",
                example: "run \"sessions/tour.grad\"") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let path = try inv.readablePath(0)
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw .error(.fileFailure("cannot read '\(try inv.string(0, "the path"))': \(error.localizedDescription)"), at: inv.range(0))
            }
            try inv.session.replay(text, name: try inv.string(0, "the path"), at: inv.callRange)
            return .nothing
        },
        Builtin("interrupt_at", .session, signature: "interrupt_at(k)",
                summary: "Stops the next statement where Ctrl-C (or q at a walk pause) stopped it when the session was saved: at its k-th step boundary (a step of fit, an iteration of repeat, a statement of run, a step of walk). save writes it; it is not saved itself.",
                example: "interrupt_at 120") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            inv.session.scheduledStop = try inv.integer(0, "k", minimum: 1)
            return .nothing
        },
        Builtin("rerun", .session, signature: "rerun(n)", summary: "Runs cell n's statement again.", example: "rerun 3") { inv throws(Diagnostic) in
            try inv.expectArguments(1...1)
            let n = try inv.integer(0, "n", minimum: 1)
            guard let cell = inv.session.cells.first(where: { $0.number == n }) else {
                throw inv.invalid("n", "is not a cell of this session (there are \(inv.session.cells.count))", at: inv.range(0))
            }
            try inv.session.replay(cell.source, name: "In [\(n)]", at: inv.callRange)
            return .nothing
        },
        Builtin("undo", .session, signature: "undo", summary: "The workspace as it was before the last cell that changed it.",
                example: "undo") { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            guard let previous = inv.session.undoStack.popLast() else { throw inv.failure("nothing to undo") }
            let before = inv.session.workspace
            inv.session.restore(previous)
            inv.session.markChangedByUndo(before: before, snapshotTime: previous.changeClockTime)
            inv.session.workspaceWrites += 1
            inv.session.undoDepthConsumed = true
            inv.print("undone: the workspace is as it was before the last change")
            return .nothing
        },
        Builtin("clear", .session, signature: "clear", summary: "Empties the workspace (undo brings it back).", example: "clear") { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            inv.session.clearWorkspace()
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
        Builtin("help", .session, signature: "help or help(name)", summary: "The built-ins by category, or one built-in's signature, description and example.",
                example: "help fit") { inv throws(Diagnostic) in
            try inv.expectArguments(0...1)
            guard inv.count == 1 else {
                inv.print(HelpText.overview(inv.session.builtins))
                return .nothing
            }
            let name: String
            switch inv.value(0) {
            case .builtin(let n), .string(let n): name = n
            default: name = inv.text(0)
            }
            guard let builtin = inv.session.builtins[name] else {
                let close = suggestions(for: name, among: inv.session.builtins.names)
                throw .error(.unknownName(name), at: inv.range(0), hint: close.isEmpty ? .hintAdvice("help lists every built-in") : .hintDidYouMean(close))
            }
            inv.print(HelpText.detail(builtin))
            return .nothing
        },
        Builtin("quit", .session, signature: "quit", summary: "Ends the session (at the prompt, asks first if cells are unsaved).",
                example: "quit") { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            inv.session.quitRequested = true
            return .nothing
        },
    ]
}

extension Session {
    /// Runs the statements of `text` (a file, or a cell's source) inside the current cell:
    /// each one's output and errors are printed as they come, confined to this folder when it
    /// is a file. Errors do not stop the replay; they are reported with the file's line.
    func replay(_ text: String, name: String, at range: SourceRange) throws(Diagnostic) {
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
        for item in script.items {
            if interruptPending() { emit("interrupted: the rest of \(name) was not run"); break }
            currentSource = source
            switch item {
            case .failure(let failure):
                failures += 1
                emit(renderer.render(failure.diagnostics, in: source))
            case .statement(let statement):
                let before = snapshot()
                // A stop the script schedules (`interrupt_at K`) counts from this statement on.
                innerStop = scheduledStop.map { interruptChecks + $0 }
                scheduledStop = nil
                defer { innerStop = nil }
                do {
                    if let value = try executeTopLevel(statement) { emit(render(value)) }
                } catch {
                    restore(before)
                    scopes = []
                    callDepth = 0
                    failures += 1
                    emit(renderer.render(error, in: source))
                }
            }
        }
        if failures > 0 { emit("\(failures) statement\(failures == 1 ? "" : "s") of \(name) failed") }
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
        lines.append("Statements: name = expr · a, b = expr · repeat N … end · def f(a) = expr · def f(a) do … end")
        return lines.joined(separator: "\n")
    }

    static func detail(_ b: Builtin) -> String {
        var lines = [b.signature, "  \(b.summary)"]
        if !b.options.isEmpty { lines.append("  options: " + b.options.map { $0 + "=" }.joined(separator: " ")) }
        if !b.flags.isEmpty { lines.append("  flags: " + b.flags.joined(separator: " ")) }
        lines.append("  example: \(b.example)")
        return lines.joined(separator: "\n")
    }
}
