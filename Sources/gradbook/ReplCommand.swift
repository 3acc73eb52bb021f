import ArgumentParser
import Foundation
import Workbench
import Datasets
import Interop

/// The REPL, optionally after replaying a session file (`gradbook f.grad`) or restoring the
/// journal of a session that did not end (`gradbook --resume`).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the REPL (the default), optionally replaying a session first.",
        discussion: """
            Every cell that succeeds is journaled to $GRADBOOK_HOME/journals (default \
            ~/.gradbook/journals) as it completes; a session that ends cleanly removes its journal. \
            Prompt history is kept in $GRADBOOK_HISTORY (default ~/.gradbook_history).
            """)

    @Argument(help: "A session file (.grad) to replay before the prompt opens; with --resume, the journal to restore.")
    var session: String?

    @Flag(help: "Restore the newest journal of a session that did not end (or the one given), then continue.")
    var resume = false

    @Option(name: .customLong("allow-path"), help: "A folder a replayed script may also read and write.")
    var allowPaths: [String] = []

    @Option(help: "The seed of the session's random stream.")
    var seed: UInt64 = 0

    func run() throws {
        ProcessSetup.applyLimits()
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        let folder = JournalFolder(home: JournalFolder.home(environment: environment))
        let reader = LineReader(historyPath: environment["GRADBOOK_HISTORY"] ?? home + "/.gradbook_history")
        var resumed: ResumedJournal?
        var replay: (path: String, text: String)?
        var startSeed = seed
        if resume {
            resumed = try ResumedJournal.choose(session, in: folder)
            startSeed = resumed?.contents.seed ?? seed
        } else if let path = session {
            let text: String
            do { text = try FileBytes.text(of: path) } catch {
                throw ValidationError("cannot read session file '\(path)': \(error)")
            }
            replay = (path, text)
            startSeed = SessionFile.seed(inHeaderOf: text) ?? seed
        }
        let repl = Repl(reader: reader, seed: startSeed, journal: SessionJournal(path: folder.newJournalPath(), seed: startSeed),
                        homeDirectory: home)
        repl.session.allowedPaths = allowPaths
        StuckStatementRestart.prepare(journal: repl.journal.path, allowPaths: allowPaths, seed: startSeed)
        if reader.isInteractive {
            Terminal.write("gradbook \(GradbookVersion.string) — help lists the built-ins, Tab completes, Ctrl-D quits\n")
        }
        if let resumed {
            resumed.restore(into: repl, folder: folder, allowPaths: allowPaths)
        } else if let replay {
            // A file given on the command line is untrusted: confined like `gradbook run`.
            repl.session.filePolicy = .confined(to: FileManager.default.currentDirectoryPath, allowing: allowPaths)
            repl.run(replay.text, name: replay.path, style: .file)
            repl.session.filePolicy = .unrestricted
        } else if reader.isInteractive {
            ResumedJournal.mentionUnfinished(in: folder)
        }
        repl.loop()
        repl.journal.discard()
        // At a terminal the person saw each error; from a pipe, the exit status tells.
        if !reader.isInteractive && repl.anyStatementFailed { throw ExitCode(1) }
    }
}
