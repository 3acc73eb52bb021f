/// A function call: the callee, its positional arguments and its `key=value` options.
///
/// Both spellings parse to this node: `fit(model, train, epochs=10)` and, at the start of a
/// statement, command form `fit model train epochs=10`. They differ only in `commandForm` and
/// in source ranges. A bare word after the arguments (`quiet` in `fit model train quiet`)
/// stays a positional `.name` argument: the interpreter knows which words are flags.
public struct Call: Sendable, Equatable {
    /// A `key=value` argument.
    public struct Option: Sendable, Equatable {
        /// The key, left of `=`.
        public var name: Name
        /// The value, right of `=`.
        public var value: Expr
        /// From the key to the end of the value.
        public var range: SourceRange

        /// Creates an option.
        public init(name: Name, value: Expr, range: SourceRange) {
            self.name = name
            self.value = value
            self.range = range
        }
    }

    /// What is called: usually a `.name`, but any postfix expression (`model(x)`, `f(1)(2)`).
    public var callee: Expr
    /// The positional arguments, in order.
    public var arguments: [Expr]
    /// The options, in the order written; keys are distinct (the parser checks).
    public var options: [Option]
    /// Whether the call was written in command form (no parentheses, no commas).
    public var commandForm: Bool

    /// Creates a call.
    public init(callee: Expr, arguments: [Expr], options: [Option], commandForm: Bool) {
        self.callee = callee
        self.arguments = arguments
        self.options = options
        self.commandForm = commandForm
    }

    /// The callee's name when it is a plain name (`fit` in `fit model data`), else nil.
    public var calleeName: String? {
        if case .name(let name) = callee.kind { name } else { nil }
    }

    /// The value of option `key`, if given.
    public func option(_ key: String) -> Expr? {
        options.first { $0.name.text == key }?.value
    }
}
