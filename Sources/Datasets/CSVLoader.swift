import Autodiff

/// Loads a CSV file with a header row into a `Dataset` (`load("file.csv", target="label")`).
///
/// - The target is a column named in the header (the last column by default); the others are
///   the features and must be numbers. Several targets make `y` `[n, k]` (numbers only).
/// - A single target that holds text becomes class indices, numbered in sorted order; the
///   dataset's `classNames` is the mapping, for the session to print. (Except when it looks
///   like a numeric target with a stray word: more than 50 classes, 90% of them numbers — then
///   the word is reported as not a number.)
/// - Quoted fields follow RFC 4180; blank lines are skipped; CRLF and a UTF-8 BOM are fine.
/// - Missing values (empty fields, or pandas' NA tokens such as `NA` and `nan`), text in a
///   feature column and rows with the wrong number of fields are errors naming the file, the
///   1-based line (the header is line 1) and the column.
/// - Nothing is half-loaded: every row is parsed before the dataset is made.
///
/// Speed: the file is read in one go and parsed from its bytes (`CSVRowParser`, `FloatParser`)
/// straight into the tensors; a file of more than a few megabytes without quote characters is
/// cut at newlines into a few chunks per core, parsed concurrently (see `parseRows`).
public enum CSVLoader {
    /// The dataset in the CSV file at `path`, with `target` as `y` (the last column when nil).
    ///
    /// With `header` false the first row is data and the columns are named `c0`, `c1`, …; with
    /// it true, a first row of numbers only is an error (`headerIsData`) rather than a row lost.
    public static func load(_ path: String, target: String? = nil, header: Bool = true) throws(DataError) -> Dataset {
        try load(path, targets: target.map { [$0] }, header: header)
    }

    /// The dataset in the CSV file at `path` with the named target columns (`y` is `[n, k]` for
    /// k > 1 names; nil means the last column).
    public static func load(_ path: String, targets: [String]?, header: Bool = true) throws(DataError) -> Dataset {
        let file = try FileBytes.load(path)
        defer { withExtendedLifetime(file) {} }  // the pointers below are into it
        return try parse(file.terminated, path: path, targets: targets, header: header)
    }

    /// The dataset in CSV text already in memory; `path` names it in error messages.
    public static func parse(_ text: String, path: String, targets: [String]? = nil, header: Bool = true) throws(DataError) -> Dataset {
        try parse(terminatedBytes: Array(text.utf8) + [0], path: path, targets: targets, header: header)
    }

    /// A text target with more classes than this, 90% or more of them numbers, is taken for a
    /// numeric target with a mistake in it (see `parse`).
    static let maximumNumericClasses = 50

    /// Chunks smaller than this are not worth a thread (1 MiB parses in about a millisecond).
    static let minimumChunkBytes = 1 << 20

    /// `bytes` ends with a NUL that is not part of the text.
    static func parse(terminatedBytes bytes: [UInt8], path: String, targets: [String]?, header: Bool = true) throws(DataError) -> Dataset {
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<Dataset, DataError> in
            do throws(DataError) {
                return .success(try parse(buffer, path: path, targets: targets, header: header))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The dataset in `buffer`, whose last byte is a NUL that is not part of the text.
    private static func parse(_ buffer: UnsafeBufferPointer<UInt8>, path: String, targets: [String]?, header: Bool) throws(DataError) -> Dataset {
        if let unixLines = CSVText.loneCarriageReturnsAsNewlines(buffer) {
            return try parse(terminatedBytes: unixLines, path: path, targets: targets, header: header)
        }
        let end = buffer.count - 1
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = end >= 3 && buffer[0..<3].elementsEqual(bom) ? 3 : 0
        let headerStart = CSVText.skipBlankLines(from: start, in: buffer, end: end)
        guard headerStart < end else { throw .emptyFile(path: path) }
        // `;` and tab files are read as the comma file they stand for (the same lines).
        let separator = CSVSeparator.detect(in: buffer, lineAt: headerStart, end: end)
        if separator != CSVRowParser.comma {
            let rewritten = CSVSeparator.commaSeparated(buffer, from: start, end: end, separator: separator)
            return try parse(terminatedBytes: rewritten, path: path, targets: targets, header: header)
        }
        guard var (names, dataStart) = CSVText.record(at: headerStart, in: buffer, end: end) else {
            throw .unterminatedQuote(path: path, line: CSVText.line(of: headerStart, in: buffer), column: "header")
        }
        if !header {
            names = names.indices.map { "c\($0)" }
            dataStart = headerStart
        } else if names.allSatisfy({ FloatParser.parse($0)?.isFinite ?? false }) {
            throw .headerIsData(path: path, fields: names)
        }
        let columns = try CSVColumns(header: names, targets: targets, path: path)
        let first = CSVText.skipBlankLines(from: dataStart, in: buffer, end: end)
        guard first < end else { throw .noRows(path: path) }

        guard let base = buffer.baseAddress else { throw .emptyFile(path: path) }
        var labels: CSVClassLabels?
        var (x, y, firstFault) = try parseRows(first..<end, base, columns, labels: &labels)
        if let fault = firstFault {
            let error = describe(fault, buffer, end: end, columns: columns, path: path)
            // A single target that is not a number is a text target: read it again as text.
            guard case .notANumber = error, columns.targetCount == 1, columns.destinations[fault.column] < 0 else {
                throw error
            }
            labels = CSVClassLabels()
            (x, y, firstFault) = try parseRows(first..<end, base, columns, labels: &labels)
            if let fault = firstFault { throw describe(fault, buffer, end: end, columns: columns, path: path) }
            // Many classes that are nearly all numbers: a numeric target with a stray word in
            // it, not classes. Say where the word is rather than make hundreds of classes.
            if let names = labels?.names, names.count > maximumNumericClasses,
               names.lazy.filter({ FloatParser.parse($0) != nil }).count * 10 >= names.count * 9 {
                throw error
            }
        }
        var classNames: [String]?
        if let labels {
            let (names, renumbering) = labels.sorted()
            y.withUnsafeMutableBufferPointer { y in
                for i in y.indices { y[i] = renumbering[Int(y[i])] }
            }
            classNames = names
        }
        return Dataset(validX: x, y: y, featureNames: columns.featureNames, targetNames: columns.targetNames,
                       classNames: classNames)
    }
}
