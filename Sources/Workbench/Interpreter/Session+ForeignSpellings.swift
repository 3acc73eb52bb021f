import Language

/// Calls written the way Keras, NumPy or Python spell them — `model.summary()`,
/// `model.fit(train, epochs=1)`, `x.mean()`, `x.shape()`, `len(train)`, `print(3)` — answered
/// with an error that shows gradbook's spelling of the same thing, built from what was typed.
extension Session {
    /// `base.method(…)` when `method` is not a callable member of the value: an error that
    /// rewrites the call as gradbook writes it. Returns the member's value when it is callable
    /// (`model[0].activation(x)` calls the activation), so the call goes on as usual.
    func methodCallee(_ call: Call, base: Expr, method: Name, at range: SourceRange) throws(Diagnostic) -> Value {
        let receiver = try evaluate(base)
        let written = sourceText(in: range)
        if Session.members(of: receiver).contains(method.text) {
            let value = try member(method.text, of: receiver, at: method.range, whole: call.callee.range)
            if isCallable(value) { return value }
            // `x.shape()`: a member is read without parentheses.
            throw .error(.foreignSpelling(written), at: range,
                         hint: .hintGradbookWrites(sourceText(in: call.callee.range)),
                         notes: [.init(.hintAdvice("a member is read without parentheses"))])
        }
        guard let builtin = builtins[method.text] else {
            return try member(method.text, of: receiver, at: method.range, whole: call.callee.range)
        }
        let rewrite = Session.gradbookSpelling(builtin, receiver: base, call: call, text: sourceText(in:))
        throw .error(.foreignSpelling(written), at: range, hint: .hintGradbookWrites(rewrite),
                     notes: [.init(.hintAdvice("\(builtin.name) is a function of \(Session.articled(receiver.kind)), not one of its members"))])
    }

    /// `len(x)` and `print(x)`, Python's built-ins, when no such name exists: the error that
    /// says what gradbook writes instead; nil for any other name.
    func pythonBuiltinCall(_ name: String, _ call: Call, at range: SourceRange) -> Diagnostic? {
        let arguments = call.arguments.map { sourceText(in: $0.range) }
        let written = sourceText(in: range)
        switch (name, arguments.count) {
        case ("len", 1):
            let subject = Session.parenthesized(call.arguments[0], arguments[0])
            let counted = (try? evaluate(call.arguments[0])).map { value -> String in
                if case .tensor = value { return "\(subject).shape" }
                return "\(subject).count"
            } ?? "\(subject).count"
            return .error(.foreignSpelling(written), at: range, hint: .hintGradbookWrites(counted),
                          notes: [.init(.hintAdvice("a dataset or a list has .count, a tensor has .shape and .size"))])
        case ("print", 1...):
            return .error(.foreignSpelling(written), at: range, hint: .hintGradbookWrites(arguments.joined(separator: "` then `")),
                          notes: [.init(.hintAdvice("a value alone on a line is printed"))])
        default:
            return nil
        }
    }

    /// `model.fit(train, epochs=1)` as `fit model train epochs=1`: commands in command form,
    /// functions of tensors (`mean(x)`) with parentheses, as the README's examples write them.
    static func gradbookSpelling(_ builtin: Builtin, receiver: Expr, call: Call, text: (SourceRange) -> String) -> String {
        let functionForm: Set<Builtin.Category> = [.tensors, .math]
        let options = call.options.map { "\($0.name.text)=\(text($0.value.range))" }
        if functionForm.contains(builtin.category) {
            let arguments = ([receiver] + call.arguments).map { text($0.range) }
            return "\(builtin.name)(\((arguments + options).joined(separator: ", ")))"
        }
        let arguments = ([receiver] + call.arguments).map { parenthesized($0, text($0.range)) }
        return ([builtin.name] + arguments + options).joined(separator: " ")
    }

    /// An argument as command form takes it: one term, so an operation goes in parentheses.
    static func parenthesized(_ expr: Expr, _ text: String) -> String {
        switch expr.kind {
        case .binary, .negate: "(\(text))"
        default: text
        }
    }
}
