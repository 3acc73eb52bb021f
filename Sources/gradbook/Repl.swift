import Foundation
import Language
import Workbench

/// The prompt loop: reads cells, runs them, journals each one that succeeds, and asks before
/// quitting with unsaved cells.
final class Repl {
    let reader: LineReader
    let session: Session
    let prompt: Prompt
    /// The interrupt checks of the cell running now (the journal records where Ctrl-C stopped it).
    let checks: InterruptChecks
    let journal: SessionJournal
    private let printer: SessionPrinter
    private let homeDirectory: String?
    /// Whether a statement failed: piped input (`gradbook < f`) then exits 1, as `gradbook run` does.
    private(set) var anyStatementFailed = false

    init(reader: LineReader, seed: UInt64, journal: SessionJournal, homeDirectory: String?) {
        let interactive = reader.isInteractive
        let checks = InterruptChecks(requested: { interruptRequested.load(ordering: .relaxed) })
        let environment = Terminal.environment(interactive: interactive,
                                               askToContinue: interactive ? { reader.askToContinue() } : nil,
                                               interrupted: { checks.check() })
        self.reader = reader
        self.checks = checks
        self.journal = journal
        self.homeDirectory = homeDirectory
        session = Session(seed: seed, environment: environment)
        prompt = Prompt(colors: Prompt.colorsWanted(interactive: interactive))
        printer = SessionPrinter(mode: .repl, prompt: prompt)
    }

    /// Runs `text` as cells, journaling each success and then printing its outcome: once
    /// `Out[n]` is on the screen, cell n is on disk.
    @discardableResult
    func run(_ text: String, name: String = "<input>", style: DiagnosticRenderer.Style = .repl) -> [StatementOutcome] {
        let colors = prompt.colors
        StuckStatementRestart.statementRunning.store(true, ordering: .relaxed)
        defer { StuckStatementRestart.statementRunning.store(false, ordering: .relaxed) }
        let outcomes = onLargeStack {
            self.session.run(text, name: name, style: style, colors: colors,
                             willRun: { _, _ in self.checks.reset() },
                             didRun: { self.record($0); self.printer.show($0) })
        }
        if outcomes.contains(where: { $0.error != nil }) { anyStatementFailed = true }
        return outcomes
    }

    /// Appends the cell of a successful outcome to the journal (saved kinds only: not `save`, `quit`).
    func record(_ outcome: StatementOutcome) {
        guard outcome.error == nil, let cell = session.cells.last, cell.number == outcome.cellNumber,
              cell.succeeded, cell.isSaved else { return }
        if !journal.append(cell, stoppedAtCheck: checks.stoppedAt) {
            warnOnce(journal.failure ?? "the journal cannot be written")
        }
    }

    /// Reads and runs cells until Ctrl-D, the end of the input, or `quit`.
    func loop() {
        var pending = PendingCell()
        while true {
            let number = session.cells.count + 1
            let completion = reader.isInteractive
                ? CompletionRequest(completer: Completer(workspace: session.completionWorkspace, homeDirectory: homeDirectory),
                                    earlierLines: pending.text)
                : nil
            switch reader.read(prompt: pending.isEmpty ? prompt.input(number) : prompt.continuation(number), completion: completion) {
            case .line(let line):
                if pending.append(line) { continue }
                let cell = pending.text
                pending = PendingCell()
                if cell.allSatisfy(\.isWhitespace) { continue }
                reader.history?.remember(cell)
                interruptRequested.store(false, ordering: .relaxed)
                if run(cell).contains(where: \.requestsQuit), confirmQuit() { return }
            case .interrupted:
                pending = PendingCell()
            case .endOfInput:
                if confirmQuit() { return }
            }
        }
    }

    /// At a terminal with unsaved cells, asks before quitting; otherwise quits.
    private func confirmQuit() -> Bool {
        let unsaved = session.unsavedCells
        guard reader.isInteractive, unsaved > 0 else { return true }
        let question = "\(unsaved) cell\(unsaved == 1 ? " is" : "s are") not saved. Quit anyway? [y/N] "
        switch reader.read(prompt: question) {
        case .line(let text): return text.lowercased().hasPrefix("y")
        case .endOfInput: return true   // a second Ctrl-D means it
        case .interrupted: return false
        }
    }

    private var warned = false

    private func warnOnce(_ message: String) {
        guard !warned else { return }
        warned = true
        Terminal.writeError("gradbook: \(message); the session goes on without it\n")
    }
}
