extension CSVLoader {
    /// The `DataError` for a fault: the line counted from the file's start, the column's name,
    /// the field's text — work done only once, on the error path.
    static func describe(
        _ fault: CSVFault, _ buffer: UnsafeBufferPointer<UInt8>, end: Int, columns: CSVColumns, path: String
    ) -> DataError {
        let line = CSVText.line(of: fault.offset, in: buffer)
        let column = columns.names[fault.column]
        switch fault.kind {
        case .badValue:
            let text = CSVText.field(at: fault.offset, in: buffer, end: end)
            return CSVText.isMissing(Array(text.utf8))
                ? .missingValue(path: path, line: line, column: column)
                : .notANumber(path: path, line: line, column: column, text: text)
        case .missingText:
            return .missingValue(path: path, line: line, column: column)
        case .tooFewFields(let found):
            return .raggedRow(path: path, line: line, expected: columns.names.count, found: found)
        case .tooManyFields:
            let found = CSVText.record(at: fault.offset, in: buffer, end: end)?.fields.count ?? columns.names.count + 1
            return .raggedRow(path: path, line: line, expected: columns.names.count, found: found)
        case .unterminatedQuote:
            return .unterminatedQuote(path: path, line: line, column: column)
        case .textAfterQuote:
            return .textAfterQuote(path: path, line: line, column: column)
        }
    }
}
