#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The slow, general side of CSV reading: whole records as strings (the header, and the rows
/// an error message quotes), missing-value tokens, and line numbers from byte offsets.
enum CSVText {
    /// The fields of the record at `offset` (quote-aware; unquoted fields trimmed of spaces, tabs
    /// and carriage returns) and the offset just past it. nil when a quote is never closed.
    static func record(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> (fields: [String], next: Int)? {
        guard let base = bytes.baseAddress else { return ([], offset) }
        let stop = base + end
        var p = base + offset
        var fields: [String] = []
        var scratch: [UInt8] = []
        while true {
            while p < stop, CSVRowParser.isSpace(p.pointee) { p += 1 }
            if p < stop, p.pointee == CSVRowParser.quote {
                guard CSVRowParser.readQuoted(&p, stop, into: &scratch) else { return nil }
                fields.append(String(decoding: scratch, as: UTF8.self))
                // Anything between the closing quote and the delimiter is dropped (the row parser
                // reports it; here we only want names and counts).
                while p < stop, p.pointee != CSVRowParser.comma, p.pointee != CSVRowParser.newline { p += 1 }
            } else {
                let start = p
                while p < stop, p.pointee != CSVRowParser.comma, p.pointee != CSVRowParser.newline { p += 1 }
                var last = p
                while last > start, CSVRowParser.isSpace(last[-1]) { last -= 1 }
                fields.append(String(decoding: UnsafeBufferPointer(start: start, count: last - start), as: UTF8.self))
            }
            if p < stop, p.pointee == CSVRowParser.comma {
                p += 1
                continue
            }
            if p < stop { p += 1 }  // the newline
            return (fields, p - base)
        }
    }

    /// The offset of the first line at or after `offset` holding more than whitespace.
    static func skipBlankLines(from offset: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        var lineStart = offset
        var i = offset
        while i < end {
            let byte = bytes[i]
            if byte == CSVRowParser.newline {
                lineStart = i + 1
            } else if !CSVRowParser.isSpace(byte) {
                return lineStart
            }
            i += 1
        }
        return end
    }

    /// The 1-based line of a byte offset: one more than the newlines before it. A quoted field
    /// that spans lines is reported on the line where it starts.
    static func line(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 1 }
        return 1 + newlines(in: 0 ..< min(offset, bytes.count), of: base)
    }

    /// The text with each carriage return that is not followed by a newline turned into one, or
    /// nil when there is none (the usual case, found by memchr). Old Mac files end lines with a
    /// lone `\r`; the row parser splits at `\n` only (and trims the `\r` of `\r\n`).
    static func loneCarriageReturnsAsNewlines(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = bytes.baseAddress else { return nil }
        let cr = UInt8(ascii: "\r")
        var p = UnsafeRawPointer(base)
        let end = UnsafeRawPointer(base + bytes.count)
        var lone = false
        while p < end, let found = memchr(p, Int32(cr), end - p) {
            let next = UnsafeRawPointer(found) + 1
            if next >= end || next.load(as: UInt8.self) != CSVRowParser.newline { lone = true; break }
            p = next
        }
        guard lone else { return nil }
        var result = Array(bytes)
        for i in result.indices where result[i] == cr && (i + 1 == result.count || result[i + 1] != CSVRowParser.newline) {
            result[i] = CSVRowParser.newline
        }
        return result
    }

    /// The number of newlines in `range` of the bytes at `base` (memchr: several GB/s).
    static func newlines(in range: Range<Int>, of base: UnsafePointer<UInt8>) -> Int {
        var count = 0
        var p = UnsafeRawPointer(base + range.lowerBound)
        let end = UnsafeRawPointer(base + range.upperBound)
        while p < end, let found = memchr(p, Int32(CSVRowParser.newline), end - p) {
            count += 1
            p = UnsafeRawPointer(found) + 1
        }
        return count
    }

    /// The text of the field at `offset`, for an error message: unquoted and cut to 40 characters.
    static func field(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> String {
        guard let text = record(at: offset, in: bytes, end: end)?.fields.first else {
            return String(decoding: bytes[offset..<min(end, offset + 40)], as: UTF8.self)
        }
        return text.count > 40 ? text.prefix(40) + "…" : text
    }

    /// True for an empty field or one of the tokens pandas reads as missing (`NA`, `N/A`, `nan`,
    /// `null`, `None`, …), in any case.
    static func isMissing<Text: Collection>(_ text: Text) -> Bool where Text.Element == UInt8 {
        if text.isEmpty { return true }
        guard text.count <= 8 else { return false }
        let lowered = String(decoding: text.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
        return missingTokens.contains(lowered)
    }

    /// pandas' default `na_values`, lowercased.
    private static let missingTokens: Set<String> = [
        "na", "n/a", "nan", "-nan", "null", "none", "<na>", "#n/a", "#na", "#n/a n/a",
        "1.#ind", "-1.#ind", "1.#qnan", "-1.#qnan",
    ]
}
