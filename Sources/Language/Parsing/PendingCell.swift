/// The lines of a cell typed at the prompt so far, and whether the cell needs another line.
///
/// Parsing the whole cell again after every line costs time quadratic in its length (a
/// 16,000-line list pasted at the prompt took 82 s). A line can complete the cell only when it
/// leaves no bracket and no `repeat`/`do` block open, so while one is open the parse is
/// skipped: its brackets and keywords are counted from the new line's tokens alone, which
/// costs time linear in the line. The first few lines, and each line whose number is a power
/// of two, are parsed all the same, so a mistake early in a long cell is still reported soon,
/// and the total work stays linear in the cell's length.
public struct PendingCell {
    /// Lines up to this many are parsed after every line, as a person types them.
    public static let alwaysParsedLines = 8

    /// The cell so far, lines joined with `\n`.
    public private(set) var text = ""
    /// The number of lines so far.
    public private(set) var lineCount = 0
    /// How many times the cell was parsed (for tests of the linear bound).
    public private(set) var parses = 0
    private var openBrackets = 0
    private var openBlocks = 0
    private var nextCheckpoint = PendingCell.alwaysParsedLines * 2

    public init() {}

    /// True when nothing has been typed yet.
    public var isEmpty: Bool { lineCount == 0 }

    /// Adds a line; true when the cell needs more lines (it is incomplete), false when it is
    /// complete or fails (then run it: the parse reports what is wrong).
    public mutating func append(_ line: String) -> Bool {
        text += lineCount == 0 ? line : "\n" + line
        lineCount += 1
        countOpenings(in: line)
        let couldComplete = openBrackets <= 0 && openBlocks <= 0
        var parse = couldComplete || lineCount <= PendingCell.alwaysParsedLines
        if lineCount >= nextCheckpoint {
            parse = true
            nextCheckpoint *= 2
        }
        guard parse else { return true }
        parses += 1
        if case .incomplete = Parser.parse(SourceText(text)) { return true }
        return false
    }

    /// Updates the counts of open brackets and blocks with one line's tokens.
    private mutating func countOpenings(in line: String) {
        for token in TokenScanner.scan(SourceText(line)).tokens {
            switch token.kind {
            case .leftParen, .leftBracket: openBrackets += 1
            case .rightParen, .rightBracket: openBrackets -= 1
            case .keyword(.repeat), .keyword(.do): openBlocks += 1
            case .keyword(.end): openBlocks -= 1
            default: break
            }
        }
    }
}
