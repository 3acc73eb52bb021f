/// A position in source text: a UTF-8 offset, and the 1-based line and column it falls on.
///
/// The offset indexes `SourceText.text.utf8`; line and column are what a person reads.
/// Columns count `Character`s (extended grapheme clusters) from the start of the line, so a
/// caret drawn after `column - 1` characters lines up under `θ` or `é` however many bytes
/// they take. Locations order by offset.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The UTF-8 offset from the start of the source text.
    public var offset: Int
    /// The 1-based line number (counted from the source's first line number).
    public var line: Int
    /// The 1-based column, counted in `Character`s from the start of the line.
    public var column: Int

    /// Creates a location from its three coordinates, which the caller keeps consistent.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Orders locations by their offset.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }

    /// `line:column`, as diagnostics print it.
    public var description: String { "\(line):\(column)" }
}
