import Autodiff

/// A problem with data a person supplied — a file, a tensor, an option: thrown, never trapped.
///
/// Every case carries what is needed to say where the problem is: the file, the 1-based line
/// (the header is line 1), the column's name, the counts or values involved. `description`
/// turns it into the message the session prints.
public enum DataError: Error, Equatable, Sendable {
    // Files.
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    // CSV.
    /// No header row: the file is empty or holds only blank lines.
    case emptyFile(path: String)
    /// A header row and nothing else.
    case noRows(path: String)
    /// A row with more or fewer fields than the header.
    case raggedRow(path: String, line: Int, expected: Int, found: Int)
    /// An empty field, or one NumPy and pandas read as missing (`NA`, `nan`, …).
    case missingValue(path: String, line: Int, column: String)
    case notANumber(path: String, line: Int, column: String, text: String)
    /// A quoted field whose closing quote never comes; `line` is where the field starts.
    case unterminatedQuote(path: String, line: Int, column: String)
    /// Text right after a closing quote (`"ab"c`), which RFC 4180 does not allow.
    case textAfterQuote(path: String, line: Int, column: String)
    case unknownColumn(path: String, name: String, columns: [String], suggestion: String?)
    case duplicateColumn(path: String, name: String)
    /// A first row of numbers only, read as a header: the file most likely has none.
    case headerIsData(path: String, fields: [String])

    // NumPy .npy.
    /// The file does not start with the .npy magic string `\x93NUMPY`.
    case notNPY(path: String)
    case unsupportedNPYVersion(path: String, major: Int, minor: Int)
    case malformedNPYHeader(path: String, reason: String)
    /// A dtype gradbook does not read (object, structured, complex, strings, float16, …).
    case unsupportedDType(path: String, descr: String)
    case bigEndian(path: String, descr: String)
    case fortranOrder(path: String)
    /// The header promises more data than the file holds.
    case truncatedNPY(path: String, expectedBytes: Int, actualBytes: Int)

    // Datasets.
    /// `x` and `y` that disagree on the number of rows.
    case rowCountMismatch(x: [Int], y: [Int])
    /// A tensor whose rank does not fit its role (`x` must be [n, features], `y` [n] or [n, k]).
    case unsupportedShape(role: String, shape: [Int], expected: String)
    /// A split size that is neither a fraction in [0, 1] nor a count in 0...rows (rows is nil
    /// when the size was rejected before a dataset was in view).
    case invalidSplit(value: Double, rows: Int?)
    case emptyDataset(operation: String)
    case featureCountMismatch(expected: Int, found: Int)
    case nonIntegerClass(index: Int, value: Float)
    case classOutOfRange(index: Int, value: Float, classes: Int)
    case invalidClassCount(Int)
    case invalidBatchSize(Int)
    case batchIndexOutOfRange(index: Int, batches: Int)
    case negativeCount(operation: String, count: Int)

    // Generators.
    case unknownGenerator(name: String, valid: [String], suggestion: String?)
    /// An option the generator does not take (`features=` for `moons`).
    case unsupportedOption(generator: String, option: String, accepted: [String])
    /// An option outside its range; `allowed` says what is.
    case invalidOption(generator: String, option: String, value: String, allowed: String)

    /// A tensor could not be made (most often: the allocation limit).
    case tensor(TensorError)
}
