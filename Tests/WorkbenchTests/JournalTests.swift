import Foundation
import Language
import Testing
@testable import Workbench

/// The session journal: what it writes, what survives a crash at any byte, and what a restore
/// brings back.
final class JournalTests {
    /// This test's files, removed when it ends.
    private let scratch = NSTemporaryDirectory() + "journal-tests-\(UUID().uuidString)"

    deinit {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// A fresh journals folder.
    private func folder() -> JournalFolder {
        JournalFolder(home: scratch + "/\(UUID().uuidString)")
    }

    /// Runs `source` in a session whose environment counts interrupt checks; journals each
    /// successful cell. `interruptAfter` presses Ctrl-C at that check of the whole run.
    private func journaledSession(_ source: [String], interruptAfter: Int? = nil, in folder: JournalFolder)
        -> (Session, SessionJournal, InterruptChecks) {
        let pressed = Counter()
        let checks = InterruptChecks(requested: {
            pressed.value += 1
            return interruptAfter.map { pressed.value >= $0 } ?? false
        })
        let session = Session(seed: 7, environment: SessionEnvironment(interruptRequested: { checks.check() }))
        let journal = SessionJournal(path: folder.newJournalPath(), seed: 7)
        for cell in source {
            session.run(cell, willRun: { _, _ in checks.reset() }, didRun: { outcome in
                guard outcome.error == nil, let last = session.cells.last, last.succeeded, last.isSaved else { return }
                #expect(journal.append(last, stoppedAtCheck: checks.stoppedAt))
            })
        }
        return (session, journal, checks)
    }

    private lazy var cells = [
        "# the weights\nw = param([0.5, -0.25])",
        "x = [1, 2]",
        "nope + 1",
        "L = sum((w * x - 1)^2)",
        "L",
        "repeat 40\n  backward L\n  step w lr=0.01 quiet\n  L = sum((w * x - 1)^2)\nend",
        "_5 * 2",
        "save \"\(scratch)/never-journaled.grad\"",
    ]

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.hex(CRC32.checksum(Array("123456789".utf8))) == "cbf43926")
    }

    @Test func roundTripAndAValidSessionFile() throws {
        let folder = folder()
        let (_, journal, _) = journaledSession(cells, in: folder)
        let data = try #require(FileManager.default.contents(atPath: journal.path))
        let contents = JournalContents(Array(data))
        #expect(contents.seed == 7)
        #expect(contents.ignoredBytes == 0)
        #expect(contents.records.map(\.cellNumber) == [1, 2, 4, 5, 6, 7])   // not the failed cell, nor save
        #expect(contents.records[0].text == "# the weights\nw = param([0.5, -0.25])")
        #expect(contents.records.map(\.line) == [2, 5, 7, 9, 12, 18])   // where each starts in the file
        #expect(contents.records[3].text.hasPrefix("L\n#> "))
        // A journal is a session file: it parses, and replays without an error.
        let text = String(decoding: data, as: UTF8.self)
        guard case .complete = Parser.parse(SourceText(text)) else {
            Issue.record("the journal does not parse as a session")
            return
        }
        // Run as a plain script, it replays too, except `_5`: a script has no failed cell 3, so
        // its numbers shift. That is why a restore numbers cells from the records instead.
        #expect(Session(seed: 7).run(text).filter { $0.error != nil }.map(\.source) == ["_5 * 2"])
        #expect(JournalFolder.isInUse(journal.path))
        journal.discard()
        #expect(!FileManager.default.fileExists(atPath: journal.path))
    }

    @Test func nothingIsWrittenBeforeTheFirstCell() {
        let journal = SessionJournal(path: folder().newJournalPath(), seed: 0)
        #expect(!FileManager.default.fileExists(atPath: journal.path))
        journal.discard()
    }

    /// A crash at any byte leaves a file whose whole records read back and whose torn tail is ignored.
    @Test func aTornLastCellIsIgnoredAtEveryCut() throws {
        let folder = folder()
        let (_, journal, _) = journaledSession(cells, in: folder)
        let data = try #require(FileManager.default.contents(atPath: journal.path)).map { $0 }
        let whole = JournalContents(data).records
        // The byte offsets where each record ends.
        var ends: [Int] = []
        var offset = data.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        for record in whole {
            offset += record.bytes.count
            ends.append(offset)
        }
        #expect(ends.last == data.count)
        for cut in 0...data.count {
            let read = JournalContents(Array(data[..<cut]))
            let expected = ends.filter { $0 <= cut }.count
            #expect(read.records == Array(whole.prefix(expected)), "cut at \(cut)")
        }
        // A power cut can leave garbage after the last record, or a damaged last record.
        #expect(JournalContents(data + [UInt8](repeating: 0, count: 300)).records == whole)
        #expect(JournalContents(data + Array("#= cell 9, crc32 00000000\n".utf8)).records == whole)
        var damaged = data
        damaged[data.count - 30] ^= 0x20
        #expect(JournalContents(damaged).records == Array(whole.dropLast()))
        journal.discard()
    }

    @Test func restoreBringsBackEveryCompletedCell() throws {
        let folder = folder()
        let (original, journal, _) = journaledSession(cells, in: folder)
        let data = try #require(FileManager.default.contents(atPath: journal.path))
        let contents = JournalContents(Array(data))
        let checks = InterruptChecks(requested: { false })
        let restored = Session(seed: contents.seed ?? 0, environment: SessionEnvironment(interruptRequested: { checks.check() }))
        let result = restored.restore(contents.records, name: journal.path, checks: checks)
        #expect(result == JournalRestore(restored: 6, total: 6))
        #expect(restored.variableNames == original.variableNames)
        for name in original.variableNames {
            #expect(restored.render(restored.workspace[name] ?? .nothing) == original.render(original.workspace[name] ?? .nothing))
        }
        // Cell numbers are kept (the failed cell 3 holds its place), so `_5` and `In [n]` agree.
        #expect(restored.cells.count == 7)
        #expect(restored.cells[6].output == original.cells[6].output)
        #expect(restored.unsavedCells == 6)
        journal.discard()
    }

    /// A cell Ctrl-C stopped replays to the very same check, so the restored workspace is the
    /// interrupted one, not the one a full run would give.
    @Test func anInterruptedCellStopsAtTheSameStep() throws {
        let folder = folder()
        let (original, journal, _) = journaledSession(cells, interruptAfter: 13, in: folder)
        let contents = JournalContents(try #require(FileManager.default.contents(atPath: journal.path)).map { $0 })
        let stopped = contents.records.first { $0.stoppedAtCheck != nil }
        #expect(stopped?.cellNumber == 6)
        #expect(stopped?.stoppedAtCheck == 13)
        #expect(stopped?.text.contains("interrupted after 12 of 40 iterations") == true)
        let checks = InterruptChecks(requested: { false })
        let restored = Session(seed: 7, environment: SessionEnvironment(interruptRequested: { checks.check() }))
        _ = restored.restore(contents.records, name: "j", checks: checks)
        #expect(restored.render(restored.workspace["w"] ?? .nothing) == original.render(original.workspace["w"] ?? .nothing))
        let full = journaledSession(cells, in: self.folder())
        #expect(restored.render(restored.workspace["w"] ?? .nothing) != full.0.render(full.0.workspace["w"] ?? .nothing))
        journal.discard()
        full.1.discard()
    }

    @Test func unfinishedJournalsNewestFirstAndNotWhileInUse() throws {
        let folder = folder()
        var old: SessionJournal? = SessionJournal(path: folder.newJournalPath(date: Date(timeIntervalSinceNow: -3600), pid: 1), seed: 0)
        let running = SessionJournal(path: folder.newJournalPath(pid: 2), seed: 0)
        let cell = Cell(number: 1, source: "x = 1", output: "", value: nil, succeeded: true, changedWorkspace: true)
        let oldPath = try #require(old?.path)
        #expect(old?.append(cell) == true && running.append(cell))
        #expect(folder.unfinished().isEmpty)                    // both are held open
        // A process that dies releases its lock; closing the journal without discarding it does too.
        old = nil
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: oldPath)
        #expect(folder.unfinished().map(\.path) == [oldPath])
        #expect(folder.contains(oldPath))
        #expect(!folder.contains("/tmp/elsewhere.grad"))
        running.discard()
    }
}

private final class Counter { var value = 0 }
