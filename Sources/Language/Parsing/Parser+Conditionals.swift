extension Parser {
    /// `if cond` newline … (`else if cond` newline …)* (`else` newline …)? `end`.
    ///
    /// One block with several parts: each `else` ends the part before it (`parseBlockLines`
    /// stops there) and the `end` ends them all. An error in an `else if` condition is
    /// recorded and the parts are still read through `end`, so that the lines after it do not
    /// run as statements of their own.
    func parseIf() throws(ParseError) -> Statement {
        let keyword = advance()
        let firstCondition = try parseExpression()
        try enterNesting(at: keyword)
        defer { depth -= 1 }
        openers.append(keyword)
        let level = openers.count
        defer {
            openers.removeLast()
            elsePartsBegun.remove(level)
        }
        requireLineBreak(after: keyword.range.union(firstCondition.range))
        bodiesEntered += 1
        var branches: [ConditionalBranch] = []
        var condition: Expr? = firstCondition
        while true {
            let (body, terminator) = try parseBlockLines()
            guard let current = condition else {
                return Statement(.if(branches: branches, otherwise: body),
                                 range: keyword.range.union(terminator.range))
            }
            branches.append(ConditionalBranch(condition: current, body: body))
            if terminator.kind == .keyword(.end) {
                return Statement(.if(branches: branches, otherwise: nil),
                                 range: keyword.range.union(terminator.range))
            }
            condition = readElseHeader(terminator)
            if condition == nil { elsePartsBegun.insert(level) }
        }
    }

    /// The rest of an `else` line: the condition of an `else if` (a placeholder when it
    /// fails to parse, the error recorded), or nil for a plain `else`.
    private func readElseHeader(_ elseToken: Token) -> Expr? {
        guard let ifToken = match(.keyword(.if)) else {
            requireLineBreak(after: elseToken.range)
            return nil
        }
        do throws(ParseError) {
            let condition = try parseExpression()
            requireLineBreak(after: elseToken.range.union(condition.range))
            return condition
        } catch {
            record(error)
            synchronize()
            return Expr(.bool(false), range: elseToken.range.union(ifToken.range))
        }
    }

    /// After an `if` header that failed: reads the parts' lines (recording their errors)
    /// through the `end`.
    func skipIfParts() throws(ParseError) {
        var (_, terminator) = try parseBlockLines()
        while terminator.kind == .keyword(.else) {
            synchronize()
            (_, terminator) = try parseBlockLines()
        }
    }
}
