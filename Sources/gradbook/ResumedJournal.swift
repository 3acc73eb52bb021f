import ArgumentParser
import Foundation
import Workbench
import Datasets

/// `gradbook --resume`: picks the journal of a session that did not end, restores its cells
/// into the new session, and says what it did.
struct ResumedJournal {
    let path: String
    let contents: JournalContents
    /// Journals whose cells are all in this one (a `--resume` of it that was killed partway):
    /// removed with it once its restore is complete.
    var subsumed: [String] = []

    /// The journal given (a path, or a name in the journals folder), else the newest one left by
    /// a session that is not running; lists them when there are several. Nil when there is none.
    static func choose(_ given: String?, in folder: JournalFolder) throws -> ResumedJournal? {
        if let given {
            let path = FileManager.default.fileExists(atPath: given) ? given : folder.path + "/" + given
            let bytes: [UInt8]
            do { bytes = try FileBytes.contents(of: path) } catch {
                throw ValidationError("cannot read the journal '\(given)': \(error) (journals are kept in \(folder.path))")
            }
            let contents = JournalContents(bytes)
            // A journal starts with a session header; anything else is some other file.
            guard bytes.starts(with: Array("# gradbook".utf8)) else {
                throw ValidationError("'\(given)' is not a gradbook journal (a journal's first line is its `# gradbook` "
                    + "session header; journals are kept in \(folder.path))")
            }
            return ResumedJournal(path: path, contents: contents)
        }
        let entries = folder.unfinished()
        guard !entries.isEmpty else {
            Terminal.write("no unfinished session to resume (journals are kept in \(folder.path))\n")
            return nil
        }
        let journals = entries.map { ResumedJournal(path: $0.path, contents: read($0.path)) }
        if entries.count > 1 {
            Terminal.write("\(entries.count) unfinished sessions in \(folder.path):\n")
            for (entry, journal) in zip(entries, journals) {
                let cells = journal.contents.records.count
                Terminal.write("  \(format(entry.modified))  \(pad(cells)) cell\(cells == 1 ? " " : "s")  \(entry.name)\n")
            }
        }
        var chosen = journals[0]
        // A `--resume` that was killed while restoring leaves a newer journal holding only the
        // first cells of the one it restored: the lineage's most complete journal is the one
        // to take, whichever is newest.
        let lineage = journals.filter { $0.continues(chosen) || chosen.continues($0) }
        if let fullest = lineage.max(by: { $0.contents.records.count < $1.contents.records.count }),
           fullest.contents.records.count > chosen.contents.records.count {
            Terminal.write("resuming \(name(fullest.path)) (\(fullest.contents.records.count) cells): the newer "
                + "\(name(chosen.path)) holds only its first \(chosen.contents.records.count) (a resume that was cut short)\n")
            chosen = fullest
        } else if entries.count > 1 {
            Terminal.write("resuming the newest (gradbook --resume NAME restores another)\n")
        }
        chosen.subsumed = lineage.filter { $0.path != chosen.path && chosen.continues($0) }.map(\.path)
        return chosen
    }

    /// Whether this journal begins with every cell of `other` (same seed, same cells in order):
    /// one restored from the other, or the other from this one, partly.
    func continues(_ other: ResumedJournal) -> Bool {
        guard contents.seed == other.contents.seed, !other.contents.records.isEmpty,
              contents.records.count >= other.contents.records.count else { return false }
        return zip(contents.records, other.contents.records).allSatisfy { $0.text == $1.text && $0.cellNumber == $1.cellNumber }
    }

    private static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// Runs the journal's cells in `repl`'s session (which journals them again), then removes the
    /// old journal if every cell came back and it is one of gradbook's own.
    func restore(into repl: Repl, folder: JournalFolder, allowPaths: [String]) {
        let own = folder.contains(path)
        if !own {
            // A journal from elsewhere is a script like any other: confined like `gradbook run`.
            repl.session.filePolicy = .confined(to: FileManager.default.currentDirectoryPath, allowing: allowPaths)
        }
        let result = onLargeStack {
            repl.session.restore(contents.records, name: path, checks: repl.checks, didRun: repl.record)
        }
        repl.session.filePolicy = .unrestricted
        for error in result.errors { Terminal.writeError(error + "\n") }
        var report = "restored \(result.restored) of \(result.total) cell\(result.total == 1 ? "" : "s") from \(path)"
        if result.interrupted { report += " (stopped by Ctrl-C)" }
        if contents.ignoredBytes > 0 { report += "; a last cell that was cut off while being written was left out" }
        Terminal.write(report + "\n")
        if own, result.isComplete, repl.journal.failure == nil, !JournalFolder.isInUse(path) {
            unlink(path)   // its cells are in this session's journal now
            for partial in subsumed where !JournalFolder.isInUse(partial) { unlink(partial) }
        } else if own {
            Terminal.write("the journal is kept: \(path)\n")
        }
    }

    /// At the start of a plain session: a one-line note when journals are waiting.
    static func mentionUnfinished(in folder: JournalFolder) {
        let count = folder.unfinished().count
        guard count > 0 else { return }
        let what = count == 1 ? "1 session that did not end was" : "\(count) sessions that did not end were"
        Terminal.write("\(what) journaled in \(folder.path): gradbook --resume restores \(count == 1 ? "it" : "the newest")\n")
    }

    private static func read(_ path: String) -> JournalContents {
        JournalContents((try? FileBytes.contents(of: path)) ?? [])
    }

    private static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    private static func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, 4 - s.count)) + s
    }
}
