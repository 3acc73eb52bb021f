/// A name as written in the source, with where it was written.
///
/// Used wherever the tree holds a bare identifier rather than an expression: assignment
/// targets, function and parameter names, option keys and member names.
public struct Name: Sendable, Hashable, CustomStringConvertible {
    /// The name's text (`W1`, `θ`).
    public var text: String
    /// Where the name is.
    public var range: SourceRange

    /// Creates a name.
    public init(_ text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }

    /// The name's text.
    public var description: String { text }
}
