import Language

/// Where the cursor is, read from the text before it: the word being typed and what kind of
/// word belongs there.
///
/// This is a small scan of its own rather than the language's scanner, because the text before
/// the cursor is nearly always an unfinished statement (an open string, a half-typed call) and
/// only its last few tokens matter. Offsets count Unicode scalars, as libedit's do.
struct CompletionContext: Equatable {
    /// What kind of word the cursor is in.
    enum Position: Equatable {
        /// Inside a `#` comment, or a number: nothing to complete.
        case nothing
        /// Inside an unterminated string; `folder` is the path typed up to its last `/`
        /// (escapes resolved), and the word is the rest.
        case path(folder: String)
        /// After `base.`, where the base is a plain name or `name[i]`.
        case member(MemberBase)
        /// The first word of a statement.
        case statementStart
        /// An argument of `callee` (command form or call form), where an option or a flag may
        /// go; `given` lists the options already written in this call.
        case argument(callee: String, given: Set<String>)
        /// Any other place a name may go (an operand, an option's value).
        case name
    }

    var position: Position
    /// The partial word before the cursor (escapes resolved inside a string).
    var word: String
    /// Where the word starts, in Unicode scalars from the start of the text.
    var wordStart: Int

    /// Reads the context at the end of `text` (everything before the cursor).
    init(_ text: String) {
        var scan = ContextScan(Array(text.unicodeScalars))
        if let early = scan.run() {
            self = early
            return
        }
        self = scan.context()
    }

    init(position: Position, word: String, wordStart: Int) {
        self.position = position
        self.word = word
        self.wordStart = wordStart
    }
}

/// The base of a member access that completion may look into: `model` or `model[0]`.
public enum MemberBase: Hashable, Sendable {
    case name(String)
    case element(String, Int)
}

/// A token of the statement around the cursor, as far as completion cares.
struct ContextToken: Equatable {
    enum Kind: Equatable {
        case name(String)
        case number(String)
        case string
        case punctuation(Unicode.Scalar)
    }
    var kind: Kind
    var start: Int
    var end: Int
    /// Whitespace comes right before it.
    var spaced: Bool
    /// How many brackets are open around it.
    var depth: Int

    var name: String? { if case .name(let n) = kind { n } else { nil } }
    func isPunctuation(_ p: Unicode.Scalar) -> Bool { kind == .punctuation(p) }
}
