/// The header of a NumPy `.npy` file: the Python dict literal after the magic string and length,
/// e.g. `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// Format (NumPy's `numpy.lib.format`): `\x93NUMPY`, a major and a minor version byte, the
/// header's length (2 bytes little-endian in 1.0; 4 bytes in 2.0 and 3.0), the header (ASCII,
/// UTF-8 in 3.0) padded with spaces and a newline, then the data.
struct NPYHeader: Equatable {
    /// The dtype string, e.g. `<f4`; a structured dtype's list is kept as its source text.
    var descr: String
    var isStructured = false
    var fortranOrder: Bool
    var shape: [Int]

    /// Parses the dict; `path` names the file in the error for a malformed one.
    init(parsing text: String, path: String) throws(DataError) {
        let fail = { (reason: String) in DataError.malformedNPYHeader(path: path, reason: reason) }
        var parser = Parser(text: Array(text.unicodeScalars), fail: fail)
        var descr: String?, fortran: Bool?, shape: [Int]?, structured = false
        try parser.expect("{")
        while !parser.consume("}") {
            let key = try parser.string()
            try parser.expect(":")
            switch key {
            case "descr":
                if parser.peek("[") {
                    structured = true
                    descr = try parser.skipBracketed()
                } else {
                    descr = try parser.string()
                }
            case "fortran_order": fortran = try parser.boolean()
            case "shape": shape = try parser.tuple()
            default: throw fail("unexpected key '\(key)'")
            }
            if !parser.consume(",") {
                try parser.expect("}")
                break
            }
        }
        guard parser.atEnd else { throw fail("text after the closing brace") }
        guard let descr, let fortran, let shape else {
            throw fail("it needs the keys 'descr', 'fortran_order' and 'shape'")
        }
        self.descr = descr
        self.isStructured = structured
        self.fortranOrder = fortran
        self.shape = shape
    }

    init(descr: String, fortranOrder: Bool, shape: [Int]) {
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    /// A tiny reader for the Python literals NumPy writes: strings, True/False, int tuples.
    private struct Parser {
        let text: [Unicode.Scalar]
        let fail: (String) -> DataError
        var i = 0

        var atEnd: Bool {
            mutating get { skipSpace(); return i == text.count }
        }

        mutating func skipSpace() {
            while i < text.count, text[i].properties.isWhitespace { i += 1 }
        }

        mutating func peek(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            return i < text.count && text[i] == c
        }

        mutating func consume(_ c: Unicode.Scalar) -> Bool {
            guard peek(c) else { return false }
            i += 1
            return true
        }

        mutating func expect(_ c: Unicode.Scalar) throws(DataError) {
            guard consume(c) else { throw fail("expected '\(c)' at character \(i + 1)") }
        }

        /// A quoted string ('…' or "…"; NumPy writes no escapes in these).
        mutating func string() throws(DataError) -> String {
            skipSpace()
            guard i < text.count, text[i] == "'" || text[i] == "\"" else {
                throw fail("expected a quoted string at character \(i + 1)")
            }
            let quote = text[i]
            let start = i + 1
            guard let end = text[start...].firstIndex(of: quote) else { throw fail("a string is never closed") }
            i = end + 1
            var result = String.UnicodeScalarView()
            result.append(contentsOf: text[start..<end])
            return String(result)
        }

        mutating func boolean() throws(DataError) -> Bool {
            skipSpace()
            for (word, value) in [("True", true), ("False", false)] where text[i...].starts(with: word.unicodeScalars) {
                i += word.unicodeScalars.count
                return value
            }
            throw fail("expected True or False at character \(i + 1)")
        }

        /// `()`, `(3,)`, `(3, 4)`; Python 2's `3L` is accepted.
        mutating func tuple() throws(DataError) -> [Int] {
            try expect("(")
            var values: [Int] = []
            while !consume(")") {
                skipSpace()
                var value = 0, digits = 0
                while i < text.count, text[i].isASCII, text[i].properties.numericType == .decimal {
                    let digit = Int(text[i].value) - 48
                    let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                    guard !overflow, next <= Int.max - digit else { throw fail("a dimension is too large") }
                    value = next + digit
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { throw fail("expected a dimension (a whole number ≥ 0) at character \(i + 1)") }
                _ = consume("L")
                values.append(value)
                if !consume(",") {
                    try expect(")")
                    break
                }
            }
            return values
        }

        /// A structured dtype's list, kept as text (only to name it in the error).
        mutating func skipBracketed() throws(DataError) -> String {
            let start = i
            var depth = 0
            while i < text.count {
                if text[i] == "[" || text[i] == "(" { depth += 1 }
                if text[i] == "]" || text[i] == ")" { depth -= 1 }
                i += 1
                if depth == 0 {
                    var result = String.UnicodeScalarView()
                    result.append(contentsOf: text[start..<i])
                    return String(result)
                }
            }
            throw fail("a list is never closed")
        }
    }
}
