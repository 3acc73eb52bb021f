/// A `#` comment, kept beside the tokens so that a session can be saved with its comments.
///
/// Comments never reach the parser. In session files, lines beginning `#>` hold the saved
/// output of the statement above them (`gradbook check` compares against them); to the parser
/// they are comments like any other.
public struct Comment: Sendable, Equatable {
    /// The comment's text from `#` to the end of its line, without the line break.
    public var text: String
    /// Where the comment is.
    public var range: SourceRange
    /// Whether only whitespace comes before the comment on its line.
    public var isWholeLine: Bool

    /// Creates a comment.
    public init(text: String, range: SourceRange, isWholeLine: Bool) {
        self.text = text
        self.range = range
        self.isWholeLine = isWholeLine
    }

    /// Whether this is a line of saved output (`#> …` on a line of its own).
    public var isSavedOutput: Bool { isWholeLine && text.hasPrefix("#>") }

    /// For a saved-output line, its text after `#>` and one optional space; nil otherwise.
    public var savedOutput: Substring? {
        guard isSavedOutput else { return nil }
        let rest = text.dropFirst(2)
        return rest.first == " " ? rest.dropFirst() : rest
    }
}
