import Foundation
import Testing
import Autodiff
@testable import Datasets

/// CSV files that load: layouts, targets, quoting, line endings, and the parallel path.
struct CSVLoaderTests {
    @Test func theLastColumnIsTheDefaultTarget() throws {
        let data = try csv("a,b,label\n1,2,0\n3.5,-4,1\n5e-1,6,1\n")
        expectTensor(data.x, shape: [3, 2], [1, 2, 3.5, -4, 0.5, 6])
        expectTensor(data.y, shape: [3], [0, 1, 1])
        #expect(data.featureNames == ["a", "b"])
        #expect(data.targetNames == ["label"])
        #expect(data.targetName == "label")
        #expect(data.classNames == nil)
        #expect(data.count == 3)
        #expect(data.standardization == nil)
    }

    @Test func aTargetByNameAnywhere() throws {
        let data = try csv("a,price,b\n1,10.5,2\n3,20.25,4\n", target: "price")
        expectTensor(data.x, shape: [2, 2], [1, 2, 3, 4])
        expectTensor(data.y, shape: [2], [10.5, 20.25])
        #expect(data.featureNames == ["a", "b"])
    }

    @Test func severalTargetsMakeAMatrix() throws {
        let data = try CSVLoader.parse("u,a,v,b\n1,2,3,4\n5,6,7,8\n", path: "t.csv", targets: ["v", "u"])
        expectTensor(data.x, shape: [2, 2], [2, 4, 6, 8])
        expectTensor(data.y, shape: [2, 2], [3, 1, 7, 5])
        #expect(data.targetNames == ["v", "u"])
        #expect(data.targetName == "v, u")
    }

    @Test func textTargetsAreNumberedInSortedOrder() throws {
        let data = try csv("x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n5,Zebra\n")
        #expect(data.classNames == ["Zebra", "setosa", "versicolor", "virginica"])  // code point order
        expectTensor(data.y, shape: [5], [3, 1, 2, 1, 0])
        expectTensor(data.x, shape: [5, 1], [1, 2, 3, 4, 5])
    }

    @Test func aTargetWithSomeTextIsAllText() throws {
        let data = try csv("x,y\n1,2\n2,10\n3,cat\n")
        #expect(data.classNames == ["10", "2", "cat"])
        expectTensor(data.y, shape: [3], [1, 0, 2])
    }

    @Test func quotedFieldsFollowRFC4180() throws {
        let text = [
            #""first, name",b,"kind ""quoted""""#,
            #""1.5",2,"a, b""#,
            #"3," 4 ","say ""hi""""#,
            #"5,6,"two"#,
            #"lines""#,
            "7,8,plain",
            "",
        ].joined(separator: "\n")
        let data = try csv(text)
        #expect(data.featureNames == ["first, name", "b"])
        #expect(data.targetNames == ["kind \"quoted\""])
        expectTensor(data.x, shape: [4, 2], [1.5, 2, 3, 4, 5, 6, 7, 8])
        #expect(data.classNames == ["a, b", "plain", "say \"hi\"", "two\nlines"])
        expectTensor(data.y, shape: [4], [0, 2, 3, 1])
    }

    @Test func blankLinesAreSkipped() throws {
        let data = try csv("\n\n  \na,b\n\n1,2\n   \n\t\n3,4\n\n\n")
        expectTensor(data.x, shape: [2, 1], [1, 3])
        expectTensor(data.y, shape: [2], [2, 4])
    }

    @Test func crlfLineEndingsAndTheLastLineWithoutANewline() throws {
        let data = try csv("a,b,c\r\n1,2,x\r\n\r\n3,4,y\r\n5,6,x")
        expectTensor(data.x, shape: [3, 2], [1, 2, 3, 4, 5, 6])
        expectTensor(data.y, shape: [3], [0, 1, 0])
        #expect(data.classNames == ["x", "y"])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let data = try csv("\u{FEFF}a,label\n1,2\n")
        #expect(data.featureNames == ["a"])
        expectTensor(data.y, shape: [1], [2])
    }

    @Test func spacesAroundFieldsAndNamesAreTrimmed() throws {
        let data = try csv(" a , b ,  label\n 1 ,\t2 , 3 \n")
        #expect(data.featureNames == ["a", "b"])
        #expect(data.targetNames == ["label"])
        expectTensor(data.x, shape: [1, 2], [1, 2])
        expectTensor(data.y, shape: [1], [3])
    }

