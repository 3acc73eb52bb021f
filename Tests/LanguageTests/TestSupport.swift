import Testing
@testable import Language

/// Parses `source`, records a test issue at the caller's location unless it is complete, and
/// returns the program (empty when it was not complete).
@discardableResult
func parseComplete(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Program {
    let outcome = parse(source)
    guard case .complete(let program) = outcome else {
        let rendered = DiagnosticRenderer().render(outcome.diagnostics, in: SourceText(source))
        Issue.record("expected a complete parse of \(source.debugDescription), got:\n\(rendered)",
                     sourceLocation: sourceLocation)
        return Program(statements: [])
    }
    return program
}

/// The S-expression dump of a source that must parse completely.
func dump(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    parseComplete(source, sourceLocation: sourceLocation).sexpr
}

/// The single statement of a source that must parse completely to exactly one statement.
func statement(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Statement? {
    let program = parseComplete(source, sourceLocation: sourceLocation)
    guard program.statements.count == 1 else {
        Issue.record("expected one statement in \(source.debugDescription), got \(program.statements.count)",
                     sourceLocation: sourceLocation)
        return nil
    }
    return program.statements[0]
}

/// The single expression statement of a source.
func expression(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Expr? {
    guard let statement = statement(source, sourceLocation: sourceLocation) else { return nil }
    guard case .expression(let expr) = statement.kind else {
        Issue.record("expected an expression statement, got \(statement.sexpr)", sourceLocation: sourceLocation)
        return nil
    }
    return expr
}

/// The first diagnostic of a source that must fail (not complete, not incomplete).
func firstError(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    let outcome = parse(source)
    guard case .failed(let diagnostics) = outcome, let first = diagnostics.first else {
        Issue.record("expected \(source.debugDescription) to fail, got \(outcome)", sourceLocation: sourceLocation)
        return nil
    }
    return first
}

/// The diagnostic of a source that must be incomplete.
func incompleteDiagnostic(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    let outcome = parse(source)
    guard case .incomplete(let diagnostic) = outcome else {
        Issue.record("expected \(source.debugDescription) to be incomplete, got \(outcome)",
                     sourceLocation: sourceLocation)
        return nil
    }
    return diagnostic
}

/// A small, fast, seeded random number generator (SplitMix64), so randomized tests replay.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
