extension Parser {
    /// Which operators an expression may contain.
    enum OperatorSet {
        /// Every operator: a full expression.
        case all
        /// Unary minus and `^` only: the value of a command-form option (`lr=-0.1`, `n=2^10`).
        case unaryAndPower
    }

    /// Parses a full expression.
    func parseExpression() throws(ParseError) -> Expr {
        try parseOperators(.all, inCommand: false)
    }

    /// Parses prefix minus and infix operators by precedence, with an explicit stack.
    ///
    /// Operands (postfix expressions) and operators alternate; before an operator is pushed,
    /// every operator on the stack that binds at least as tightly is applied — or strictly
    /// more tightly, for the right-associative `^`. So `a*b@c` is `a*(b@c)`, `-x^2` is
    /// `-(x^2)`, `2^3^2` is `2^(3^2)` and `2^-1` is `2^(-1)`. One frame serves all the
    /// precedence levels, and long chains (`1+1+…`, `-----x`, `2^2^…`) never recurse; each
    /// operator still counts one level of nesting, as it makes the tree one level taller.
    ///
    /// This frame lies on the recursion path of every bracket, so the work is done in
    /// helpers and `OperatorStack`, keeping its own locals few. `inCommand` is passed down
    /// to `parsePostfix` (see there).
    func parseOperators(_ allowed: OperatorSet, inCommand: Bool) throws(ParseError) -> Expr {
        var stack = OperatorStack()
        let depthBefore = depth
        defer { depth = depthBefore }
        repeat {
            try readPrefixMinuses(allowed, into: &stack)
            stack.operands.append(try parsePostfix(inCommand: inCommand))
        } while try readBinaryOperator(allowed, into: &stack)
        return stack.finish()
    }

    /// Pushes the unary minuses (and, in a full expression, the `not`s) that come next, each
    /// one level deeper.
    ///
    /// `not` binds more loosely than arithmetic and comparisons, so it may only start an
    /// operand of `and`, `or` or another `not` (as in Python): `a + not b` and `-not a` are errors.
    private func readPrefixMinuses(_ allowed: OperatorSet,
                                   into stack: inout OperatorStack) throws(ParseError) {
        while true {
            if check(.minus) {
                try enterNesting(at: peek)
                stack.operators.append(.negate(advance().range))
            } else if allowed == .all, check(.keyword(.not)) {
                if let top = stack.operators.last, top.precedence > Expr.notPrecedence {
                    throw error(.expectedExpression(after: top.symbol, found: peek.kind), at: peek,
                                hint: .hintParenthesizeNot)
                }
                try enterNesting(at: peek)
                stack.operators.append(.not(advance().range))
            } else {
                return
            }
        }
    }

    /// Pushes the binary operator that comes next, if `allowed` permits one here, after
    /// applying what binds tighter; returns whether there was one.
    private func readBinaryOperator(_ allowed: OperatorSet,
                                             into stack: inout OperatorStack) throws(ParseError) -> Bool {
        let op: BinaryOperator
        switch peek.kind {
        case .caret: op = .power
        case .plus where allowed == .all: op = .add
        case .minus where allowed == .all: op = .subtract
        case .star where allowed == .all: op = .multiply
        case .slash where allowed == .all: op = .divide
        case .at where allowed == .all: op = .matrixProduct
        case .equalEqual where allowed == .all: op = .equal
        case .notEqual where allowed == .all: op = .notEqual
        case .less where allowed == .all: op = .less
        case .lessEqual where allowed == .all: op = .lessEqual
        case .greater where allowed == .all: op = .greater
        case .greaterEqual where allowed == .all: op = .greaterEqual
        case .keyword(.and) where allowed == .all: op = .and
        case .keyword(.or) where allowed == .all: op = .or
        default: return false
        }
        if op.isComparison, let earlier = stack.pendingComparison {
            throw error(.chainedComparison(first: earlier.symbol, second: op.symbol), at: peek,
                        hint: .hintSplitComparison(first: earlier.symbol, second: op.symbol))
        }
        try enterNesting(at: peek)
        advance()
        stack.push(op)
        return true
    }
}

/// The operands and pending operators of `Parser.parseOperators`.
struct OperatorStack {
    /// An operator read but not yet applied.
    enum Pending {
        /// Unary minus, and the range of its `-`.
        case negate(SourceRange)
        /// `not`, and the range of the keyword.
        case not(SourceRange)
        /// An infix operator.
        case binary(BinaryOperator)

        /// How tightly it binds (see `BinaryOperator`).
        var precedence: Int {
            switch self {
            case .negate: Expr.unaryMinusPrecedence
            case .not: Expr.notPrecedence
            case .binary(let op): op.precedence
            }
        }

        /// The operator as written.
        var symbol: String {
            switch self {
            case .negate: "-"
            case .not: "not"
            case .binary(let op): op.symbol
            }
        }
    }

    /// The operands, each a finished subtree.
    var operands: [Expr] = []
    /// The operators waiting for their right operand, loosest at the bottom.
    var operators: [Pending] = []

    /// The comparison whose right operand is being read, if any: a second comparison there
    /// would chain (`a < b < c`), which the language refuses rather than guess whether it
    /// means Python's `a < b and b < c` or NumPy's `(a < b) < c`.
    var pendingComparison: BinaryOperator? {
        for pending in operators.reversed() {
            if case .binary(let op) = pending, op.isComparison { return op }
            if pending.precedence < BinaryOperator.less.precedence { return nil }
        }
        return nil
    }

    /// Applies every waiting operator that binds at least as tightly as `op` (strictly more
    /// tightly when `op` is right-associative), then pushes `op`.
    mutating func push(_ op: BinaryOperator) {
        while let top = operators.last,
              top.precedence > op.precedence || (top.precedence == op.precedence && !op.isRightAssociative) {
            apply(operators.removeLast())
        }
        operators.append(.binary(op))
    }

    /// Applies every waiting operator and returns the one remaining operand.
    mutating func finish() -> Expr {
        while let top = operators.popLast() { apply(top) }
        return operands[0]
    }

    /// Replaces the operand(s) on top by the node `pending` makes of them.
    private mutating func apply(_ pending: Pending) {
        let rhs = operands.removeLast()
        switch pending {
        case .negate(let minus):
            operands.append(Expr(.negate(rhs), range: minus.union(rhs.range)))
        case .not(let keyword):
            operands.append(Expr(.not(rhs), range: keyword.union(rhs.range)))
        case .binary(let op):
            let lhs = operands.removeLast()
            operands.append(Expr(.binary(op, lhs: lhs, rhs: rhs), range: lhs.range.union(rhs.range)))
        }
    }
}
