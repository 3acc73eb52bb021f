import Testing
import Autodiff
@testable import Datasets

/// The message catalogue: what a person reads for each error.
struct DataErrorMessageTests {
    @Test(arguments: [
        (DataError.cannotRead(path: "a.csv", reason: "No such file or directory"), "cannot read a.csv: No such file or directory"),
        (.cannotWrite(path: "x/a.npy", reason: "Permission denied"), "cannot write x/a.npy: Permission denied"),
        (.emptyFile(path: "a.csv"), "a.csv: the file is empty (a CSV file needs a header row, then data rows)"),
        (.noRows(path: "a.csv"), "a.csv: the file has a header row but no data rows"),
        (.unterminatedQuote(path: "a.csv", line: 7, column: "name"),
         "a.csv:7: column \"name\": the quoted field starting here is never closed"),
        (.textAfterQuote(path: "a.csv", line: 2, column: "b"),
         "a.csv:2: column \"b\": text after the closing quote (write a quote inside a quoted field as \"\")"),
        (.unknownColumn(path: "a.csv", name: "price", columns: ["a", "b"], suggestion: nil),
         "a.csv: no column named \"price\"; the columns are \"a\", \"b\""),
        (.duplicateColumn(path: "a.csv", name: "x"), "a.csv: the header names column \"x\" more than once"),
        (.notNPY(path: "a.npy"), "a.npy: not a NumPy .npy file (it does not start with \\x93NUMPY)"),
        (.unsupportedNPYVersion(path: "a.npy", major: 4, minor: 0),
         "a.npy: .npy format version 4.0 is not supported (1.0, 2.0 and 3.0 are)"),
        (.malformedNPYHeader(path: "a.npy", reason: "a string is never closed"),
         "a.npy: malformed .npy header: a string is never closed"),
        (.unsupportedDType(path: "a.npy", descr: "<c8"),
         "a.npy: dtype <c8 is not supported; gradbook reads float32, float64, int8/16/32/64, uint8/16/32/64 and bool"),
        (.bigEndian(path: "a.npy", descr: ">f4"),
         "a.npy: dtype >f4 is big-endian; save it little-endian (NumPy: a.astype(a.dtype.newbyteorder('<')))"),
        (.fortranOrder(path: "a.npy"),
         "a.npy: the array is in Fortran order; save it in C order (NumPy: np.ascontiguousarray(a))"),
        (.truncatedNPY(path: "a.npy", expectedBytes: 24, actualBytes: 20),
         "a.npy: the header promises 24 bytes of data, the file holds 20"),
        (.rowCountMismatch(x: [3, 2], y: [4]), "x has 3 rows but y has 4 (shapes [3, 2] and [4])"),
        (.unsupportedShape(role: "x", shape: [2, 2, 2], expected: "[n, features]"), "x must be [n, features], got shape [2, 2, 2]"),
        (.invalidSplit(value: -1, rows: nil), "split needs a fraction between 0 and 1 or a whole count of rows, got -1.0"),
        (.emptyDataset(operation: "standardize"), "standardize needs at least one row"),
        (.featureCountMismatch(expected: 3, found: 2), "the statistics are for 3 features, the data has 2"),
        (.nonIntegerClass(index: 2, value: 0.5), "onehot: element 2 is 0.5, not a whole class index"),
        (.classOutOfRange(index: 1, value: 3, classes: 3), "onehot: element 1 is class 3, outside the classes 0 to 2"),
        (.invalidClassCount(0), "onehot needs at least one class, got 0"),
        (.invalidBatchSize(0), "batch size must be at least 1, got 0"),
        (.batchIndexOutOfRange(index: 5, batches: 3), "batch index 5 is out of range: the batches are numbered 0 to 2"),
        (.negativeCount(operation: "head", count: -2), "head needs a count of 0 or more, got -2"),
        (.unsupportedOption(generator: "moons", option: "features", accepted: ["n", "noise"]),
         "moons does not take features=; it takes n=, noise="),
        (.tensor(.tooLarge(shape: [10, 10], limit: 50)), "a tensor of shape [10, 10] exceeds the allocation limit of 50 elements"),
    ])
    func message(error: DataError, text: String) {
        #expect(error.description == text)
    }

    @Test func writingWhereThereIsNoFolder() throws {
        #expect(throws: DataError.cannotWrite(path: "/nonexistent/folder/x.npy", reason: "No such file or directory")) {
            try NPYWriter.write(Tensor([1, 2]), to: "/nonexistent/folder/x.npy")
        }
    }
}
