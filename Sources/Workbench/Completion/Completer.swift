import Foundation

/// Tab completion for the prompt: given the text before the cursor, the words that may go there.
///
/// It completes built-in names and workspace names, the options and flags of the built-in being
/// called (`fit model train ep` → `epochs=`, and the same inside `fit(…`), members after a dot
/// (`model.` → `history`, `layers`, …; `model[0].` → `W`, `b`, …) and file paths inside a string
/// (`load("da` → `data/`). Nothing is evaluated: the candidates come from the registry and from
/// a `CompletionWorkspace` captured before the prompt, so a keystroke never waits on computation.
public struct Completer: Sendable {
    public var builtins: BuiltinRegistry
    public var workspace: CompletionWorkspace
    /// Where relative paths start (the current directory).
    public var workingDirectory: String
    /// What `~/` means in a path.
    public var homeDirectory: String?

    /// Words that may start a statement besides names.
    static let statementKeywords = ["if", "else", "for", "while", "repeat", "break", "def", "end"]
    /// Words that may come inside an expression besides names: values, the logical
    /// operators, and the `in` of a `for`.
    static let valueKeywords = ["true", "false", "and", "or", "not", "in"]

    public init(builtins: BuiltinRegistry = .standard, workspace: CompletionWorkspace = CompletionWorkspace(),
                workingDirectory: String = FileManager.default.currentDirectoryPath, homeDirectory: String? = nil) {
        self.builtins = builtins
        self.workspace = workspace
        self.workingDirectory = workingDirectory
        self.homeDirectory = homeDirectory
    }

    /// The candidates for the word that ends `text` (everything before the cursor, earlier
    /// lines of the cell included), sorted, each a whole replacement for that word.
    public func complete(_ text: String) -> Completion {
        let context = CompletionContext(text)
        let words: [String]
        switch context.position {
        case .nothing:
            words = []
        case .path(let folder):
            words = PathCompletion.entries(in: folder, prefix: context.word,
                                           workingDirectory: workingDirectory, homeDirectory: homeDirectory)
            return Completion(start: context.wordStart, candidates: words.sorted())
        case .member(let base):
            words = workspace.members(of: base)
        case .statementStart where context.word.isEmpty && Self.isBlankContinuationLine(text):
            return Completion(start: context.wordStart, candidates: [Self.indent])
        case .statementStart:
            words = builtins.names + workspace.names + Self.statementKeywords
        case .argument(let callee, let given):
            // Once an option is given, the arguments are done: what may follow is the rest
            // of the options (`fit model train epochs=5 ` → `batch=`, `quiet`, …).
            let options = optionsAndFlags(of: callee, except: given)
            let matchingOptions = options.filter { $0.unicodeScalars.starts(with: context.word.unicodeScalars) }
            if !given.isEmpty, !options.isEmpty, context.word.isEmpty || !matchingOptions.isEmpty {
                return Completion(start: context.wordStart, candidates: Set(matchingOptions).sorted())
            }
            words = options + names + (callee == "help" && builtins[callee] != nil ? KeywordHelp.keywords : [])
        case .name:
            words = names
        }
        let matching = Set(words.filter { $0.unicodeScalars.starts(with: context.word.unicodeScalars) })
        return Completion(start: context.wordStart, candidates: matching.sorted())
    }

    /// What Tab inserts on a blank line inside a cell (a `repeat` or `def` body).
    static let indent = "  "

    /// Whether the cursor is on a line of its own after the cell's first line, with only spaces before it.
    private static func isBlankContinuationLine(_ text: String) -> Bool {
        guard let lineStart = text.lastIndex(of: "\n") else { return false }
        return text[text.index(after: lineStart)...].allSatisfy { $0 == " " || $0 == "\t" }
    }

    private var names: [String] { workspace.names + builtins.names + Self.valueKeywords }

    /// `epochs=`, `batch=`, … and bare flags (`quiet`), for a built-in not shadowed by a
    /// workspace name; options already given are left out.
    private func optionsAndFlags(of callee: String, except given: Set<String>) -> [String] {
        guard let builtin = builtins[callee], !workspace.names.contains(callee) else { return [] }
        let options = builtin.options.filter { !given.contains($0) }.map { $0 + "=" }
        return options + builtin.flags.filter { !given.contains($0) }
    }
}
