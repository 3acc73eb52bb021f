/// The messages a session prints for data errors, in one place.
///
/// Located errors lead with `file:line:` as compilers do, so a person can jump to the row.
extension DataError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read \(path): \(reason)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .emptyFile(path):
            return "\(path): the file is empty (a CSV file needs a header row, then data rows)"
        case let .noRows(path):
            return "\(path): the file has a header row but no data rows"
        case let .raggedRow(path, line, expected, found):
            return "\(path):\(line): expected \(expected) fields as in the header, found \(found)"
        case let .missingValue(path, line, column):
            return "\(path):\(line): missing value in column \"\(column)\""
        case let .notANumber(path, line, column, text):
            return "\(path):\(line): column \"\(column)\": \"\(text)\" is not a number"
        case let .unterminatedQuote(path, line, column):
            return "\(path):\(line): column \"\(column)\": the quoted field starting here is never closed"
        case let .textAfterQuote(path, line, column):
            return "\(path):\(line): column \"\(column)\": text after the closing quote "
                + "(write a quote inside a quoted field as \"\")"
        case let .unknownColumn(path, name, columns, suggestion):
            let hint = suggestion.map { " — did you mean \"\($0)\"?" } ?? ""
            return "\(path): no column named \"\(name)\"; the columns are "
                + columns.map { "\"\($0)\"" }.joined(separator: ", ") + hint
        case let .duplicateColumn(path, name):
            return "\(path): the header names column \"\(name)\" more than once"
        case let .headerIsData(path, fields):
            let shown = fields.prefix(3).joined(separator: ", ") + (fields.count > 3 ? ", …" : "")
            return "\(path):1: the first row (\(shown)) is all numbers: a header row names the columns"
        case let .notNPY(path):
            return "\(path): not a NumPy .npy file (it does not start with \\x93NUMPY)"
        case let .unsupportedNPYVersion(path, major, minor):
            return "\(path): .npy format version \(major).\(minor) is not supported (1.0, 2.0 and 3.0 are)"
        case let .malformedNPYHeader(path, reason):
            return "\(path): malformed .npy header: \(reason)"
        case let .unsupportedDType(path, descr):
            return "\(path): dtype \(descr) is not supported; gradbook reads float32, float64, "
                + "int8/16/32/64, uint8/16/32/64 and bool"
        case let .bigEndian(path, descr):
            return "\(path): dtype \(descr) is big-endian; save it little-endian "
                + "(NumPy: a.astype(a.dtype.newbyteorder('<')))"
        case let .fortranOrder(path):
            return "\(path): the array is in Fortran order; save it in C order (NumPy: np.ascontiguousarray(a))"
        case let .truncatedNPY(path, expectedBytes, actualBytes):
            return "\(path): the header promises \(expectedBytes) bytes of data, the file holds \(actualBytes)"
        case let .rowCountMismatch(x, y):
            return "x has \(x.first ?? 0) rows but y has \(y.first ?? 0) (shapes \(x) and \(y))"
        case let .unsupportedShape(role, shape, expected):
            return "\(role) must be \(expected), got shape \(shape)"
        case let .invalidSplit(value, rows):
            let counts = rows.map { "a whole count from 0 to \($0)" } ?? "a whole count of rows"
            return "split needs a fraction between 0 and 1 or \(counts), got \(value)"
        case let .emptyDataset(operation):
            return "\(operation) needs at least one row"
        case let .featureCountMismatch(expected, found):
            return "the statistics are for \(expected) features, the data has \(found)"
        case let .nonIntegerClass(index, value):
            return "onehot: element \(index) is \(value), not a whole class index"
        case let .classOutOfRange(index, value, classes):
            let shown = value.isFinite && abs(value) < 0x1p62 ? "\(Int(value))" : "\(value)"
            return "onehot: element \(index) is class \(shown), outside the classes 0 to \(classes - 1)"
        case let .invalidClassCount(classes):
            return "onehot needs at least one class, got \(classes)"
        case let .invalidBatchSize(size):
            return "batch size must be at least 1, got \(size)"
        case let .batchIndexOutOfRange(index, batches):
            return batches == 0 ? "batch index \(index) is out of range: there are no batches"
                : "batch index \(index) is out of range: the batches are numbered 0 to \(batches - 1)"
        case let .negativeCount(operation, count):
            return "\(operation) needs a count of 0 or more, got \(count)"
        case let .unknownGenerator(name, valid, suggestion):
            let hint = suggestion.map { " — did you mean \"\($0)\"?" } ?? ""
            return "no dataset named \"\(name)\"; the generators are \(valid.joined(separator: ", "))\(hint)"
        case let .unsupportedOption(generator, option, accepted):
            let list = accepted.isEmpty ? "no options" : accepted.map { "\($0)=" }.joined(separator: ", ")
            return "\(generator) does not take \(option)=; it takes \(list)"
        case let .invalidOption(generator, option, value, allowed):
            return "\(generator): \(option)=\(value) is out of range; \(option) must be \(allowed)"
        case let .tensor(error):
            return error.description
        }
    }
}
