extension Parser {
    /// Parses a literal, a name, `(expr)` or `[list]`.
    ///
    /// Kept small, with the leaves in `parseLeaf`, because it lies on the recursion path of
    /// every bracket: its frame is paid once per level of nesting.
    func parsePrimary() throws(ParseError) -> Expr {
        switch peek.kind {
        case .leftParen: try parseGroup()
        case .leftBracket: try parseList()
        default: try parseLeaf()
        }
    }

    /// Parses a number, string, boolean or name.
    private func parseLeaf() throws(ParseError) -> Expr {
        let token = peek
        let kind: Expr.Kind
        switch token.kind {
        case .number(let value): kind = .number(value)
        case .string(let value): kind = .string(value)
        case .keyword(.true): kind = .bool(true)
        case .keyword(.false): kind = .bool(false)
        case .name(let name): kind = .name(name)
        default: throw expectedExpression()
        }
        advance()
        return Expr(kind, range: token.range)
    }

    /// `(expr)`: the inner expression, its range widened to take in the parentheses.
    private func parseGroup() throws(ParseError) -> Expr {
        let open = try openBracket()
        defer { closeBracket() }
        var inner = try parseExpression()
        inner.range = open.union(try expectClosing(.rightParen).range)
        return inner
    }

    /// `[a, b, …]`, possibly empty, a trailing comma allowed.
    private func parseList() throws(ParseError) -> Expr {
        let open = try openBracket()
        defer { closeBracket() }
        var elements: [Expr] = []
        while !check(.rightBracket) {
            elements.append(try parseExpression())
            if match(.comma) == nil { break }
        }
        let close = try expectClosing(.rightBracket)
        return Expr(.list(elements), range: open.union(close.range))
    }

    /// Consumes an opening bracket, one level deeper; returns its range. Pair with
    /// `closeBracket()` in a `defer`.
    func openBracket() throws(ParseError) -> SourceRange {
        try enterNesting(at: peek)
        let open = advance()
        openers.append(open)
        return open.range
    }

    /// Undoes `openBracket()`.
    func closeBracket() {
        openers.removeLast()
        depth -= 1
    }
}
