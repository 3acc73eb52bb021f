import Foundation
import Testing
@testable import Workbench

/// save → replay → save gives the same file, byte for byte: comments stay beside the
/// statements they were written with, and the old header is not kept as a comment.
struct SessionRoundTripTests {
    /// The project's sessions/ folder.
    static let sessionsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sessions")

    static var sessionFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sessionsFolder.path)) ?? [])
            .filter { $0.hasSuffix(".grad") }.sorted()
    }

    /// The date of a session file's header (`saved 2026-11-29`), so the re-saved header can
    /// be compared byte for byte.
    static func headerDate(_ text: String) -> Date? {
        guard let range = text.range(of: "saved ") else { return nil }
        let day = String(text[range.upperBound...].prefix(10))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = .current
        return formatter.date(from: day)
    }

    /// Replays `text` in a fresh session seeded from its header, and saves it again.
    static func resave(_ text: String, name: String) -> (String, [StatementOutcome]) {
        // (No session in sessions/ reads or writes a file, so the working folder does not matter.)
        let session = Session(seed: SessionFile.seed(inHeaderOf: text) ?? 0)
        let outcomes = session.run(text, name: name, style: .file)
        return (SessionFile.render(cells: session.cells, seed: session.initialSeed, date: headerDate(text) ?? Date()), outcomes)
    }

    @Test func everySessionFileResavesByteForByte() throws {
        #expect(Self.sessionFiles.count >= 8)
        for name in Self.sessionFiles {
            let text = try String(contentsOf: Self.sessionsFolder.appendingPathComponent(name), encoding: .utf8)
            let (again, outcomes) = Self.resave(text, name: name)
            #expect(outcomes.allSatisfy { $0.error == nil }, "\(name): \(outcomes.compactMap(\.error))")
            if again != text {
                let a = text.split(separator: "\n", omittingEmptySubsequences: false)
                let b = again.split(separator: "\n", omittingEmptySubsequences: false)
                let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                Issue.record("\(name) changes at line \(first + 1):\n  saved:   \(first < a.count ? a[first] : "(end)")\n  resaved: \(first < b.count ? b[first] : "(end)")")
            }
        }
    }

    /// The two bugs of the report, on a small file: a trailing comment moved onto the next
    /// statement, and the header kept as a comment (so each round trip grew the file).
    @Test func trailingCommentsStayAndTheHeaderIsNotKept() {
        let header = SessionFile.header(seed: 3, date: Date(timeIntervalSince1970: 0))
        let text = header + "\n# a note above x\nx = 2      # two\nx * 3      # six\n#> 6.0000\nrepeat 2   # loop\n  x = x + 1  # inc\nend        # done\nx\n#> 4.0000\n"
        let session = Session(seed: 3)
        session.run(text, name: "t.grad", style: .file)
        let once = SessionFile.render(cells: session.cells, seed: 3, date: Date(timeIntervalSince1970: 0))
        #expect(once == text)
        let again = Session(seed: 3)
        again.run(once, name: "t.grad", style: .file)
        #expect(SessionFile.render(cells: again.cells, seed: 3, date: Date(timeIntervalSince1970: 0)) == text)
        // The notebook export (HTML and ipynb) shows each comment with its own statement.
        #expect(session.notebook(title: "t").cells.map(\.source)
                == ["# a note above x\nx = 2      # two", "x * 3      # six",
                    "repeat 2   # loop\n  x = x + 1  # inc\nend        # done", "x"])
    }
}
