/// Comparing trees by shape: the same program in two spellings.
///
/// `fit model train epochs=10` and `fit(model, train, epochs=10)` parse to trees that differ
/// only in ranges and in `Call.commandForm`. `strippingSource()` resets both, so
/// `a.isEquivalent(to: b)` asks "do these mean the same?" — what tests of command form,
/// spacing and parentheses want.
extension Expr {
    /// A copy with every range set to `SourceRange.unknown` and every `commandForm` cleared.
    public func strippingSource() -> Expr {
        let kind: Kind = switch self.kind {
        case .number, .string, .bool, .name: self.kind
        case .list(let elements): .list(elements.map { $0.strippingSource() })
        case .negate(let operand): .negate(operand.strippingSource())
        case .not(let operand): .not(operand.strippingSource())
        case .binary(let op, let lhs, let rhs):
            .binary(op, lhs: lhs.strippingSource(), rhs: rhs.strippingSource())
        case .call(let call):
            .call(Call(callee: call.callee.strippingSource(),
                       arguments: call.arguments.map { $0.strippingSource() },
                       options: call.options.map { option in
                           Call.Option(name: option.name.strippingSource(),
                                       value: option.value.strippingSource(), range: .unknown)
                       },
                       commandForm: false))
        case .index(let base, let components):
            .index(base: base.strippingSource(), components: components.map { $0.strippingSource() })
        case .member(let base, let name):
            .member(base: base.strippingSource(), name: name.strippingSource())
        }
        return Expr(kind, range: .unknown)
    }

    /// Whether two expressions are the same apart from ranges and command form.
    public func isEquivalent(to other: Expr) -> Bool {
        strippingSource() == other.strippingSource()
    }
}

extension IndexComponent {
    /// A copy with every range set to `SourceRange.unknown` and every `commandForm` cleared.
    public func strippingSource() -> IndexComponent {
        switch self {
        case .single(let expr): .single(expr.strippingSource())
        case .slice(let slice):
            .slice(Slice(start: slice.start?.strippingSource(), stop: slice.stop?.strippingSource(),
                         step: slice.step?.strippingSource(), range: .unknown))
        }
    }
}

extension Name {
    /// A copy with its range set to `SourceRange.unknown`.
    public func strippingSource() -> Name { Name(text, range: .unknown) }
}

extension Statement {
    /// A copy with every range set to `SourceRange.unknown` and every `commandForm` cleared.
    public func strippingSource() -> Statement {
        let kind: Kind = switch self.kind {
        case .assign(let targets, let value):
            .assign(targets: targets.map { $0.strippingSource() }, value: value.strippingSource())
        case .expression(let expr):
            .expression(expr.strippingSource())
        case .repeat(let count, let body):
            .repeat(count: count.strippingSource(), body: body.map { $0.strippingSource() })
        case .for(let variable, let sequence, let body):
            .for(variable: variable.strippingSource(), sequence: sequence.strippingSource(),
                 body: body.map { $0.strippingSource() })
        case .while(let condition, let body):
            .while(condition: condition.strippingSource(), body: body.map { $0.strippingSource() })
        case .if(let branches, let otherwise):
            .if(branches: branches.map {
                    ConditionalBranch(condition: $0.condition.strippingSource(),
                                      body: $0.body.map { $0.strippingSource() })
                },
                otherwise: otherwise?.map { $0.strippingSource() })
        case .break:
            .break
        case .def(let name, let params, let body):
            .def(name: name.strippingSource(), params: params.map { $0.strippingSource() },
                 body: body.strippingSource())
        }
        return Statement(kind, range: .unknown)
    }

    /// Whether two statements are the same apart from ranges and command form.
    public func isEquivalent(to other: Statement) -> Bool {
        strippingSource() == other.strippingSource()
    }
}

extension FunctionBody {
    /// A copy with every range set to `SourceRange.unknown` and every `commandForm` cleared.
    public func strippingSource() -> FunctionBody {
        switch self {
        case .expression(let expr): .expression(expr.strippingSource())
        case .block(let statements): .block(statements.map { $0.strippingSource() })
        }
    }
}

extension Program {
    /// The statements with every range reset and every `commandForm` cleared (comments dropped).
    public func strippingSource() -> [Statement] {
        statements.map { $0.strippingSource() }
    }

    /// Whether two programs have the same statements apart from ranges and command form.
    public func isEquivalent(to other: Program) -> Bool {
        strippingSource() == other.strippingSource()
    }
}
