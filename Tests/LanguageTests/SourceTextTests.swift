import Testing
@testable import Language

@Test func linesAndLocationsOfPlainText() {
    let source = SourceText("x = 1\ny = 22\n\nz")
    #expect(source.lineCount == 4)
    #expect(source.line(1) == "x = 1")
    #expect(source.line(2) == "y = 22")
    #expect(source.line(3) == "")
    #expect(source.line(4) == "z")
    #expect(source.line(0) == nil)
    #expect(source.line(5) == nil)
    #expect(source.location(at: 0) == SourceLocation(offset: 0, line: 1, column: 1))
    #expect(source.location(at: 6) == SourceLocation(offset: 6, line: 2, column: 1))
    #expect(source.location(at: 10) == SourceLocation(offset: 10, line: 2, column: 5))
    #expect(source.location(at: 14) == SourceLocation(offset: 14, line: 4, column: 1))
    #expect(source.endLocation == SourceLocation(offset: 15, line: 4, column: 2))
}

@Test func columnsCountCharactersNotBytes() {
    let source = SourceText("θ = α*x̂ + 🇫🇷")
    // θ and α take two bytes, x̂ is x plus a combining mark, the flag is one Character of
    // two four-byte scalars.
    let utf8 = Array(source.text.utf8)
    let plus = utf8.firstIndex(of: UInt8(ascii: "+"))!
    #expect(source.location(at: plus).column == 9)
    #expect(source.location(at: 2).column == 2)      // after the two bytes of "θ"
    #expect(source.endLocation.column == 12)
}

@Test func crlfLineBreaksAreNotPartOfTheLine() {
    let source = SourceText("a = 1\r\nb = 2\r\n")
    #expect(source.line(1) == "a = 1")
    #expect(source.line(2) == "b = 2")
    #expect(source.location(at: 7) == SourceLocation(offset: 7, line: 2, column: 1))
}

@Test func firstLineShiftsLineNumbers() {
    let source = SourceText("x = 1\ny = (", name: "f.grad", firstLine: 10)
    #expect(source.lastLine == 11)
    #expect(source.line(11) == "y = (")
    #expect(source.line(1) == nil)
    #expect(source.location(at: 10).line == 11)
    let program = parseComplete("x = 1")
    #expect(program.statements[0].range.start.line == 1)
    guard case .complete(let shifted) = Parser.parse(SourceText("\nx = 1", firstLine: 7)) else {
        Issue.record("did not parse")
        return
    }
    #expect(shifted.statements[0].range.start.line == 8)
}

@Test func textInRangeSlicesTheSource() {
    let source = SourceText("θ = sigmoid(z)")
    let range = source.range(of: 5..<15)
    #expect(source.text(in: range) == "sigmoid(z)")
    #expect(range.start.column == 5)
    #expect(range.end.column == 15)
    #expect(source.text(in: SourceRange(at: source.endLocation)) == "")
}

@Test func rangesUniteAndReportTheirLines() {
    let a = SourceRange(start: SourceLocation(offset: 0, line: 1, column: 1),
                        end: SourceLocation(offset: 3, line: 1, column: 4))
    let b = SourceRange(start: SourceLocation(offset: 10, line: 2, column: 3),
                        end: SourceLocation(offset: 12, line: 2, column: 5))
    #expect(a.union(b) == SourceRange(start: a.start, end: b.end))
    #expect(b.union(a) == a.union(b))
    #expect(a.union(b).lines == 1...2)
    #expect(a.isEmpty == false)
    #expect(SourceRange(at: a.start).isEmpty)
    #expect(a.contains(2) && !a.contains(3))
    #expect(a.description == "1:1-1:4")
    // A range ending just after a line break does not reach the next line.
    let line = SourceRange(start: a.start, end: SourceLocation(offset: 6, line: 2, column: 1))
    #expect(line.lines == 1...1)
}

@Test func columnCounterAgreesWithSourceText() {
    let text = "a θ́ β + \"x̂y\" 🇫🇷 q\nζ = 1"
    let source = SourceText(text)
    var counter = ColumnCounter(source: source)
    let offsets = Array(text.unicodeScalars.indices.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
    let newline = Array(text.utf8).firstIndex(of: UInt8(ascii: "\n"))!
    for offset in offsets where offset <= newline {
        let expected = source.location(at: offset).column
        #expect(counter.column(at: offset) == expected, "offset \(offset)")
    }
    counter.startLine(at: newline + 1)
    #expect(counter.column(at: newline + 3) == 2)   // after "ζ"
}
