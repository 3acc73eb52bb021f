/// The field separator of a CSV file: `,`, `;` (spreadsheets in locales whose decimal mark is a
/// comma) or a tab (TSV), chosen from the header line, and the rewriting of a `;` or tab file
/// into the comma file the row parser reads.
enum CSVSeparator {
    static let semicolon = UInt8(ascii: ";"), tab = UInt8(ascii: "\t")

    /// The separator of the line at `offset`: the most frequent of `,` `;` and tab outside
    /// quotes; a comma on a tie or when the line has none of them (a single column).
    static func detect(in bytes: UnsafeBufferPointer<UInt8>, lineAt offset: Int, end: Int) -> UInt8 {
        var counts: [UInt8: Int] = [CSVRowParser.comma: 0, semicolon: 0, tab: 0]
        var quoted = false
        var i = offset
        while i < end, quoted || bytes[i] != CSVRowParser.newline {
            let byte = bytes[i]
            if byte == CSVRowParser.quote { quoted.toggle() } else if !quoted, counts[byte] != nil { counts[byte, default: 0] += 1 }
            i += 1
        }
        let comma = counts[CSVRowParser.comma] ?? 0
        let best = [semicolon, tab].max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? semicolon
        return (counts[best] ?? 0) > comma ? best : CSVRowParser.comma
    }

    /// The text from `start` with `separator` outside quotes turned into commas, NUL-terminated.
    /// A field that holds a comma is quoted, so it stays one field (`1,5` is then reported as
    /// not a number, rather than as a row with too many fields). Lines stay where they are, so
    /// line numbers in errors are the file's.
    static func commaSeparated(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, separator: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start + 16)
        var i = start
        while i < end {
            if bytes[i] == CSVRowParser.quote {
                // A quoted field, copied as it is through its closing quote.
                out.append(bytes[i])
                i += 1
                while i < end {
                    out.append(bytes[i])
                    if bytes[i] == CSVRowParser.quote {
                        if i + 1 < end, bytes[i + 1] == CSVRowParser.quote { out.append(bytes[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
            }
            // An unquoted stretch up to the next separator, newline or quote.
            var j = i
            while j < end, bytes[j] != separator, bytes[j] != CSVRowParser.newline, bytes[j] != CSVRowParser.quote { j += 1 }
            let field = bytes[i..<j]
            if field.contains(CSVRowParser.comma) {
                out.append(CSVRowParser.quote)
                out.append(contentsOf: field)
                out.append(CSVRowParser.quote)
            } else {
                out.append(contentsOf: field)
            }
            if j < end, bytes[j] == separator { out.append(CSVRowParser.comma); j += 1 }
            else if j < end, bytes[j] == CSVRowParser.newline { out.append(CSVRowParser.newline); j += 1 }
            i = j
        }
        out.append(0)
        return out
    }
}
