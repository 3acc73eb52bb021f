/// The first problem found in a range of rows, by byte offset; `CSVLoader` turns it into a
/// `DataError` with the line number and the column's name (work done only on this path).
struct CSVFault: Error {
    enum Kind: Equatable {
        /// Not a number (or a missing one: the loader tells which from the field's text).
        case badValue
        /// A missing target in a text-target column (empty or an NA token).
        case missingText
        case tooFewFields(found: Int)
        case tooManyFields
        case unterminatedQuote
        case textAfterQuote
    }
    let kind: Kind
    /// The field's first byte (the line's, for a count of fields).
    let offset: Int
    let column: Int
}

/// The hot loop of CSV loading: rows of a byte range parsed straight into float buffers.
///
/// No field becomes a `String`: numbers are parsed in place by `FloatParser`, which stops at
/// the delimiter; only quoted fields (copied once, unescaping `""`) and text targets take a
/// slower path. Blank and whitespace-only lines are skipped; `\r` before `\n` is whitespace.
enum CSVRowParser {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")

    /// Parses the whole lines of `range` (it ends just after a newline or at the end of the
    /// text; `bufferEnd` is the end of the text, where a NUL follows it). Row r's features go to
    /// `features[r·F ..< (r+1)·F]` and its targets to `targets[r·T ..< (r+1)·T]`; the buffers
    /// hold at least as many rows as `range` has lines. With `labels`, the one target is text:
    /// each value is numbered in the order first seen. Returns the rows read and the first
    /// fault, if any.
    static func parse(
        _ range: Range<Int>, of base: UnsafePointer<UInt8>, end bufferEnd: UnsafePointer<UInt8>, columns: CSVColumns,
        features: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>,
        labels: inout CSVClassLabels?
    ) -> (rows: Int, fault: CSVFault?) {
        let stop = base + range.upperBound
        let lastColumn = columns.names.count - 1
        var p = base + range.lowerBound
        var rows = 0
        var scratch: [UInt8] = []
        func fault(_ kind: CSVFault.Kind, _ at: UnsafePointer<UInt8>, _ column: Int) -> (Int, CSVFault?) {
            (rows, CSVFault(kind: kind, offset: at - base, column: column))
        }
        return columns.destinations.withUnsafeBufferPointer { destinations in
            while p < stop {
                var q = p
                while q < stop, isSpace(q.pointee) { q += 1 }
                if q == stop { break }
                if q.pointee == newline { p = q + 1; continue }  // a blank line
                let lineStart = p
                let featureRow = features + rows * columns.featureCount
                let targetRow = targets + rows * columns.targetCount
                for column in 0...lastColumn {
                    while p < stop, isSpace(p.pointee) { p += 1 }
                    let fieldStart = p
                    let destination = destinations[column]
                    if p < stop, p.pointee == quote {
                        guard readQuoted(&p, stop, into: &scratch) else { return fault(.unterminatedQuote, fieldStart, column) }
                        if destination < 0, labels != nil {
                            guard !CSVText.isMissing(scratch) else { return fault(.missingText, fieldStart, column) }
                            targetRow[0] = labels?.id(of: scratch) ?? 0
                        } else {
                            guard let value = number(in: &scratch) else { return fault(.badValue, fieldStart, column) }
                            store(value, destination, featureRow, targetRow)
                        }
                        while p < stop, isSpace(p.pointee) { p += 1 }
                        if p < stop, p.pointee != comma, p.pointee != newline { return fault(.textAfterQuote, fieldStart, column) }
                    } else if destination < 0, labels != nil {
                        while p < stop, p.pointee != comma, p.pointee != newline { p += 1 }
                        var end = p
                        while end > fieldStart, isSpace(end[-1]) { end -= 1 }
                        let text = UnsafeBufferPointer(start: fieldStart, count: end - fieldStart)
                        guard !CSVText.isMissing(text) else { return fault(.missingText, fieldStart, column) }
                        targetRow[0] = labels?.id(of: text) ?? 0
                    } else {
                        guard let value = FloatParser.parse(&p, end: bufferEnd), !value.isNaN else { return fault(.badValue, fieldStart, column) }
                        store(value, destination, featureRow, targetRow)
                        while p < stop, isSpace(p.pointee) { p += 1 }
                    }
                    let atLineEnd = p == stop || p.pointee == newline
                    if column < lastColumn {
                        if p < stop, p.pointee == comma { p += 1; continue }
                        return atLineEnd ? fault(.tooFewFields(found: column + 1), lineStart, column)
                                         : fault(.badValue, fieldStart, column)
                    }
                    guard atLineEnd else {
                        return p.pointee == comma ? fault(.tooManyFields, lineStart, column) : fault(.badValue, fieldStart, column)
                    }
                    if p < stop { p += 1 }
                }
                rows += 1
            }
            return (rows, nil)
        }
    }

    @inline(__always)
    private static func store(_ value: Float, _ destination: Int, _ features: UnsafeMutablePointer<Float>, _ targets: UnsafeMutablePointer<Float>) {
        if destination >= 0 { features[destination] = value } else { targets[-destination - 1] = value }
    }

    /// Space, tab or carriage return: trimmed around fields (so CRLF needs no special case).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        // One test of a bit in a mask of the three: bytes above 32 are never space.
        byte <= 32 && (UInt64(1) << byte) & (1 << 32 | 1 << 9 | 1 << 13) != 0
    }

    /// Reads an RFC 4180 quoted field starting at the quote `p` into `scratch` (a doubled quote
    /// is one quote; commas and newlines are text); `p` ends after the closing quote.
    /// False when the field is never closed.
    static func readQuoted(_ p: inout UnsafePointer<UInt8>, _ stop: UnsafePointer<UInt8>, into scratch: inout [UInt8]) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        var q = p + 1
        while q < stop {
            if q.pointee == quote {
                if q + 1 < stop, q[1] == quote {
                    scratch.append(quote)
                    q += 2
                    continue
                }
                p = q + 1
                return true
            }
            scratch.append(q.pointee)
            q += 1
        }
        return false
    }

    /// The number that is the whole of `text` (spaces around it allowed), or nil.
    private static func number(in text: inout [UInt8]) -> Float? {
        text.append(0)  // FloatParser's terminator
        return text.withUnsafeBufferPointer { buffer -> Float? in
            guard let base = buffer.baseAddress else { return nil }
            var p = base
            while isSpace(p.pointee) { p += 1 }
            guard let value = FloatParser.parse(&p, end: base + buffer.count - 1), !value.isNaN else { return nil }
            while isSpace(p.pointee) { p += 1 }
            return p == base + buffer.count - 1 ? value : nil
        }
    }
}
