import ArgumentParser
import Foundation
import Workbench
import Datasets

/// `gradbook run f.grad`: executes a script, printing what its cells print (SPEC §7).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a session file: outputs on stdout, errors on stderr as FILE:LINE:COL; exit 1 if any statement failed.")

    @Argument(help: "The session file to run.")
    var file: String

    @Flag(help: "Print each statement as an In [n]: line before its output.")
    var echo = false

    @Option(name: .customLong("allow-path"), help: "A folder the script may also read and write (repeatable).")
    var allowPaths: [String] = []

    @Option(help: "Stop the script after this many seconds (as Ctrl-C would; the process ends 2 s later if a statement cannot stop).")
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout.isFinite && timeout > 0) {
            throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
        }
    }

    func run() throws {
        ProcessSetup.applyLimits()
        ProcessSetup.installScriptInterruptHandler()
        if let timeout { ProcessSetup.startTimeout(seconds: timeout) }
        let text: String
        do { text = try FileBytes.text(of: file) } catch {
            Terminal.writeError("gradbook: \(error)\n")
            throw ExitCode(2)
        }
        let session = Session(seed: SessionFile.seed(inHeaderOf: text) ?? 0, environment: Terminal.environment(interactive: false))
        session.filePolicy = .confined(to: FileManager.default.currentDirectoryPath, allowing: allowPaths)
        session.allowedPaths = allowPaths
        let printer = SessionPrinter(mode: .script, echo: echo)
        let outcomes = onLargeStack {
            session.run(text, name: file, style: .file, willRun: printer.willRun, didRun: { printer.show($0) })
        }
        if interruptRequested.load(ordering: .relaxed) {
            Terminal.writeError("gradbook: interrupted; the rest of \(file) was not run\n")
            throw ExitCode(130)
        }
        if outcomes.contains(where: { $0.error != nil || $0.nestedFailures > 0 }) { throw ExitCode(1) }
    }
}
