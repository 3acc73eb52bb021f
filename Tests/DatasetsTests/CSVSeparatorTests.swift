import Testing
import Autodiff
@testable import Datasets

/// Semicolon- and tab-separated files, and files without a header row.
struct CSVSeparatorTests {
    @Test(arguments: [";", "\t"])
    func otherSeparatorsLoadAsCommaFiles(_ separator: String) throws {
        let text = ["a,b,label", "1,2,0", "3.5,-4,1", "", "5e-1,6,1"].joined(separator: "\n")
            .replacingOccurrences(of: ",", with: separator)
        let data = try CSVLoader.parse(text, path: "t.csv")
        expectTensor(data.x, shape: [3, 2], [1, 2, 3.5, -4, 0.5, 6])
        expectTensor(data.y, shape: [3], [0, 1, 1])
        #expect(data.featureNames == ["a", "b"])
    }

    @Test func quotedSeparatorsAndCommasInASemicolonFile() throws {
        let data = try CSVLoader.parse("\"a;b\";y\n1;x,y\n2;\"z\"\n", path: "t.csv")
        #expect(data.featureNames == ["a;b"])
        #expect(data.classNames == ["x,y", "z"])
        expectTensor(data.x, shape: [2, 1], [1, 2])
        // A decimal comma is one field that is not a number, on the file's own line.
        #expect(throws: DataError.notANumber(path: "t.csv", line: 3, column: "a", text: "2,5")) {
            try CSVLoader.parse("a;b\n1;2\n2,5;3\n", path: "t.csv")
        }
    }

    @Test func aCommaFileWithSemicolonsInTextStaysACommaFile() throws {
        let data = try CSVLoader.parse("a,b,y\n1,2,x;y\n3,4,z\n", path: "t.csv")
        #expect(data.classNames == ["x;y", "z"])
    }

    @Test func aHeaderOfNumbersIsAnErrorAndHeaderFalseReadsItAsData() throws {
        #expect(throws: DataError.headerIsData(path: "t.csv", fields: ["1", "2", "0"])) {
            try CSVLoader.parse("1,2,0\n3,4,1\n", path: "t.csv")
        }
        let data = try CSVLoader.parse("1,2,0\n3,4,1\n", path: "t.csv", header: false)
        expectTensor(data.x, shape: [2, 2], [1, 2, 3, 4])
        expectTensor(data.y, shape: [2], [0, 1])
        #expect(data.featureNames == ["c0", "c1"])
        #expect(data.targetNames == ["c2"])
        let tabs = try CSVLoader.parse("1\t2\n3\t4\n", path: "t.csv", targets: ["c0"], header: false)
        expectTensor(tabs.y, shape: [2], [1, 3])
        // Line numbers stay the file's: line 2 is the second row of data.
        #expect(throws: DataError.notANumber(path: "t.csv", line: 2, column: "c1", text: "x")) {
            try CSVLoader.parse("1,2,0\n3,x,1\n", path: "t.csv", header: false)
        }
        #expect("\(DataError.headerIsData(path: "t.csv", fields: ["1", "2", "3", "4"]))"
            == "t.csv:1: the first row (1, 2, 3, …) is all numbers: a header row names the columns")
    }
}
