extension Parser {
    /// `repeat N` newline … `end`
    func parseRepeat() throws(ParseError) -> Statement {
        let keyword = advance()
        let count = try parseExpression()
        let (body, end) = try parseBlockBody(of: keyword, header: keyword.range.union(count.range))
        return Statement(.repeat(count: count, body: body), range: keyword.range.union(end))
    }

    /// `def f(a, b) = expr`, or `def f(a) do` newline … `end`.
    func parseDef() throws(ParseError) -> Statement {
        let keyword = advance()
        let (name, params) = try parseSignature()
        if match(.equal) != nil {
            let value = try parseExpression()
            return Statement(.def(name: name, params: params, body: .expression(value)),
                             range: keyword.range.union(value.range))
        }
        let header = try expectDo(after: keyword.range)
        let (body, end) = try parseBlockBody(of: keyword, header: header)
        let range = keyword.range.union(end)
        if body.isEmpty {
            record(error(.emptyFunctionBody(name.text), over: range))
        }
        return Statement(.def(name: name, params: params, body: .block(body)), range: range)
    }

    /// `f(a, b)` after `def`: the name, then distinct parameter names in parentheses, a
    /// trailing comma allowed.
    private func parseSignature() throws(ParseError) -> (Name, [Name]) {
        let name = try expectName(after: "def")
        guard check(.leftParen) else {
            throw error(.expectedToken(["("], after: "def \(name.text)", found: peek.kind), at: peek)
        }
        openers.append(advance())
        defer { openers.removeLast() }
        var params: [Name] = []
        var seen: Set<String> = []
        while !check(.rightParen) {
            let param = try expectName(after: previous.map { text($0.range) } ?? "(")
            guard seen.insert(param.text).inserted else {
                throw error(.duplicateParameter(param.text), over: param.range)
            }
            params.append(param)
            if match(.comma) == nil { break }
        }
        _ = try expectClosing(.rightParen)
        return (name, params)
    }

    /// Consumes the `do` after a signature, or throws "expected '=' or 'do'"; returns the
    /// range of the header from `def` through `do`.
    private func expectDo(after keyword: SourceRange) throws(ParseError) -> SourceRange {
        if let doToken = match(.keyword(.do)) { return keyword.union(doToken.range) }
        let signature = text(keyword.union(previous?.range ?? keyword))
        throw error(.expectedToken(["=", "do"], after: signature, found: peek.kind), at: peek)
    }

    /// The lines of a block after its header, through `end`; returns them and the range of
    /// `end`.
    ///
    /// The header must end its line. Statements in the body recover from their own errors, so
    /// one bad line does not turn the block's `end` into a stray. Reaching the end of the
    /// input between statements is the one error another line can fix: the REPL asks for more.
    func parseBlockBody(of keyword: Token,
                                 header: SourceRange) throws(ParseError) -> ([Statement], end: SourceRange) {
        try enterNesting(at: keyword)
        defer { depth -= 1 }
        openers.append(keyword)
        defer { openers.removeLast() }
        requireLineBreak(after: header)
        bodiesEntered += 1
        return try parseBlockLines()
    }

    /// The statements of the innermost open block (`openers.last`), through its `end`.
    func parseBlockLines() throws(ParseError) -> ([Statement], end: SourceRange) {
        var body: [Statement] = []
        while true {
            if let end = try endOfBlock() { return (body, end) }
            if let statement = parseStatementLine() { body.append(statement) }
        }
    }

    /// Records an error, and skips the rest of the line, when a block header does not end
    /// its line (`repeat 3 x = 1`); the body is still parsed, to avoid a cascade of errors.
    private func requireLineBreak(after header: SourceRange) {
        guard !peek.kind.isStatementEnd, let keyword = openers.last?.kind.spelling else { return }
        record(error(.expectedLineBreak(after: text(header), found: peek.kind), at: peek,
                     hint: .hintBlockBody(keyword: keyword)))
        synchronize()
    }

    /// Skips blank lines, then returns the range of the innermost block's `end` when it comes
    /// next, nil when a statement does; throws at the end of the input.
    private func endOfBlock() throws(ParseError) -> SourceRange? {
        skipNewlines()
        if let end = match(.keyword(.end)) { return end.range }
        guard check(.endOfInput), let keyword = openers.last else { return nil }
        let name = keyword.kind.spelling ?? ""
        let failure = error(.expectedEnd(block: name, found: peek.kind), at: peek,
                            notes: [Self.openerNote(keyword)])
        throw ParseError(diagnostic: failure.diagnostic, isAtOpenEnd: true)
    }
}
