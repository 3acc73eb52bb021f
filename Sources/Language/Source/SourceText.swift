/// A named piece of source code and the table that maps its UTF-8 offsets to lines and columns.
///
/// The REPL makes one per cell (named `<input>`); `gradbook run` makes one per file, or one per
/// statement with `firstLine` set to where the statement starts in the file, so that every
/// location still reads as `FILE:LINE:COL` of the file.
///
/// Lines end at `\n`; a `\r` just before it belongs to the line break. Columns count
/// `Character`s, never bytes (see `SourceLocation`).
public struct SourceText: Sendable {
    /// The name diagnostics print before `:LINE:COL` (a file path, or `<input>`).
    public let name: String
    /// The source code itself.
    public let text: String
    /// The line number of the text's first line (1 unless the text is a piece of a larger file).
    public let firstLine: Int
    /// The UTF-8 bytes of `text`, which the scanner reads.
    let bytes: [UInt8]
    /// The UTF-8 offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]

    /// Wraps `text`, naming it `name`, with its first line numbered `firstLine`.
    public init(_ text: String, name: String = "<input>", firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The number of the last line.
    public var lastLine: Int { firstLine + lineCount - 1 }

    /// The location just after the last character: where an "end of input" is reported.
    public var endLocation: SourceLocation { location(at: bytes.count) }

    /// The text of line `number`, without its line break, or nil when there is no such line.
    public func line(_ number: Int) -> Substring? {
        let index = number - firstLine
        guard lineStarts.indices.contains(index) else { return nil }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r"), end < bytes.count { end -= 1 }
        return text[stringIndex(at: start)..<stringIndex(at: end)]
    }

    /// The location of the UTF-8 offset `offset` (clamped to the text).
    ///
    /// Costs a binary search for the line and a walk along that line for the column; the
    /// scanner, which needs a location for every token, keeps a running count instead.
    public func location(at offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), bytes.count)
        let index = lineIndex(containing: offset)
        let column = characterCount(from: lineStarts[index], to: offset) + 1
        return SourceLocation(offset: offset, line: firstLine + index, column: column)
    }

    /// The range covering the UTF-8 offsets `offsets` (clamped to the text).
    public func range(of offsets: Range<Int>) -> SourceRange {
        SourceRange(start: location(at: offsets.lowerBound), end: location(at: offsets.upperBound))
    }

    /// The text a range covers: a statement's exact source, a token's spelling.
    public func text(in range: SourceRange) -> Substring {
        let start = min(max(range.start.offset, 0), bytes.count)
        let end = min(max(range.end.offset, start), bytes.count)
        return text[stringIndex(at: start)..<stringIndex(at: end)]
    }

    /// The 0-based index into `lineStarts` of the line holding `offset`.
    func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The `String.Index` of a UTF-8 offset (O(1) for native strings).
    func stringIndex(at offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    /// The number of `Character`s between two UTF-8 offsets, both on scalar boundaries.
    ///
    /// A cluster cut by `end` counts as one; a cluster cut by `start` counts its tail as one.
    func characterCount(from start: Int, to end: Int) -> Int {
        guard end > start else { return 0 }
        return text[stringIndex(at: start)..<stringIndex(at: end)].count
    }

    /// Whether a UTF-8 offset falls between two `Character`s (not inside one).
    func isCharacterBoundary(_ offset: Int) -> Bool {
        stringIndex(at: offset).samePosition(in: text) != nil
    }
}

extension SourceText: Equatable {
    /// Two source texts are equal when their names, texts and first line numbers are.
    public static func == (lhs: SourceText, rhs: SourceText) -> Bool {
        lhs.name == rhs.name && lhs.firstLine == rhs.firstLine && lhs.text == rhs.text
    }
}
