extension Parser {
    /// Whether `token`, coming right after a statement's first name, makes the statement a
    /// command: a call written without parentheses and commas (`fit model train epochs=10`).
    ///
    /// The decision is syntactic, on that one token:
    /// - a name (`help fit`, `fit model …`, and `key=` options: `fit epochs=10`), a number
    ///   (`seed 3`), a string (`save "f.grad"`) or `true`/`false` starts an argument, so the
    ///   statement is a command;
    /// - `(` or `[` *after whitespace* starts an argument (`show [1, 2]`, `show (a + b)`);
    ///   attached, it is a call or an index (`f(x)`, `x[0]`), and the statement an expression;
    /// - a binary operator never starts an argument: `x -1` is a subtraction, `x * 2` a
    ///   product (so `show -x` subtracts: write `show (-x)`);
    /// - `=` makes an assignment and `,` a destructuring (checked before this);
    /// - anything else (`.`, the end of the line) leaves an expression: a lone name like
    ///   `quit` or `L` is a `.name` statement, for the interpreter to run or print.
    ///
    /// The same rule separates further arguments, so `show x [0]` passes two, `show x[0]` one.
    static func startsCommandArgument(_ token: Token) -> Bool {
        switch token.kind {
        case .name, .number, .string, .keyword(.true), .keyword(.false): true
        case .leftParen, .leftBracket: token.hasLeadingSpace
        default: false
        }
    }

    /// Whether `help` is followed by a keyword or comparison whose help is asked for (`help if`,
    /// `help <`): the one place one is an argument, read as the string of its spelling (`help "if"`).
    static func isHelpOnKeyword(_ first: Token, _ next: Token) -> Bool {
        guard first.kind == .name("help") else { return false }
        switch next.kind {
        case .keyword(.true), .keyword(.false): return false
        case .keyword, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }

    /// Parses a command: its name, then arguments and options up to the end of the line.
    ///
    /// A positional argument is a postfix expression (`model`, `grad(w)`, `model[0].W`,
    /// `(a + b)`, `[1, 2]`); an option is `key=value` with a unary-level value. A bare word
    /// such as `quiet` stays a positional `.name`: which words are flags is the
    /// interpreter's knowledge, not the parser's.
    func parseCommand() throws(ParseError) -> Expr {
        let nameToken = advance()
        let callee = Expr(.name(text(nameToken.range)), range: nameToken.range)
        try enterNesting(at: nameToken)
        defer { depth -= 1 }
        var arguments: [Expr] = []
        var options: [Call.Option] = []
        var seen: [String: SourceRange] = [:]
        var range = nameToken.range
        if Self.isHelpOnKeyword(nameToken, peek) {
            let keyword = advance()
            arguments.append(Expr(.string(text(keyword.range)), range: keyword.range))
            range = range.union(keyword.range)
        }
        while true {
            if startsOption {
                let option = try parseOption(seen: &seen, inCommand: true)
                options.append(option)
                range = range.union(option.range)
            } else if Self.startsCommandArgument(peek) {
                let argument = try parsePostfix(inCommand: true)
                arguments.append(argument)
                range = range.union(argument.range)
            } else {
                break
            }
        }
        let call = Call(callee: callee, arguments: arguments, options: options, commandForm: true)
        return Expr(.call(call), range: range)
    }
}
