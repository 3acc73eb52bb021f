import Testing
import Autodiff
@testable import Datasets

/// Every way a CSV file can be wrong, each with its exact error: file, 1-based line (the header
/// is line 1), column name, and the counts or text involved.
struct CSVErrorTests {
    @Test func emptyFiles() {
        for text in ["", "\n\n", "  \r\n\t\n", "\u{FEFF}"] {
            #expect(throws: DataError.emptyFile(path: "t.csv")) { try csv(text) }
        }
    }

    @Test func aHeaderAndNoRows() {
        for text in ["a,b", "a,b\n", "a,b\r\n\r\n  \n"] {
            #expect(throws: DataError.noRows(path: "t.csv")) { try csv(text) }
        }
    }

    @Test func notANumberNamesLineColumnAndText() {
        #expect(throws: DataError.notANumber(path: "t.csv", line: 3, column: "b", text: "abc")) {
            try csv("a,b,y\n1,2,0\n3,abc,1\n")
        }
        #expect(throws: DataError.notANumber(path: "t.csv", line: 2, column: "a", text: "1.5x")) {
            try csv("a,b,y\n1.5x,2,0\n")
        }
        #expect(throws: DataError.notANumber(path: "t.csv", line: 2, column: "b", text: "1 2")) {
            try csv("a,b,y\n1,1 2,0\n")
        }
        #expect(throws: DataError.notANumber(path: "t.csv", line: 2, column: "a", text: "1,5")) {
            try csv("a,b,y\n\"1,5\",2,0\n")
        }
        // The last column ends at the newline: junk before it is part of the field.
        #expect(throws: DataError.notANumber(path: "t.csv", line: 2, column: "y", text: "0;")) {
            try csv("a,b,y\n1,2,0;\n", target: "a")
        }
    }

    @Test func aStrayWordInANumericTargetIsNotANumber() throws {
        var rows = (0..<200).map { "\($0),\(Double($0) * 1.5)" }
        rows[150] = "150,n.a."
        #expect(throws: DataError.notANumber(path: "t.csv", line: 152, column: "price", text: "n.a.")) {
            try csv((["x,price"] + rows).joined(separator: "\n"))
        }
        // A few numbers among words are classes like any other.
        let mixed = try csv("x,kind\n1,1\n2,2\n3,other\n")
        #expect(mixed.classNames == ["1", "2", "other"])
    }

    @Test func textInOneOfSeveralTargetsIsNotANumber() {
        #expect(throws: DataError.notANumber(path: "t.csv", line: 3, column: "v", text: "cat")) {
            try CSVLoader.parse("u,v,w\n1,2,3\n4,cat,6\n", path: "t.csv", targets: ["u", "v"])
        }
    }

    @Test func missingValuesNameLineAndColumn() {
        #expect(throws: DataError.missingValue(path: "t.csv", line: 3, column: "b")) {
            try csv("a,b,y\n1,2,0\n3,,1\n")
        }
        #expect(throws: DataError.missingValue(path: "t.csv", line: 2, column: "y")) {
            try csv("a,b,y\n1,2,\n")
        }
        #expect(throws: DataError.missingValue(path: "t.csv", line: 2, column: "a")) {
            try csv("a,b,y\n,2,0\n")
        }
        for token in ["NA", "nan", "NaN", "N/A", "null", "None", "\"\"", " NA "] {
            #expect(throws: DataError.missingValue(path: "t.csv", line: 2, column: "b"), "\(token)") {
                try csv("a,b,y\n1,\(token),0\n")
            }
        }
    }

    @Test func missingTextTargets() {
        #expect(throws: DataError.missingValue(path: "t.csv", line: 4, column: "kind")) {
            try csv("a,kind\n1,cat\n2,dog\n3,\n")
        }
        #expect(throws: DataError.missingValue(path: "t.csv", line: 3, column: "kind")) {
            try csv("a,kind\n1,cat\n2,NA\n")
        }
        #expect(throws: DataError.missingValue(path: "t.csv", line: 2, column: "kind")) {
            try csv("a,kind\n1,\"\"\n2,dog\n")
        }
    }

    @Test func raggedRowsNameLineAndCounts() {
        #expect(throws: DataError.raggedRow(path: "t.csv", line: 3, expected: 3, found: 2)) {
            try csv("a,b,y\n1,2,0\n3,4\n")
        }
        #expect(throws: DataError.raggedRow(path: "t.csv", line: 2, expected: 3, found: 5)) {
            try csv("a,b,y\n1,2,0,7,8\n")
        }
        #expect(throws: DataError.raggedRow(path: "t.csv", line: 2, expected: 3, found: 4)) {
            try csv("a,b,y\n1,2,0,\n")
        }
        #expect(throws: DataError.raggedRow(path: "t.csv", line: 4, expected: 2, found: 1)) {
            try csv("a,kind\n1,cat\n\n2\n")
        }
    }

    @Test func lineNumbersCountBlankLinesCRLFAndQuotedNewlines() {
        #expect(throws: DataError.notANumber(path: "t.csv", line: 6, column: "a", text: "x")) {
            try csv("\na,b\r\n\r\n1,2\r\n\r\nx,3\r\n")
        }
        #expect(throws: DataError.notANumber(path: "t.csv", line: 4, column: "a", text: "x")) {
            try csv("a,b\n1,\"two\nlines\"\nx,3\n")
        }
    }

    @Test func unknownTargetColumnListsTheColumnsAndSuggests() {
        #expect(throws: DataError.unknownColumn(path: "t.csv", name: "lable", columns: ["a", "b", "label"],
                                                suggestion: "label")) {
            try csv("a,b,label\n1,2,3\n", target: "lable")
        }
        #expect(throws: DataError.unknownColumn(path: "t.csv", name: "Label", columns: ["a", "label"],
                                                suggestion: "label")) {
            try csv("a,label\n1,2\n", target: "Label")
        }
        #expect(throws: DataError.unknownColumn(path: "t.csv", name: "price", columns: ["a", "b"],
                                                suggestion: nil)) {
            try csv("a,b\n1,2\n", target: "price")
        }
    }

    @Test func duplicateColumnNames() {
        #expect(throws: DataError.duplicateColumn(path: "t.csv", name: "a")) { try csv("a,b,a\n1,2,3\n") }
    }

    @Test func quotesThatAreNeverClosed() {
        #expect(throws: DataError.unterminatedQuote(path: "t.csv", line: 3, column: "b")) {
            try csv("a,b\n1,2\n3,\"4\n5,6\n")
        }
        #expect(throws: DataError.unterminatedQuote(path: "t.csv", line: 2, column: "header")) {
            try csv("\na,\"b\n1,2\n")
        }
    }

    @Test func textAfterAClosingQuote() {
        #expect(throws: DataError.textAfterQuote(path: "t.csv", line: 2, column: "a")) {
            try csv("a,b\n\"1\"2,3\n")
        }
        #expect(throws: DataError.textAfterQuote(path: "t.csv", line: 2, column: "kind")) {
            try csv("a,kind\n1,\"cat\"s\n")
        }
    }

    @Test func unreadableFiles() {
        #expect(throws: DataError.cannotRead(path: "/nonexistent/x.csv", reason: "No such file or directory")) {
            try CSVLoader.load("/nonexistent/x.csv")
        }
        #expect(throws: DataError.cannotRead(path: "/tmp", reason: "it is a folder")) { try CSVLoader.load("/tmp") }
    }

    @Test func arbitraryBytesNeverTrap() {
        // Every prefix of a nasty file, and random bytes: errors or datasets, never a crash.
        let nasty = Array("a,\"b\"\"\",c\r\n1,\"2\n\",\u{0}3\r\n\"x,y\n".utf8) + [0xFF, 0xFE, 0x22]
        for end in 0...nasty.count {
            _ = try? CSVLoader.parse(terminatedBytes: Array(nasty[..<end]) + [0], path: "t.csv", targets: nil)
        }
        var generator = RandomGenerator(seed: 9)
        let alphabet = Array("0123456789.,-+e\"\n\r \tab".utf8) + [0, 0xEF, 0xBB, 0xBF]
        for _ in 0..<3000 {
            let bytes = (0..<generator.nextInt(below: 40)).map { _ in alphabet[generator.nextInt(below: alphabet.count)] }
            _ = try? CSVLoader.parse(terminatedBytes: bytes + [0], path: "t.csv", targets: nil)
        }
    }

    @Test func messagesNameFileLineAndColumn() {
        #expect(DataError.notANumber(path: "d.csv", line: 3, column: "b", text: "abc").description
                == "d.csv:3: column \"b\": \"abc\" is not a number")
        #expect(DataError.missingValue(path: "d.csv", line: 4, column: "x").description
                == "d.csv:4: missing value in column \"x\"")
        #expect(DataError.raggedRow(path: "d.csv", line: 5, expected: 3, found: 2).description
                == "d.csv:5: expected 3 fields as in the header, found 2")
        #expect(DataError.unknownColumn(path: "d.csv", name: "lable", columns: ["a", "label"], suggestion: "label")
                .description == "d.csv: no column named \"lable\"; the columns are \"a\", \"label\" — did you mean \"label\"?")
    }
}
