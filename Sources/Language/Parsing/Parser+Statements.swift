extension Parser {
    /// Parses statements to the end of the input.
    func parseProgram() -> [Statement] {
        var statements: [Statement] = []
        while !hasTooManyErrors {
            skipNewlines()
            if check(.endOfInput) { break }
            if let statement = parseStatementLine() { statements.append(statement) }
        }
        return statements
    }

    /// Parses one statement and the line break after it; on an error, records it, skips to
    /// the next line and returns nil.
    func parseStatementLine() -> Statement? {
        do throws(ParseError) {
            let statement = try parseStatement()
            try expectStatementEnd(after: statement)
            return statement
        } catch {
            record(error)
            synchronize()
            return nil
        }
    }

    /// The kinds of statement, as told by their first tokens.
    enum StatementStart { case `repeat`, def, assignment, destructuring, command, expression }

    /// Parses a statement, deciding its kind from its first one or two tokens.
    ///
    /// Only dispatch happens here: this frame lies on the recursion path of every block.
    func parseStatement() throws(ParseError) -> Statement {
        switch try statementStart() {
        case .repeat: try parseRepeat()
        case .def: try parseDef()
        case .assignment: try parseAssignment()
        case .destructuring: try parseDestructuring()
        case .command: try parseCommandStatement()
        case .expression: try parseExpressionStatement()
        }
    }

    /// What kind of statement starts here; throws for tokens that cannot start one.
    private func statementStart() throws(ParseError) -> StatementStart {
        let first = peek
        switch first.kind {
        case .keyword(.repeat): return .repeat
        case .keyword(.def): return .def
        case .keyword(.end): throw error(.unmatchedEnd, at: first)
        case .rightParen, .rightBracket: throw error(.unmatchedClosing(first.kind.spelling ?? ""), at: first)
        case .name:
            let next = peek(1)
            if next.kind == .equal { return .assignment }
            if next.kind == .comma { return .destructuring }
            if Self.startsCommandArgument(next) { return .command }
            return .expression
        default: return .expression
        }
    }

    /// Requires the end of the line (or of the input) after a statement.
    func expectStatementEnd(after statement: Statement) throws(ParseError) {
        if match(.newline) != nil || check(.endOfInput) { return }
        let found = peek
        if found.kind == .rightParen || found.kind == .rightBracket {
            throw error(.unmatchedClosing(found.kind.spelling ?? ""), at: found)
        }
        var hint: DiagnosticMessage?
        if case .expression(let expr) = statement.kind, case .call(let call) = expr.kind,
           call.commandForm, let command = call.calleeName {
            hint = .hintCommandArguments(command: command)
        }
        throw error(.expectedStatementEnd(found: found.kind), at: found, hint: hint)
    }

    /// An expression alone; `=` after it is an attempt to assign to something not a name.
    private func parseExpressionStatement() throws(ParseError) -> Statement {
        let expr = try parseExpression()
        if check(.equal) {
            throw error(.invalidAssignmentTarget(text(expr.range)), over: expr.range)
        }
        return Statement(.expression(expr), range: expr.range)
    }

    /// A command-form call (see `startsCommandArgument`).
    private func parseCommandStatement() throws(ParseError) -> Statement {
        let call = try parseCommand()
        return Statement(.expression(call), range: call.range)
    }

    /// `name = expr`
    private func parseAssignment() throws(ParseError) -> Statement {
        let target = try expectName(after: "")
        advance()   // =
        let value = try parseExpression()
        return Statement(.assign(targets: [target], value: value), range: target.range.union(value.range))
    }

    /// `a, b = expr`: exactly two names.
    private func parseDestructuring() throws(ParseError) -> Statement {
        var targets = [try expectName(after: "")]
        while match(.comma) != nil {
            targets.append(try expectName(after: ","))
        }
        let names = targets[0].range.union(targets[targets.count - 1].range)
        if targets.count > 2 {
            throw error(.tooManyTargets(targets.count), over: names)
        }
        guard match(.equal) != nil else {
            throw error(.expectedToken(["="], after: text(names), found: peek.kind), at: peek)
        }
        let value = try parseExpression()
        return Statement(.assign(targets: targets, value: value), range: names.union(value.range))
    }
}
