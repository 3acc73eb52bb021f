/// A syntax error on its way up to the statement that recovers from it.
///
/// A class, so that the error every `throws(ParseError)` call site reserves room for is one
/// pointer: the parser recurses per level of nesting, and in debug builds a 180-byte error
/// slot at each of a dozen call sites per level made the frames several times larger.
final class ParseError: Error {
    /// What to tell the person.
    let diagnostic: Diagnostic
    /// Whether the error is only that the input stopped too soon — inside an open bracket, or
    /// inside a block between statements — so that another line could continue it.
    let isAtOpenEnd: Bool

    init(diagnostic: Diagnostic, isAtOpenEnd: Bool) {
        self.diagnostic = diagnostic
        self.isAtOpenEnd = isAtOpenEnd
    }
}

extension Parser {
    // MARK: Reporting

    /// An error reporting `message` at `token`.
    ///
    /// When `token` is invalid text, the scanner's diagnostic is reported instead: it names the
    /// real problem. At the end of the input inside an open bracket the error is marked as one
    /// more lines could fix, and a note points at the bracket.
    func error(_ message: DiagnosticMessage, at token: Token, hint: DiagnosticMessage? = nil,
               notes: [Diagnostic.Note] = []) -> ParseError {
        if case .invalid(let diagnostic) = token.kind {
            return ParseError(diagnostic: diagnostic, isAtOpenEnd: false)
        }
        var notes = notes
        var isAtOpenEnd = false
        if token.kind == .endOfInput, let opener = openers.last,
           opener.kind == .leftParen || opener.kind == .leftBracket {
            isAtOpenEnd = true
            if notes.isEmpty { notes.append(Self.openerNote(opener)) }
        }
        return ParseError(diagnostic: .error(message, at: token.range, hint: hint, notes: notes),
                          isAtOpenEnd: isAtOpenEnd)
    }

    /// An error reporting `message` over `range` (a node rather than a token).
    func error(_ message: DiagnosticMessage, over range: SourceRange, hint: DiagnosticMessage? = nil,
               notes: [Diagnostic.Note] = []) -> ParseError {
        ParseError(diagnostic: .error(message, at: range, hint: hint, notes: notes), isAtOpenEnd: false)
    }

    /// The note that says where `opener` (a bracket or a block keyword) is.
    static func openerNote(_ opener: Token) -> Diagnostic.Note {
        switch opener.kind {
        case .leftParen, .leftBracket:
            Diagnostic.Note(.noteOpenedHere(opener.kind.spelling ?? ""), at: opener.range)
        default:
            Diagnostic.Note(.noteBlockStartsHere(opener.kind.spelling ?? ""), at: opener.range)
        }
    }

    /// "expected an expression after …, found …", with a hint for two common slips:
    /// `**` for a power, and `.5` for a number.
    func expectedExpression() -> ParseError {
        let found = peek
        let after = previous.flatMap { $0.kind == .newline ? nil : text($0.range) }
        var hint: DiagnosticMessage?
        if found.kind == .star, previous?.kind == .star, !found.hasLeadingSpace {
            hint = .hintPowerOperator
        } else if found.kind == .dot, case .number = peek(1).kind, !peek(1).hasLeadingSpace {
            hint = .hintLeadingZero(text(peek(1).range))
        }
        return error(.expectedExpression(after: after, found: found.kind), at: found, hint: hint)
    }

    /// Consumes the closer of the innermost open bracket, or throws "expected ')' to close
    /// '('" with a note pointing at the bracket.
    func expectClosing(_ closer: Token.Kind) throws(ParseError) -> Token {
        if let token = match(closer) { return token }
        throw unclosed(closer)
    }

    /// The error for a missing `closer` (kept out of `expectClosing`, which is on the
    /// recursion path of every bracket, to keep that frame small).
    private func unclosed(_ closer: Token.Kind) -> ParseError {
        let opener = openers.last
        return error(.expectedClosing(closer.spelling ?? "", opener: opener?.kind.spelling ?? "",
                                      found: peek.kind),
                     at: peek, notes: opener.map { [Self.openerNote($0)] } ?? [])
    }

    /// Consumes a name, or throws "expected a name after `context`".
    func expectName(after context: String) throws(ParseError) -> Name {
        guard case .name(let text) = peek.kind else {
            throw error(.expectedName(after: context, found: peek.kind), at: peek)
        }
        return Name(text, range: advance().range)
    }

    // MARK: Nesting

    /// Goes one level deeper, or throws "nested too deeply" at `token` past the limit.
    ///
    /// Every construct that can make the tree one level taller calls this before parsing its
    /// insides: brackets, each operator of a chain, each unary minus, each postfix, each block.
    /// The caller restores `depth` once the construct is built, in a `defer` (safe, because
    /// this increments only when it does not throw).
    func enterNesting(at token: Token) throws(ParseError) {
        guard depth < Self.maxNestingDepth else {
            throw error(.nestingTooDeep(limit: Self.maxNestingDepth), at: token, hint: .hintSimplify)
        }
        depth += 1
    }

    // MARK: Recovery

    /// Whether the current top-level statement has shown enough errors to stop looking in it.
    var hasTooManyErrors: Bool { errors.count - statementErrorBase >= Self.maxDiagnostics }

    /// Keeps an error (dropping one at the same place as the last, and any past the limit).
    func record(_ error: ParseError) {
        guard !hasTooManyErrors, errors.last?.diagnostic.range != error.diagnostic.range else { return }
        errors.append(error)
    }

    /// Skips to the start of the next line (or to the end), where parsing can resume.
    func synchronize() {
        while !peek.kind.isStatementEnd { advance() }
        _ = match(.newline)
    }
}
