/// What a complete parse yields: the statements of a cell or file, and its comments.
///
/// The comments are not part of the tree; they are kept (with their ranges) so that a session
/// can be saved with the person's comments, and so that `gradbook check` can find the `#>`
/// saved-output lines that follow each statement.
public struct Program: Sendable, Equatable {
    /// The statements, in source order.
    public var statements: [Statement]
    /// The comments, in source order.
    public var comments: [Comment]

    /// Creates a program.
    public init(statements: [Statement], comments: [Comment] = []) {
        self.statements = statements
        self.comments = comments
    }
}
