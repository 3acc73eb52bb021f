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
    /// `-(x^2)`, `2^3^2` is `2^(3^2)` and `2^-1` is `2^(-1)`. One frame serves all five
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
            try readPrefixMinuses(into: &stack)
            stack.operands.append(try parsePostfix(inCommand: inCommand))
        } while try readBinaryOperator(allowed, into: &stack)
        return stack.finish()
    }

    /// Pushes the unary minuses that come next, each one level deeper.
    private func readPrefixMinuses(into stack: inout OperatorStack) throws(ParseError) {
        while check(.minus) {
            try enterNesting(at: peek)
            stack.operators.append(.negate(advance().range))
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
        default: return false
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
        /// An infix operator.
        case binary(BinaryOperator)

        /// How tightly it binds (see `BinaryOperator`).
        var precedence: Int {
            switch self {
            case .negate: Expr.unaryMinusPrecedence
            case .binary(let op): op.precedence
            }
        }
    }

    /// The operands, each a finished subtree.
    var operands: [Expr] = []
    /// The operators waiting for their right operand, loosest at the bottom.
    var operators: [Pending] = []

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
        case .binary(let op):
            let lhs = operands.removeLast()
            operands.append(Expr(.binary(op, lhs: lhs, rhs: rhs), range: lhs.range.union(rhs.range)))
        }
    }
}
