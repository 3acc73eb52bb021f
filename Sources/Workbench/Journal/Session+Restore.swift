import Foundation

/// What restoring a journal did.
public struct JournalRestore: Equatable, Sendable {
    /// Records whose cell ran again without an error.
    public var restored = 0
    /// Records in the journal.
    public var total = 0
    /// The errors of records that failed this time (a file that is gone, say).
    public var errors: [String] = []
    /// Ctrl-C stopped the restore before the end.
    public var interrupted = false

    public var isComplete: Bool { restored == total && !interrupted }
}

extension Session {
    /// Runs a journal's records again, in order, each as the cell it was: with its number,
    /// quietly (no progress bars, no pauses, output only collected), and, if Ctrl-C stopped
    /// it, stopped at the same check (see `InterruptChecks`).
    ///
    /// `checks` must be the counter the session's environment asks (the REPL's); a Ctrl-C it
    /// reports during the restore stops the restore after that cell. `didRun` sees every
    /// outcome, as with `run`, so a new journal can record the restored cells.
    public func restore(_ records: [JournalRecord], name: String, checks: InterruptChecks,
                        didRun: (StatementOutcome) -> Void = { _ in }) -> JournalRestore {
        let live = environment
        environment = SessionEnvironment(isTerminal: false, width: live.width,
                                         interruptRequested: live.interruptRequested)
        defer {
            environment = live
            checks.replayStop = nil
        }
        var result = JournalRestore(total: records.count)
        for record in records {
            // Cells that failed were not journaled: keep their numbers taken, so that `_3`,
            // `rerun 3` and the `In [n]` that follow mean what they meant.
            while cells.count + 1 < record.cellNumber {
                cells.append(Cell(number: cells.count + 1, source: "# (failed; not kept in the journal)", output: "",
                                  value: nil, succeeded: false, changedWorkspace: false))
            }
            checks.replayStop = record.stoppedAtCheck
            // A cell that ran confined (from an untrusted file) is restored confined, to this folder.
            let outerPolicy = filePolicy
            if record.confined {
                filePolicy = filePolicy.narrowed(by: .confined(to: FileManager.default.currentDirectoryPath, allowing: allowedPaths))
            }
            defer { filePolicy = outerPolicy }
            var failed = false
            run(record.text, name: name, firstLine: record.line, style: .file, willRun: { _, _ in checks.reset() }, didRun: { outcome in
                if let error = outcome.error {
                    failed = true
                    result.errors.append(error)
                }
                didRun(outcome)
            })
            if !failed { result.restored += 1 }
            // A stop the record did not ask for is the person's Ctrl-C.
            if let stop = checks.stoppedAt, record.stoppedAtCheck.map({ stop < $0 }) ?? true {
                result.interrupted = true
                break
            }
        }
        return result
    }
}
