import Autodiff
import Language

/// `repeat`, `for`, `while`, `if` and `break`.
///
/// Every loop makes one interrupt check before each iteration, so Ctrl-C (or `--timeout`)
/// stops it there, keeping the iterations done; the checks come in an order fixed by the
/// program, so a loop saved as stopped (`interrupt_at K`) replays to the same iteration.
/// `break` sets `breakRequested`; the statements of a body stop at it, and the innermost
/// loop clears it and ends (the parser allows `break` only inside a loop of the same body).
extension Session {
    /// `repeat N`: the body N times.
    func executeRepeat(count countExpr: Expr, body: [Statement]) throws(Diagnostic) {
        let n = try expectInteger(try evaluate(countExpr), function: "repeat", argument: "the count", minimum: 0, at: countExpr.range)
        for i in 0..<n {
            if stopsBeforeIteration(i, of: n) { break }
            guard try runIteration(body) else { break }
        }
    }

    /// `for i in N` (i = 0…N−1), `for x in t` (the elements of a 1-D tensor), `for x in list`,
    /// `for d in t.shape`.
    func executeFor(_ variable: Name, in sequenceExpr: Expr, body: [Statement]) throws(Diagnostic) {
        let items = try LoopItems(try evaluate(sequenceExpr), at: sequenceExpr.range)
        for i in 0..<items.count {
            if stopsBeforeIteration(i, of: items.count) { break }
            assign(variable.text, try items.item(i, at: sequenceExpr.range))
            guard try runIteration(body) else { break }
        }
    }

    /// `while cond`: the body while cond is true (evaluated before each iteration).
    func executeWhile(_ condition: Expr, body: [Statement]) throws(Diagnostic) {
        var i = 0
        while true {
            if stopsBeforeIteration(i, of: nil) { break }
            guard try truthValue(of: try evaluate(condition), for: "'while'", at: condition.range) else { break }
            guard try runIteration(body) else { break }
            i += 1
        }
    }

    /// `if`: the body of the first branch whose condition is true, else the `else` part.
    func executeIf(_ branches: [ConditionalBranch], otherwise: [Statement]?) throws(Diagnostic) {
        for (n, branch) in branches.enumerated() {
            let construct = n == 0 ? "'if'" : "'else if'"
            if try truthValue(of: try evaluate(branch.condition), for: construct, at: branch.condition.range) {
                try runStatements(branch.body)
                return
            }
        }
        if let otherwise { try runStatements(otherwise) }
    }

    /// Runs statements in order, stopping after a `break`.
    func runStatements(_ body: [Statement]) throws(Diagnostic) {
        for statement in body {
            try executeStatement(statement)
            if breakRequested { return }
        }
    }

    /// One iteration of a loop's body; false when a `break` ends the loop.
    private func runIteration(_ body: [Statement]) throws(Diagnostic) -> Bool {
        try runStatements(body)
        guard breakRequested else { return true }
        breakRequested = false
        return false
    }

    /// The interrupt check before iteration `i` (of `total`, when known); on a stop, says how
    /// far the loop got.
    private func stopsBeforeIteration(_ i: Int, of total: Int?) -> Bool {
        guard interruptPending() else { return false }
        let done = total.map { "\(i) of \(Plural.count($0, "iteration"))" } ?? Plural.count(i, "iteration")
        emit("interrupted after \(done) (the work of those is kept)")
        return true
    }
}

/// What a `for` runs over: a count, the elements of a 1-D tensor, a list's items or a
/// shape's sizes.
private struct LoopItems {
    enum Source {
        case count
        case elements(Tensor)
        case values([Value])
    }

    let source: Source
    let count: Int

    init(_ value: Value, at range: SourceRange) throws(Diagnostic) {
        switch value {
        case .integer(let n):
            self.init(source: .count, count: try Self.validCount(n, at: range))
        case .tensor(let t) where t.rank == 0:
            guard let x = t.scalar, x == x.rounded(), Swift.abs(x) < 9e15 else {
                throw .error(.invalidArgument(function: "for", argument: "the count", problem: "must be a whole number, got \(NumberFormat().format(Double(t.scalar ?? .nan)))"),
                             at: range, hint: .hintAdvice("for i in 10 runs with i = 0, 1, …, 9"))
            }
            self.init(source: .count, count: try Self.validCount(Int(x), at: range))
        case .tensor(let t) where t.rank == 1:
            self.init(source: .elements(t), count: t.shape[0])
        case .tensor(let t):
            throw .error(.invalidArgument(function: "for", argument: "a tensor[\(ShapeMath.describe(t.shape))]", problem: "has \(t.rank) axes: for x in t takes a 1-D tensor's elements"),
                         at: range, hint: .hintAdvice("for i in \(t.shape[0]) with t[i] runs over its rows"))
        case .list(let items):
            self.init(source: .values(items), count: items.count)
        case .shape(let sizes):
            self.init(source: .values(sizes.map { .integer($0) }), count: sizes.count)
        default:
            throw .error(.wrongArgumentKind(function: "for", argument: "what follows 'in'", expected: "a count, a 1-D tensor or a list", got: value.kind),
                         at: range)
        }
    }

    private init(source: Source, count: Int) {
        self.source = source
        self.count = count
    }

    private static func validCount(_ n: Int, at range: SourceRange) throws(Diagnostic) -> Int {
        guard n >= 0 else {
            throw .error(.invalidArgument(function: "for", argument: "the count", problem: "must be at least 0, got \(n)"), at: range)
        }
        return n
    }

    /// The value of iteration `i` (0 ≤ i < count). A tensor's element is sliced out as `t[i]`
    /// is, so a param's element keeps its gradient path.
    func item(_ i: Int, at range: SourceRange) throws(Diagnostic) -> Value {
        switch source {
        case .count: return .integer(i)
        case .values(let items): return items[i]
        case .elements(let t):
            do { return .tensor(try t.slice([.at(i)])) }
            catch { throw Session.diagnostic(error, at: range) }
        }
    }
}
