import ArgumentParser
import Foundation
import Workbench

/// The REPL, optionally after replaying a session file (`gradbook f.grad`).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the REPL (the default), optionally replaying a session first.")

    @Argument(help: "A session file (.grad) to replay before the prompt opens.")
    var session: String?

    @Option(name: .customLong("allow-path"), help: "A folder a replayed script may also read and write.")
    var allowPaths: [String] = []

    @Option(help: "The seed of the session's random stream.")
    var seed: UInt64 = 0

    func run() throws {
        ProcessSetup.applyLimits()
        let reader = LineReader()
        let interactive = reader.isInteractive
        var replaySource: String?
        var startSeed = seed
        if let path = session {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("cannot read session file '\(path)'")
            }
            replaySource = text
            startSeed = SessionFile.seed(inHeaderOf: text) ?? seed
        }
        let environment = Terminal.environment(interactive: interactive, askToContinue: interactive ? { reader.askToContinue() } : nil)
        let workbench = Session(seed: startSeed, environment: environment)
        workbench.allowedPaths = allowPaths
        let printer = SessionPrinter(mode: .repl)
        if interactive {
            Terminal.write("gradbook \(GradbookVersion.string) — help lists the built-ins, Ctrl-D quits\n")
        }
        if let replaySource, let path = session {
            // A file given on the command line is untrusted: confined like `gradbook run`.
            workbench.filePolicy = .confined(to: FileManager.default.currentDirectoryPath, allowing: allowPaths)
            _ = onLargeStack { workbench.run(replaySource, name: path, style: .file, didRun: { printer.show($0) }) }
            workbench.filePolicy = .unrestricted
        }
        var pending = ""
        loop: while true {
            let number = workbench.cells.count + 1
            let prompt = pending.isEmpty ? "In [\(number)]: " : String(repeating: " ", count: max(0, "In [\(number)]".count - 5)) + "...: "
            switch reader.read(prompt: prompt) {
            case .line(let line):
                pending += pending.isEmpty ? line : "\n" + line
                if workbench.needsMoreInput(pending) { continue }
                let cell = pending
                pending = ""
                if cell.allSatisfy(\.isWhitespace) { continue }
                interruptRequested.store(false, ordering: .relaxed)
                let outcomes = onLargeStack { workbench.run(cell, colors: interactive, didRun: { printer.show($0) }) }
                if outcomes.contains(where: \.requestsQuit), confirmQuit(workbench, reader) { break loop }
            case .interrupted:
                pending = ""
            case .endOfInput:
                if confirmQuit(workbench, reader) { break loop }
            }
        }
    }

    /// At a terminal with unsaved cells, asks before quitting; otherwise quits.
    private func confirmQuit(_ workbench: Session, _ reader: LineReader) -> Bool {
        guard reader.isInteractive, workbench.unsavedCells > 0 else { return true }
        let answer = reader.read(prompt: "\(workbench.unsavedCells) cell\(workbench.unsavedCells == 1 ? " is" : "s are") not saved. Quit anyway? [y/N] ")
        if case .line(let text) = answer { return text.lowercased().hasPrefix("y") }
        return true
    }
}