    @Test func infinityIsANumber() throws {
        let data = try csv("a,b\ninf,-Infinity\n")
        expectTensor(data.x, shape: [1, 1], [.infinity])
        expectTensor(data.y, shape: [1], [-.infinity])
    }

    @Test func aSingleColumnIsTheTargetWithNoFeatures() throws {
        let data = try csv("y\n1\n2\n")
        #expect(data.x.shape == [2, 0])
        expectTensor(data.y, shape: [2], [1, 2])
    }

    /// A file of several megabytes is parsed in one chunk per core; the result must be the
    /// same as row-by-row, and an error in a later chunk must name its true line.
    @Test func largeFilesParseInChunksToTheSameResult() throws {
        var generator = RandomGenerator(seed: 3)
        var lines = ["a,b,c,label"]
        var expectedX: [Float] = [], expectedY: [Float] = []
        for i in 0..<120_000 {
            let row = (0..<3).map { _ in Float(generator.nextInt(below: 2_000_001) - 1_000_000) / 1000 }
            expectedX += row
            expectedY.append(Float(i % 3))
            lines.append(row.map { "\($0)" }.joined(separator: ",") + ",\(i % 3)")
            if i == 70_000 { lines.append("") }  // a blank line in the second half
        }
        let text = lines.joined(separator: "\n")
        #expect(text.utf8.count > 2 * CSVLoader.minimumChunkBytes)
        let data = try csv(text)
        expectTensor(data.x, shape: [120_000, 3], expectedX)
        expectTensor(data.y, shape: [120_000], expectedY)

        // Row i is on line i + 2 (the header is line 1), plus one after the blank line.
        var broken = lines
        broken[100_000 + 2] = "1,2,oops,0"
        #expect(throws: DataError.notANumber(path: "t.csv", line: 100_003, column: "c", text: "oops")) {
            try csv(broken.joined(separator: "\n"))
        }

        // A quote anywhere means one chunk: a newline in the middle could be inside a field.
        var quoted = lines
        quoted[119_000] = "1,2,\" 3\",0"
        let single = try csv(quoted.joined(separator: "\n"))
        #expect(single.count == 120_000)
        #expect(Array(single.x.scalars[(3 * 118_998)..<(3 * 118_999)]) == [1, 2, 3])
    }

    /// A large file whose target is text: the chunked numeric attempt fails at the first word,
    /// and the whole file is read again, as text, in one chunk.
    @Test func largeFilesWithATextTarget() throws {
        var lines = ["x,y,kind"]
        for i in 0..<200_000 { lines.append("\(i),\(i % 7),\(["cat", "dog", "emu"][i % 3])") }
        let text = lines.joined(separator: "\n")
        #expect(text.utf8.count > 2 * CSVLoader.minimumChunkBytes)
        let data = try csv(text)
        #expect(data.classNames == ["cat", "dog", "emu"])
        #expect(data.y.scalars == (0..<200_000).map { Float($0 % 3) })
        #expect(data.x.scalars.last == Float(199_999 % 7))
    }

    /// A FIFO is refused at once, writer or not: reading one could keep the session waiting
    /// for ever (with no writer, opening it would block, out of Ctrl-C's reach).
    @Test func refusesAPipe() throws {
        let path = temporaryPath("pipe.csv")
        #expect(mkfifo(path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DataError.cannotRead(path: path, reason: "it is not a regular file (a pipe, a device or a socket could keep the session waiting)")) {
            try CSVLoader.load(path)
        }
        #expect(throws: DataError.cannotRead(path: "/dev/null", reason: "it is not a regular file (a pipe, a device or a socket could keep the session waiting)")) {
            try CSVLoader.load("/dev/null")
        }
    }

    @Test func loadsFromAFileAndNamesItInErrors() throws {
        let path = temporaryPath("data.csv")
        try "x,y\n1,2\n3,oops\n4,\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: DataError.missingValue(path: path, line: 4, column: "y")) { try CSVLoader.load(path) }
        try "x,y\n1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let data = try CSVLoader.load(path, target: "x")
        expectTensor(data.y, shape: [1], [1])
        try FileManager.default.removeItem(atPath: path)
    }
}
