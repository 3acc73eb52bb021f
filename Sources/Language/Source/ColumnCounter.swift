/// Running column numbers for a scanner that moves forward through one line at a time.
///
/// `SourceText.location(at:)` walks the line from its start for each question; a scanner asks
/// for a column at every token, and a 1 MB line would make that quadratic. This keeps a cursor
/// at the last `Character` boundary it saw and counts only from there, so a whole scan costs
/// one pass. Runs of ASCII (one byte, one column) skip the grapheme machinery altogether.
struct ColumnCounter {
    /// The text being scanned.
    let source: SourceText
    /// The UTF-8 offset of the current line's first byte.
    private(set) var lineStart = 0
    /// A `Character` boundary on the current line whose column is known.
    private var cursor = 0
    /// The column of `cursor`.
    private var cursorColumn = 1

    /// Starts counting over `source` from its first line.
    init(source: SourceText) {
        self.source = source
    }

    /// Moves to a new line starting at UTF-8 offset `offset`, which is column 1.
    mutating func startLine(at offset: Int) {
        lineStart = offset
        cursor = offset
        cursorColumn = 1
    }

    /// The column of UTF-8 offset `offset` on the current line.
    ///
    /// Asking for offsets in increasing order is what makes this cheap; an earlier offset is
    /// answered too, by counting again from the start of the line.
    mutating func column(at offset: Int) -> Int {
        if offset < cursor {
            cursor = lineStart
            cursorColumn = 1
        }
        let bytes = source.bytes
        var isASCII = offset == bytes.count || bytes[offset] < 0x80
        var index = cursor
        while isASCII && index < offset {
            isASCII = bytes[index] < 0x80
            index += 1
        }
        if isASCII {
            cursorColumn += offset - cursor
            cursor = offset
            return cursorColumn
        }
        let column = cursorColumn + source.characterCount(from: cursor, to: offset)
        if source.isCharacterBoundary(offset) {
            cursor = offset
            cursorColumn = column
        }
        return column
    }
}
