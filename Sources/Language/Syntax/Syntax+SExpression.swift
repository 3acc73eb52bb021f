/// Compact S-expression dumps of the syntax tree, for golden tests and for debugging.
///
/// Ranges are left out; everything else is shown. The forms:
///
/// | source                    | dump                               |
/// |---------------------------|------------------------------------|
/// | `2`, `"s"`, `true`, `x`   | `2`, `"s"`, `true`, `x`            |
/// | `[1, [2]]`                | `(list 1 (list 2))`                |
/// | `-x`, `a + b`             | `(neg x)`, `(+ a b)`               |
/// | `f(a, k=1)`               | `(call f a k=1)`                   |
/// | `f a k=1` (command form)  | `(cmd f a k=1)`                    |
/// | `x[0, 1:2, ::3]`          | `(index x 0 (: 1 2) (: _ _ 3))`    |
/// | `model.history`           | `(. model history)`                |
/// | `x = 1`, `a, b = s`       | `(= x 1)`, `(= (a b) s)`           |
/// | `repeat 3` … `end`        | `(repeat 3 stmt…)`                 |
/// | `def f(a) = e`            | `(def f (a) e)`                    |
/// | `def f(a) do` … `end`     | `(def f (a) (do stmt…))`           |
extension Expr {
    /// The expression as an S-expression (see the table above).
    public var sexpr: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch kind {
        case .number(let literal): out += literal.value.literalText
        case .string(let value): out += value.quotedLiteral
        case .bool(let value): out += value ? "true" : "false"
        case .name(let name): out += name
        case .list(let elements):
            out += "(list"
            for element in elements { out += " "; element.write(to: &out) }
            out += ")"
        case .negate(let operand):
            out += "(neg "
            operand.write(to: &out)
            out += ")"
        case .binary(let op, let lhs, let rhs):
            out += "(\(op.symbol) "
            lhs.write(to: &out)
            out += " "
            rhs.write(to: &out)
            out += ")"
        case .call(let call):
            out += call.commandForm ? "(cmd " : "(call "
            call.callee.write(to: &out)
            for argument in call.arguments { out += " "; argument.write(to: &out) }
            for option in call.options {
                out += " \(option.name.text)="
                option.value.write(to: &out)
            }
            out += ")"
        case .index(let base, let components):
            out += "(index "
            base.write(to: &out)
            for component in components { out += " "; component.write(to: &out) }
            out += ")"
        case .member(let base, let name):
            out += "(. "
            base.write(to: &out)
            out += " \(name.text))"
        }
    }
}

extension IndexComponent {
    func write(to out: inout String) {
        switch self {
        case .single(let expr): expr.write(to: &out)
        case .slice(let slice):
            let parts = slice.step == nil ? [slice.start, slice.stop] : [slice.start, slice.stop, slice.step]
            out += "(:"
            for part in parts {
                out += " "
                if let part { part.write(to: &out) } else { out += "_" }
            }
            out += ")"
        }
    }
}

extension Statement {
    /// The statement as an S-expression (see the table on `Expr.sexpr`).
    public var sexpr: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch kind {
        case .assign(let targets, let value):
            out += targets.count == 1
                ? "(= \(targets[0].text) "
                : "(= (\(targets.map(\.text).joined(separator: " "))) "
            value.write(to: &out)
            out += ")"
        case .expression(let expr):
            expr.write(to: &out)
        case .repeat(let count, let body):
            out += "(repeat "
            count.write(to: &out)
            for statement in body { out += " "; statement.write(to: &out) }
            out += ")"
        case .def(let name, let params, let body):
            out += "(def \(name.text) (\(params.map(\.text).joined(separator: " "))) "
            switch body {
            case .expression(let expr):
                expr.write(to: &out)
            case .block(let statements):
                out += "(do"
                for statement in statements { out += " "; statement.write(to: &out) }
                out += ")"
            }
            out += ")"
        }
    }
}

extension Program {
    /// The program's statements as S-expressions, one per line.
    public var sexpr: String {
        statements.map(\.sexpr).joined(separator: "\n")
    }
}
