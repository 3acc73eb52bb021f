/// A script or a pasted cell parsed statement by statement: what runs, and what does not.
///
/// A syntax error costs only its own top-level statement. The parser recovers at the next
/// statement boundary — after the line, or after the `end` of the block the error is in — so
/// a script runner can run every other statement and report each error where it is, in
/// source order. `Parser.parse` is the same parse seen whole (complete, incomplete, failed).
public struct ScriptParse: Sendable, Equatable {
    /// A top-level statement that parsed, or one that did not.
    public enum Item: Sendable, Equatable {
        case statement(Statement)
        case failure(FailedStatement)

        /// Where the item is in the source.
        public var range: SourceRange {
            switch self {
            case .statement(let statement): statement.range
            case .failure(let failure): failure.range
            }
        }
    }

    /// The top-level statements in source order, failed ones included.
    public var items: [Item]
    /// The comments, in source order.
    public var comments: [Comment]
    /// Set when the source only stops too soon (inside an open bracket or block): another
    /// line could complete it, and the REPL asks for one. Nothing has failed otherwise.
    public var incomplete: Diagnostic?

    /// The statements that parsed.
    public var statements: [Statement] {
        items.compactMap { if case .statement(let s) = $0 { s } else { nil } }
    }

    /// The statements that did not.
    public var failures: [FailedStatement] {
        items.compactMap { if case .failure(let f) = $0 { f } else { nil } }
    }
}

/// A top-level statement with syntax errors: its whole extent (through the `end` of its
/// block, when it opens one) and the errors found in it, in source order.
public struct FailedStatement: Sendable, Equatable {
    public var range: SourceRange
    public var diagnostics: [Diagnostic]
}
