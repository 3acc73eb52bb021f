import Testing
@testable import Language

/// The prompt's cell assembly: the same answers as parsing the whole cell after every line,
/// with the whole-cell parses bounded (the REPL took 82 s for a 16,000-line pasted list).
struct PendingCellTests {
    /// Feeds `lines` one at a time; the line after which the cell stopped needing more, or nil.
    private func completesAfter(_ lines: [String]) -> (index: Int?, parses: Int) {
        var cell = PendingCell()
        for (i, line) in lines.enumerated() where !cell.append(line) { return (i, cell.parses) }
        return (nil, cell.parses)
    }

    /// The reference: parse the whole cell after every line.
    private func naiveCompletesAfter(_ lines: [String]) -> Int? {
        for i in lines.indices {
            if case .incomplete = Parser.parse(SourceText(lines[...i].joined(separator: "\n"))) { continue }
            return i
        }
        return nil
    }

    @Test(arguments: [
        ["x = (1 +", "2)"],
        ["repeat 2", "  x = f(1,", "        2)", "end"],
        ["def f(a) do", "  repeat 2", "    y = a", "  end", "  y", "end"],
        ["x = [1, 2,", "3]", "y = 2"],
        ["x = (1 + * 2"],
        ["x = [", "1,", "2,", "]"],
        ["repeat 3 x = 1"],
        ["x = (1 +", ")", "y"],
        ["x = 1 ]"],
    ])
    func sameAnswersAsParsingEveryLine(lines: [String]) {
        #expect(completesAfter(lines).index == naiveCompletesAfter(lines))
    }

    /// Long cells: the same answer, in a number of parses that grows with the logarithm of
    /// the length (plus one per line that can complete the cell).
    @Test func longCellsParseABoundedNumberOfTimes() {
        let list = ["x = ["] + Array(repeating: "  1,", count: 16_000) + ["]"]
        let listResult = completesAfter(list)
        #expect(listResult.index == list.count - 1)
        #expect(listResult.parses <= PendingCell.alwaysParsedLines + 16, "\(listResult.parses) parses")

        let block = ["repeat 2"] + Array(repeating: "  x = (1 +\n 2)".replacingOccurrences(of: "\n", with: ""), count: 5_000) + ["end"]
        let blockResult = completesAfter(block)
        #expect(blockResult.index == block.count - 1)
        #expect(blockResult.parses <= PendingCell.alwaysParsedLines + 16, "\(blockResult.parses) parses")

        // A mistake early in a long cell is still reported, at the next power-of-two line.
        let broken = ["x = [", "1 +* 2,"] + Array(repeating: "  1,", count: 100)
        let brokenAt = completesAfter(broken).index
        #expect(brokenAt == 1, "\(brokenAt as Any)")   // within the first lines: at once
        let late = ["x = ["] + Array(repeating: "  1,", count: 20) + ["1 +* 2,"] + Array(repeating: "  1,", count: 100)
        #expect(completesAfter(late).index == 31)   // line 32, the next power of two
    }
}
