extension Parser {
    /// Parses top-level statements to the end of the input, each a statement or a failure.
    func parseProgram() -> [ScriptParse.Item] {
        var items: [ScriptParse.Item] = []
        while true {
            skipNewlines()
            if check(.endOfInput) { break }
            statementErrorBase = errors.count
            let start = peek.range.start
            let statement = parseStatementLine()
            if errors.count > statementErrorBase || statement == nil {
                let end = lastConsumedEnd(after: start)
                items.append(.failure(FailedStatement(range: SourceRange(start: start, end: end),
                                                      diagnostics: errors[statementErrorBase...].map(\.diagnostic))))
            } else if let statement {
                items.append(.statement(statement))
            }
        }
        return items
    }

    /// The end of the last token consumed that is not a line break (at least `start`).
    private func lastConsumedEnd(after start: SourceLocation) -> SourceLocation {
        var index = current - 1
        while index >= 0, tokens[index].kind == .newline { index -= 1 }
        guard index >= 0, tokens[index].range.end.offset >= start.offset else { return start }
        return tokens[index].range.end
    }

    /// Parses one statement and the line break after it; on an error, records it, skips to
    /// the next statement boundary and returns nil.
    ///
    /// The boundary is the next line, unless the statement is a block whose header failed
    /// (`repeat 3 + * 4`): then its body is parsed for its own errors and skipped through its
    /// `end`, so the body's lines do not run as statements of their own and its `end` is not
    /// a stray.
    func parseStatementLine() -> Statement? {
        let first = current
        let bodiesBefore = bodiesEntered
        do throws(ParseError) {
            let statement = try parseStatement()
            try expectStatementEnd(after: statement)
            return statement
        } catch {
            recover(from: error, statementStart: first, bodiesBefore: bodiesBefore)
            return nil
        }
    }

    /// Records `error` and moves to the next statement boundary (kept out of
    /// `parseStatementLine`, which is on the recursion path of every block, to keep that
    /// frame small).
    @inline(never)
    private func recover(from error: ParseError, statementStart first: Int, bodiesBefore: Int) {
        let headerLineOpensBlock = opensBlock(from: first)
        record(error)
        synchronize()
        if headerLineOpensBlock && bodiesEntered == bodiesBefore && !error.isAtOpenEnd {
            skipBody(of: tokens[first])
        }
    }

    /// Whether the line starting at token `first` is a block header: `repeat …`, or `def …`
    /// with `do` on the line.
    private func opensBlock(from first: Int) -> Bool {
        switch tokens[first].kind {
        case .keyword(.repeat): return true
        case .keyword(.def):
            var index = first
            while index < tokens.count, !tokens[index].kind.isStatementEnd {
                if tokens[index].kind == .keyword(.do) { return true }
                index += 1
            }
            return false
        default: return false
        }
    }

    /// After a block header that failed: parses the body's lines (recording their errors)
    /// through the block's `end`.
    private func skipBody(of keyword: Token) {
        // Past the nesting limit (already reported), nothing more can be told apart: stop.
        guard depth < Self.maxNestingDepth else {
            current = tokens.count - 1
            return
        }
        depth += 1
        defer { depth -= 1 }
        bodiesEntered += 1
        openers.append(keyword)
        defer { openers.removeLast() }
        do throws(ParseError) {
            _ = try parseBlockLines()
            if !peek.kind.isStatementEnd {
                record(error(.expectedStatementEnd(found: peek.kind), at: peek))
                synchronize()
            } else {
                _ = match(.newline)
            }
        } catch {
            // The input ending inside the skipped body adds nothing to the header's error (at
            // the prompt it would only repeat that the block is unfinished).
            if !error.isAtOpenEnd { record(error) }
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
