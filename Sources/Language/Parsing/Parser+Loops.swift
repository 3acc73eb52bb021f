extension Parser {
    /// `for i in N` newline … `end`, or `for x in t` newline … `end`.
    func parseFor() throws(ParseError) -> Statement {
        let keyword = advance()
        let variable = try expectName(after: "for")
        guard match(.keyword(.in)) != nil else {
            throw error(.expectedToken(["in"], after: "for \(variable.text)", found: peek.kind), at: peek,
                        hint: .hintForLoop(variable.text))
        }
        let sequence = try parseExpression()
        let (body, end) = try parseBlockBody(of: keyword, header: keyword.range.union(sequence.range))
        return Statement(.for(variable: variable, sequence: sequence, body: body),
                         range: keyword.range.union(end.range))
    }

    /// `while cond` newline … `end`.
    func parseWhile() throws(ParseError) -> Statement {
        let keyword = advance()
        let condition = try parseExpression()
        let (body, end) = try parseBlockBody(of: keyword, header: keyword.range.union(condition.range))
        return Statement(.while(condition: condition, body: body), range: keyword.range.union(end.range))
    }

    /// `break`, which must be inside a `repeat`, `for` or `while` of the same function body.
    func parseBreak() throws(ParseError) -> Statement {
        let keyword = advance()
        for opener in openers.reversed() {
            switch opener.kind {
            case .keyword(.repeat), .keyword(.for), .keyword(.while):
                return Statement(.break, range: keyword.range)
            case .keyword(.def):
                throw error(.breakOutsideLoop, at: keyword, hint: .hintBreakInFunction)
            default:
                continue
            }
        }
        throw error(.breakOutsideLoop, at: keyword, hint: .hintBreakOutsideLoop)
    }
}
