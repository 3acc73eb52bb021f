/// A half-open span of source text, from `start` up to (not including) `end`.
///
/// Every token and every syntax node carries one. An empty range (`start == end`) marks a
/// position, such as the end of the input where something was expected.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The first position inside the range.
    public var start: SourceLocation
    /// The first position after the range.
    public var end: SourceLocation

    /// Creates the range `start..<end`; `start` must not come after `end`.
    public init(start: SourceLocation, end: SourceLocation) {
        precondition(start.offset <= end.offset,
                     "SourceRange start \(start) (offset \(start.offset)) is after end \(end) (offset \(end.offset))")
        self.start = start
        self.end = end
    }

    /// Creates the empty range at `location`.
    public init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }

    /// The placeholder range that `Statement.strippingSource()` puts on every node, so that
    /// trees compare by shape alone.
    public static let unknown = SourceRange(at: SourceLocation(offset: 0, line: 0, column: 0))

    /// The UTF-8 offsets the range covers, for slicing `SourceText.text.utf8`.
    public var offsets: Range<Int> { start.offset..<end.offset }

    /// Whether the range covers no text.
    public var isEmpty: Bool { start.offset == end.offset }

    /// The lines the range touches: its first line through the line of its last character.
    ///
    /// A range that ends exactly at the start of a line (just after a line break) does not
    /// count that line.
    public var lines: ClosedRange<Int> {
        let last = (end.column == 1 && end.line > start.line) ? end.line - 1 : end.line
        return start.line...max(start.line, last)
    }

    /// The smallest range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// Whether the UTF-8 offset `offset` lies inside the range.
    public func contains(_ offset: Int) -> Bool { offsets.contains(offset) }

    /// `line:column-line:column`, for debugging and test messages.
    public var description: String { "\(start)-\(end)" }
}
