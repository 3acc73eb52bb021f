extension Parser {
    /// Parses a primary and its postfixes, left to right: `.name`, `[index]`, `(arguments)`.
    ///
    /// In a command-form argument (`inCommand`), `(` and `[` are postfixes only when attached
    /// to what precedes them: in `show x [0]` the `[0]` is a second argument, in `show x[0]`
    /// an index. `.name` attaches either way (it can never start an argument).
    func parsePostfix(inCommand: Bool) throws(ParseError) -> Expr {
        var expr = try parsePrimary()
        let depthBefore = depth
        defer { depth = depthBefore }
        while true {
            switch postfixComing(inCommand: inCommand) {
            case .member?: expr = try parseMember(of: expr)
            case .call?: expr = try parseCallArguments(of: expr)
            case .index?: expr = try parseIndex(of: expr)
            case nil: return expr
            }
        }
    }

    /// The kinds of postfix.
    enum Postfix { case member, call, index }

    /// The postfix the next token starts, if any (see `parsePostfix` on attachment).
    private func postfixComing(inCommand: Bool) -> Postfix? {
        let isAttached = !inCommand || !peek.hasLeadingSpace
        switch peek.kind {
        case .dot: return .member
        case .leftParen where isAttached: return .call
        case .leftBracket where isAttached: return .index
        default: return nil
        }
    }

    /// `.name` after a base; the level of nesting it adds stays until `parsePostfix` ends.
    private func parseMember(of base: Expr) throws(ParseError) -> Expr {
        try enterNesting(at: peek)
        advance()
        let name = try expectName(after: ".")
        return Expr(.member(base: base, name: name), range: base.range.union(name.range))
    }

    /// `(a, b, key=value)` after a callee: positional arguments and options, in any order,
    /// a trailing comma allowed. Adds a level of nesting that stays until `parsePostfix` ends.
    ///
    /// This and the functions it calls before the closing bracket lie on the recursion path
    /// of nested calls, so each does little and the rest happens in `finishCall`.
    private func parseCallArguments(of callee: Expr) throws(ParseError) -> Expr {
        _ = try openBracket()
        defer { openers.removeLast() }
        var list = ArgumentList()
        while !check(.rightParen) {
            try parseArgument(into: &list)
            if match(.comma) == nil { break }
        }
        return try finishCall(of: callee, with: list)
    }

    /// The arguments of a call as they are read.
    struct ArgumentList {
        var arguments: [Expr] = []
        var options: [Call.Option] = []
        /// The option keys given so far, and where.
        var seen: [String: SourceRange] = [:]
    }

    /// Parses one argument or option of a call in parentheses.
    private func parseArgument(into list: inout ArgumentList) throws(ParseError) {
        if startsOption {
            list.options.append(try parseOption(seen: &list.seen, inCommand: false))
        } else {
            list.arguments.append(try parseExpression())
        }
    }

    /// Consumes the `)` of a call and builds its node.
    private func finishCall(of callee: Expr, with list: ArgumentList) throws(ParseError) -> Expr {
        let close = try expectClosing(.rightParen)
        let call = Call(callee: callee, arguments: list.arguments, options: list.options, commandForm: false)
        return Expr(.call(call), range: callee.range.union(close.range))
    }

    /// Whether the next tokens are `name =`, the start of an option.
    var startsOption: Bool {
        guard case .name = peek.kind else { return false }
        return peek(1).kind == .equal
    }

    /// `key=value`. In command form the value is a unary-level expression (`lr=-0.1`,
    /// `optimizer=adam(lr=0.001)`, `n=2^10`); in parentheses, any expression.
    /// `seen` maps the keys given so far to where; a repeat is an error.
    func parseOption(seen: inout [String: SourceRange], inCommand: Bool) throws(ParseError) -> Call.Option {
        let key = try readOptionKey(seen: &seen)
        let value = try parseOperators(inCommand ? .unaryAndPower : .all, inCommand: inCommand)
        return Call.Option(name: key, value: value, range: key.range.union(value.range))
    }

    /// Consumes `key =`, checking that the key is new.
    private func readOptionKey(seen: inout [String: SourceRange]) throws(ParseError) -> Name {
        let key = try expectName(after: "")
        if let first = seen[key.text] {
            throw error(.duplicateOption(key.text), over: key.range,
                        notes: [Diagnostic.Note(.noteFirstGivenHere(key.text), at: first)])
        }
        seen[key.text] = key.range
        advance()   // =
        return key
    }

    /// `[i, j:k, ::s]` after a base: one or more components, a trailing comma allowed.
    /// Adds a level of nesting that stays until `parsePostfix` ends.
    private func parseIndex(of base: Expr) throws(ParseError) -> Expr {
        _ = try openBracket()
        defer { openers.removeLast() }
        var components: [IndexComponent] = []
        repeat {
            components.append(try parseIndexComponent())
        } while match(.comma) != nil && !check(.rightBracket)
        return try finishIndex(of: base, with: components)
    }

    /// Consumes the `]` of an index and builds its node.
    private func finishIndex(of base: Expr, with components: [IndexComponent]) throws(ParseError) -> Expr {
        let close = try expectClosing(.rightBracket)
        return Expr(.index(base: base, components: components), range: base.range.union(close.range))
    }

    /// One index component: `expr`, or a slice `start:stop` / `start:stop:step` with every
    /// part optional (`:`, `2:`, `:5`, `::2`).
    private func parseIndexComponent() throws(ParseError) -> IndexComponent {
        let first = peek.range
        if check(.colon) { return .slice(try parseSlice(from: first, start: nil)) }
        let expr = try parseExpression()
        return check(.colon) ? .slice(try parseSlice(from: first, start: expr)) : .single(expr)
    }

    /// The rest of a slice from its first `:`, given its start.
    private func parseSlice(from first: SourceRange, start: Expr?) throws(ParseError) -> IndexComponent.Slice {
        var last = advance().range   // the first ':'
        let stop = try parseSlicePart(last: &last)
        var step: Expr?
        if let colon = match(.colon) {
            last = colon.range
            step = try parseSlicePart(last: &last)
        }
        return IndexComponent.Slice(start: start, stop: stop, step: step, range: first.union(last))
    }

    /// The expression of a slice part, or nil when the part is empty (`:` `,` `]` comes
    /// next); moves `last` to the end of what was read.
    private func parseSlicePart(last: inout SourceRange) throws(ParseError) -> Expr? {
        if check(.colon) || check(.comma) || check(.rightBracket) { return nil }
        let expr = try parseExpression()
        last = expr.range
        return expr
    }
}
