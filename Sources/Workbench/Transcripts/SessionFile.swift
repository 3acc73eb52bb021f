import Foundation
import Language
import Interop

/// The `.grad` session format (SPEC §5): the statements that succeeded, in order, each followed
/// by its output as `#> ` lines, under a header naming the version, the date and the seed.
///
/// ```
/// # gradbook 0.1.0 session, saved 2026-11-29, seed 0
/// w = param(0.5)
/// L = (sigmoid(w*2 + 0.1) - 1)^2
/// L
/// #> 0.0624
/// ```
public enum SessionFile {
    /// The header line for a session started from `seed`.
    public static func header(seed: UInt64, date: Date = Date()) -> String {
        let day = ISO8601DateFormatter.string(from: date, timeZone: .current, formatOptions: [.withFullDate])
        return "# gradbook \(GradbookVersion.string) session, saved \(day), seed \(seed)"
    }

    /// Whether `line` is a session file's header line (`# gradbook 0.1.0 session, saved …`).
    public static func isHeader(_ line: some StringProtocol) -> Bool {
        line.hasPrefix("# gradbook ") && line.contains(" session, saved ")
    }

    /// The seed named in a session file's header, if any (`…, seed 42`).
    public static func seed(inHeaderOf text: String) -> UInt64? {
        guard let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
              first.hasPrefix("# gradbook"), let range = first.range(of: "seed ", options: .backwards) else { return nil }
        return UInt64(first[range.upperBound...].prefix { $0.isNumber })
    }

    /// The text of a session file for `cells`: saved, succeeded cells with their comments
    /// and outputs.
    public static func render(cells: [Cell], seed: UInt64, date: Date = Date()) -> String {
        var lines = [header(seed: seed, date: date)]
        for cell in cells where cell.succeeded && cell.isSaved {
            lines += self.lines(of: cell)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One cell as a session file holds it: its comments, its statement (after `interrupt_at K`
    /// when Ctrl-C or a `walk`'s `q` stopped it partway), its output as `#>` lines.
    public static func lines(of cell: Cell) -> [String] {
        var lines = statementLines(of: cell)
        if !cell.output.isEmpty {
            lines += cell.output.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "#>" : "#> " + $0 }
        }
        return lines
    }

    /// A cell's input as saved (and as a notebook export shows it): the comment lines above
    /// it, `interrupt_at K` when it was stopped partway, then its statement with any comment
    /// written after it on its lines.
    public static func statementLines(of cell: Cell) -> [String] {
        var lines = cell.leadingComments
        if let check = cell.stoppedAtCheck { lines.append("interrupt_at \(check)") }
        lines.append(cell.source)
        return lines
    }

    /// For each statement of a parsed session file, the output saved after it (its `#>` lines,
    /// joined) and the 1-based line of the first of them (nil when it saved none).
    public static func expectedOutputs(of program: Program, source: SourceText) -> [(text: String, firstLine: Int?)] {
        expectedOutputs(after: program.statements.map(\.range), comments: program.comments)
    }

    /// The same for the statements of a script parsed with recovery, failed ones included.
    public static func expectedOutputs(of script: ScriptParse) -> [(text: String, firstLine: Int?)] {
        expectedOutputs(after: script.items.map(\.range), comments: script.comments)
    }

    /// The `#>` lines between the end of each range and the start of the next.
    private static func expectedOutputs(after ranges: [SourceRange], comments: [Comment]) -> [(text: String, firstLine: Int?)] {
        var result: [(text: String, firstLine: Int?)] = []
        for (i, range) in ranges.enumerated() {
            let end = range.end.offset
            let next = i + 1 < ranges.count ? ranges[i + 1].start.offset : Int.max
            let saved = comments.filter { $0.isSavedOutput && $0.range.start.offset >= end && $0.range.start.offset < next }
            let text = saved.map { $0.savedOutput.map(String.init) ?? "" }.joined(separator: "\n")
            result.append((text, saved.first?.range.start.line))
        }
        return result
    }
}
