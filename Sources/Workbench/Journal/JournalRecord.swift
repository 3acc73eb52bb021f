import Foundation

/// One cell as a journal stores it: the cell as a session file has it (comments, statement,
/// `#>` output), then a closing line that proves the record was written whole.
///
/// ```
/// fit model train epochs=50
/// #> epoch 1/50  loss: 0.4410  accuracy: 0.8125
/// #> interrupted at epoch 2, after step 37: the model keeps every completed step
/// #= cell 7, stopped at check 350, crc32 1f2e3d4c
/// ```
///
/// The closing line is a comment to the language, so a journal is a valid session file. Its
/// checksum covers the record from its first byte up to `crc32 `, so a record torn by a crash
/// (cut short, or ending in garbage after a power cut) fails the check and is dropped.
/// `stopped at check K` records that Ctrl-C stopped the cell at its K-th interrupt check (see
/// `InterruptChecks`), so that a replay stops it at the same step.
public struct JournalRecord: Equatable, Sendable {
    /// The cell's lines as in a session file, without the closing line.
    public var text: String
    public var cellNumber: Int
    /// The interrupt check that stopped the cell, if Ctrl-C did.
    public var stoppedAtCheck: Int?
    /// The line of the journal the record starts on (for messages about it).
    public var line: Int
    /// The cell came from an untrusted file and ran confined (restored confined again).
    public var confined: Bool

    public init(text: String, cellNumber: Int, stoppedAtCheck: Int? = nil, line: Int = 1, confined: Bool = false) {
        self.text = text
        self.cellNumber = cellNumber
        self.stoppedAtCheck = stoppedAtCheck
        self.line = line
        self.confined = confined
    }

    /// A successful cell's record.
    public init(_ cell: Cell, stoppedAtCheck: Int?) {
        self.init(text: SessionFile.lines(of: cell).joined(separator: "\n"), cellNumber: cell.number,
                  stoppedAtCheck: stoppedAtCheck, confined: cell.ranConfined)
    }

    static let closingPrefix = Array("#= cell ".utf8)
    static let checksumLabel = Array("crc32 ".utf8)

    /// The record's bytes, closing line included, ending in a line break.
    public var bytes: [UInt8] {
        var covered = Array((text + "\n#= cell \(cellNumber), ").utf8)
        if let stoppedAtCheck { covered += Array("stopped at check \(stoppedAtCheck), ".utf8) }
        if confined { covered += Array("confined, ".utf8) }
        covered += Self.checksumLabel
        return covered + Array((CRC32.hex(CRC32.checksum(covered)) + "\n").utf8)
    }
}

/// What a journal file holds: the header's seed and every record written whole.
public struct JournalContents: Equatable, Sendable {
    /// The seed in the header (`# gradbook … session, …, seed 0`); nil if the header is missing.
    public var seed: UInt64?
    public var records: [JournalRecord]
    /// Bytes after the last whole record: a record torn by a crash, ignored.
    public var ignoredBytes: Int

    /// Reads a journal. A file that is not one (no `# gradbook` header) has no records.
    public init(_ data: [UInt8]) {
        records = []
        guard let headerEnd = data.firstIndex(of: UInt8(ascii: "\n")),
              data.starts(with: Array("# gradbook".utf8)) else {
            seed = nil
            ignoredBytes = data.count
            return
        }
        seed = SessionFile.seed(inHeaderOf: String(decoding: data[..<headerEnd], as: UTF8.self))
        var recordStart = headerEnd + 1, recordLine = 2
        var lineStart = recordStart, lineNumber = 2   // the line at lineStart
        while lineStart < data.count, let lineEnd = data[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = data[lineStart..<lineEnd]
            if line.starts(with: JournalRecord.closingPrefix),
               var record = JournalContents.closedRecord(data, from: recordStart, closingLine: line) {
                record.line = recordLine
                records.append(record)
                recordStart = lineEnd + 1
                recordLine = lineNumber + 1
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        ignoredBytes = data.count - recordStart
    }

    /// The record that `closingLine` closes, if its checksum holds.
    private static func closedRecord(_ data: [UInt8], from start: Int, closingLine line: ArraySlice<UInt8>) -> JournalRecord? {
        guard line.startIndex > start, let label = line.firstRange(of: JournalRecord.checksumLabel),
              line.endIndex - label.upperBound == 8,
              let stored = UInt32(String(decoding: line[label.upperBound...], as: UTF8.self), radix: 16),
              CRC32.checksum(data[start..<label.upperBound]) == stored else { return nil }
        let fields = String(decoding: line[line.startIndex..<label.lowerBound], as: UTF8.self)
            .dropFirst(JournalRecord.closingPrefix.count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let number = fields.first.flatMap({ Int($0) }) else { return nil }
        let stop = fields.first { $0.hasPrefix("stopped at check ") }.flatMap { Int($0.dropFirst("stopped at check ".count)) }
        let text = String(decoding: data[start..<(line.startIndex - 1)], as: UTF8.self)
        return JournalRecord(text: text, cellNumber: number, stoppedAtCheck: stop, confined: fields.contains("confined"))
    }
}
