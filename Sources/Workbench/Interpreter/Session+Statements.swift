import Autodiff
import Language

/// Statements: assignment, expressions (whose value a top-level statement shows), the blocks
/// (in `Session+Loops.swift`) and `def`.
extension Session {
    /// Runs a top-level statement; returns the value to show after `Out[n]:`, if any.
    func executeTopLevel(_ statement: Statement) throws(Diagnostic) -> Value? {
        let value = try executeStatement(statement)
        guard case .expression = statement.kind, let value else { return nil }
        if case .nothing = value { return nil }
        return value
    }

    /// Runs a statement; the value of an expression statement, nil for the others.
    @discardableResult
    func executeStatement(_ statement: Statement) throws(Diagnostic) -> Value? {
        switch statement.kind {
        case .assign(let targets, let expr):
            let value = try evaluate(expr)
            if case .nothing = value {
                throw .error(.wrongArgumentKind(function: "=", argument: "the right side", expected: "a value", got: "command that returns nothing"), at: expr.range)
            }
            if targets.count == 1 {
                try rejectPairInOneName(value, expr: expr, target: targets[0].text)
                assign(targets[0].text, value)
                if scopes.isEmpty { definitions[targets[0].text] = expr }
            } else {
                guard case .list(let parts) = value, parts.count == targets.count else {
                    throw .error(.destructuringMismatch(got: describeCount(value)), at: expr.range,
                                 hint: .hintAdvice("split(data, 0.8) returns two datasets"))
                }
                for (name, part) in zip(targets, parts) { assign(name.text, part) }
            }
            return nil

        case .expression(let expr):
            // A lone built-in name is a command with no arguments: `vars`, `history`, `quit`.
            if case .name(let name) = expr.kind, lookup(name) == nil, let builtin = builtins[name] {
                return try invoke(builtin, arguments: [], options: [], range: expr.range)
            }
            return try evaluate(expr)

        case .repeat(let countExpr, let body):
            try executeRepeat(count: countExpr, body: body)
            return nil
        case .for(let variable, let sequence, let body):
            try executeFor(variable, in: sequence, body: body)
            return nil
        case .while(let condition, let body):
            try executeWhile(condition, body: body)
            return nil
        case .if(let branches, let otherwise):
            try executeIf(branches, otherwise: otherwise)
            return nil
        case .break:
            breakRequested = true
            return nil

        case .def(let name, let params, let body):
            if builtins[name.text] != nil {
                throw .error(.invalidArgument(function: "def", argument: "'\(name.text)'", problem: "is the name of a built-in"),
                             at: name.range, hint: .hintAdvice("choose another name"))
            }
            assign(name.text, .function(UserFunction(name: name.text, parameters: params.map(\.text), body: body, confinement: filePolicy)))
            return nil
        }
    }

    /// `a = split(data, 0.5)`: a built-in that gives two datasets, caught in one name, would
    /// store a list that nothing else takes; the person meant two names.
    private func rejectPairInOneName(_ value: Value, expr: Expr, target: String) throws(Diagnostic) {
        guard case .list(let parts) = value, parts.count == 2,
              parts.allSatisfy({ if case .dataset = $0 { true } else { false } }),
              case .call(let call) = expr.kind, let function = call.calleeName, builtins[function] != nil else { return }
        let second = target == "test" ? "rest" : "test"
        throw .error(.oneNameForTwoValues(function: function), at: expr.range,
                     hint: .hintAdvice("name both: \(target), \(second) = \(sourceText(in: expr.range))"))
    }

    private func describeCount(_ value: Value) -> String {
        if case .list(let parts) = value { return Plural.count(parts.count, "value") }
        return "\(Session.articled(value.kind))"
    }

    static func articled(_ kind: String) -> String {
        ("aeiou".contains(kind.first ?? "x") ? "an " : "a ") + kind
    }
}
