import Language

/// A built-in function or command of gradbook's language.
///
/// One registry holds them all: the signature, one-line summary and example of each feed
/// `help`, tab completion and the README's reference (generated from this registry by
/// `gradbook reference`, through `scripts/update-readme-reference.sh`), so the three cannot
/// drift apart. The options it declares are the only ones its `run` can read (`Invocation`
/// asserts it), so a typo in an option's key is caught by the first test that calls it.
public struct Builtin: Sendable {
    /// How `help` groups the built-ins.
    public enum Category: String, CaseIterable, Sendable {
        case tensors = "Tensors"
        case math = "Elementwise and reductions"
        case autodiff = "Autodiff"
        case models = "Layers and models"
        case training = "Training"
        case data = "Data"
        case teaching = "The math by hand"
        case inspection = "Inspection and pictures"
        case session = "Session"
        case export = "Export and import"
    }

    public let name: String
    public let category: Category
    /// `fit(model, data, epochs=1, batch=32, shuffle=true, validation=)`.
    public let signature: String
    public let summary: String
    /// A line that works as written at the prompt.
    public let example: String
    /// The option names it accepts (`key=value`): those declared as options, then the flags.
    public let options: [String]
    /// Options that may be written as a bare word (`quiet` ≡ `quiet=true`); a flag is an option
    /// too, declared once, here.
    public let flags: [String]
    /// Whether `save` writes a statement that calls it. `save`, `quit`, `exit` and
    /// `interrupt_at` are not saved: replaying them would write the file again, end the replay,
    /// or stop a statement that was not stopped (`save` writes `interrupt_at` itself where one
    /// belongs).
    public let isSaved: Bool
    /// Whether its arguments name things rather than compute values: a bare word that names
    /// no variable and no built-in is passed as its text (`explain add`, where `add` is an op's
    /// name but not a built-in, and `help fitt`, which then suggests `fit`).
    public let takesNames: Bool
    /// What it does when called.
    let run: @Sendable (inout Invocation) throws(Diagnostic) -> Value

    init(
        _ name: String, _ category: Category, signature: String, summary: String, example: String,
        options: [String] = [], flags: [String] = [], isSaved: Bool = true, takesNames: Bool = false,
        run: @escaping @Sendable (inout Invocation) throws(Diagnostic) -> Value
    ) {
        self.name = name
        self.category = category
        self.signature = signature
        self.summary = summary
        self.example = example
        self.options = options + flags.filter { !options.contains($0) }
        self.flags = flags
        self.isSaved = isSaved
        self.takesNames = takesNames
        self.run = run
    }
}

/// Every built-in, by name.
public struct BuiltinRegistry: Sendable {
    public let all: [Builtin]
    private let byName: [String: Int]

    init(_ builtins: [Builtin]) {
        all = builtins
        var index: [String: Int] = [:]
        for (i, b) in builtins.enumerated() { index[b.name] = i }
        byName = index
    }

    public subscript(name: String) -> Builtin? {
        byName[name].map { all[$0] }
    }

    public var names: [String] { all.map(\.name) }

    /// The registry of the language (docs/language.md lists its statements; `help` lists these).
    public static let standard = BuiltinRegistry(
        Builtins.tensors + Builtins.math + Builtins.normalization + Builtins.convolution + Builtins.autodiff + Builtins.models + Builtins.training + Builtins.schedules
            + Builtins.data + Builtins.teaching + Builtins.inspection + Builtins.pictures + Builtins.session
            + Builtins.export)
}

/// Namespace for the tables of built-ins, one file per category.
enum Builtins {}
