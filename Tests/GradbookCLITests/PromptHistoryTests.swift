import Foundation
import Testing
@testable import gradbook

/// The prompt's history file: bounded, one entry per cell, never corrupted by saving.
///
/// libedit keeps one history per process, so these run one at a time.
@Suite(.serialized)
struct PromptHistoryTests {
    private func temporaryPath() -> String {
        NSTemporaryDirectory() + "history-\(UUID().uuidString)"
    }

    /// The file's entries: the `_HiStOrY_V2_` cookie line, then one strvis-encoded line each.
    private func fileLines(_ path: String) -> [String] {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }

    @Test func boundedToTheLimitKeepingTheNewest() {
        let path = temporaryPath()
        defer { unlink(path) }
        let history = PromptHistory(path: path)
        let limit = Int(PromptHistory.limit)
        for i in 0..<(limit + 250) { history.remember("x = \(i)") }
        let lines = fileLines(path)
        #expect(lines.first == "_HiStOrY_V2_")
        #expect(lines.count == limit + 1)
        #expect(lines[1] == "x\\040=\\040250")
        #expect(lines.last == "x\\040=\\040\(limit + 249)")
        // A new session loads exactly what was kept.
        let again = PromptHistory(path: path)
        #expect(again.entries.count == limit)
        #expect(again.entries.last == "x = \(limit + 249)")
    }

    @Test func aMultiLineCellIsOneEntry() {
        let path = temporaryPath()
        defer { unlink(path) }
        let cell = "repeat 3\n  θ = θ - 0.1 * \"a\\\\b\"\nend"
        PromptHistory(path: path).remember(cell)
        #expect(fileLines(path).count == 2)
        #expect(PromptHistory(path: path).entries.last == cell)
    }

    @Test func blankAndRepeatedCellsAreNotAdded() {
        let path = temporaryPath()
        defer { unlink(path) }
        let history = PromptHistory(path: path)
        history.remember("x = 1")
        history.remember("x = 1")
        history.remember("   ")
        history.remember("y = 2")
        #expect(fileLines(path).dropFirst() == ["x\\040=\\0401", "y\\040=\\0402"])
    }

    /// Two sessions open at once: each save merges into the file instead of overwriting it.
    @Test func concurrentSessionsKeepBothHistories() {
        let path = temporaryPath()
        defer { unlink(path) }
        let first = PromptHistory(path: path)
        first.remember("a = 1")
        let second = PromptHistory(path: path)   // another process, in effect: it read the file
        second.remember("b = 2")
        first.remember("c = 3")
        #expect(PromptHistory(path: path).entries.suffix(3) == ["a = 1", "b = 2", "c = 3"])
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"))
    }
}
