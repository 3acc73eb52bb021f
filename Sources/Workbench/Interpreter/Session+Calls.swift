import Autodiff
import Language
import NN

/// Calls: built-ins (with options and bare flags), functions from `def`, and models or layers
/// applied to a tensor.
extension Session {
    /// How deep calls of `def` functions may nest before the call is refused.
    static let maxCallDepth = 200

    func evaluateCall(_ call: Call, at range: SourceRange) throws(Diagnostic) -> Value {
        if case .name(let name) = call.callee.kind {
            let bound = lookup(name)
            // A variable that shadows a built-in (`loss = loss(model, batch)`) is not callable,
            // so in call position the built-in still answers.
            if let bound, isCallable(bound) { return try callValue(bound, call, calleeText: name, at: range) }
            if let builtin = builtins[name] {
                return try invoke(builtin, arguments: call.arguments, options: call.options, range: range)
            }
            if let bound { throw .error(.notCallable(name, kind: bound.kind), at: call.callee.range) }
            if let habit = pythonBuiltinCall(name, call, at: range) { throw habit }
            throw unknownName(name, at: call.callee.range)
        }
        if case .member(let base, let method) = call.callee.kind {
            let callee = try methodCallee(call, base: base, method: method, at: range)
            return try callValue(callee, call, calleeText: sourceText(in: call.callee.range), at: range)
        }
        let callee = try evaluate(call.callee)
        return try callValue(callee, call, calleeText: sourceText(in: call.callee.range), at: range)
    }

    func isCallable(_ v: Value) -> Bool {
        switch v {
        case .function, .builtin, .model, .layer: true
        default: false
        }
    }

    private func callValue(_ callee: Value, _ call: Call, calleeText: String, at range: SourceRange) throws(Diagnostic) -> Value {
        switch callee {
        case .builtin(let name):
            guard let builtin = builtins[name] else { throw unknownName(name, at: call.callee.range) }
            return try invoke(builtin, arguments: call.arguments, options: call.options, range: range)
        case .function(let f):
            return try callFunction(f, call, at: range)
        case .model(let model):
            let x = try singleTensorArgument(call, what: calleeText)
            do { return .tensor(try model.forward(x, generator: &random)) }
            catch { throw Session.diagnostic(error, at: range) }
        case .layer(let layer):
            _ = layer
            throw .error(.commandFailed(command: calleeText, problem: "a layer gets its weights inside a model"), at: range,
                         hint: .hintAdvice("build a model: sequential(\(calleeText), …), then call the model"))
        default:
            throw .error(.notCallable(calleeText, kind: callee.kind), at: call.callee.range)
        }
    }

    private func singleTensorArgument(_ call: Call, what: String) throws(Diagnostic) -> Tensor {
        guard call.arguments.count == 1, call.options.isEmpty, let arg = call.arguments.first else {
            throw .error(.wrongArgumentCount(function: what, expected: "one tensor", got: call.arguments.count), at: call.callee.range)
        }
        return try expectTensor(try evaluate(arg), function: what, argument: "the input", at: arg.range)
    }

    /// A `def` function: arguments bound to its parameters in a fresh scope that reads the
    /// workspace; its own assignments stay in that scope.
    private func callFunction(_ f: UserFunction, _ call: Call, at range: SourceRange) throws(Diagnostic) -> Value {
        guard call.arguments.count == f.parameters.count else {
            throw .error(.wrongArgumentCount(function: f.name, expected: Plural.count(f.parameters.count, "argument"), got: call.arguments.count),
                         at: range, hint: .hintUsage("\(f.name)(\(f.parameters.joined(separator: ", ")))"))
        }
        if let option = call.options.first {
            throw .error(.unknownOption(function: f.name, option: option.name.text), at: option.range)
        }
        var arguments: [Value] = []
        for arg in call.arguments { arguments.append(try evaluate(arg)) }
        return try apply(f, to: arguments, at: range)
    }

    /// Runs a `def` function on argument values (a built-in calling it: `fit … stop_when=f`).
    func apply(_ f: UserFunction, to arguments: [Value], at range: SourceRange) throws(Diagnostic) -> Value {
        guard arguments.count == f.parameters.count else {
            throw .error(.wrongArgumentCount(function: f.name, expected: Plural.count(f.parameters.count, "argument"), got: arguments.count),
                         at: range, hint: .hintUsage("\(f.name)(\(f.parameters.joined(separator: ", ")))"))
        }
        guard callDepth < Session.maxCallDepth, stack.hasRoom else {
            throw .error(.recursionTooDeep(limit: Session.maxCallDepth), at: range,
                         hint: .hintAdvice("a function that calls itself needs a case where it stops"))
        }
        var locals: [String: Value] = [:]
        for (name, value) in zip(f.parameters, arguments) { locals[name] = value }
        callDepth += 1
        scopes.append(locals)
        // The body may touch only what both its caller and the code that defined it may.
        let callerPolicy = filePolicy
        filePolicy = filePolicy.narrowed(by: f.confinement)
        defer {
            scopes.removeLast()
            callDepth -= 1
            filePolicy = callerPolicy
        }
        do {
            switch f.body {
            case .expression(let e):
                return try evaluate(e)
            case .block(let statements):
                var last: Value = .nothing
                for s in statements { last = try executeStatement(s) ?? .nothing }
                return last
            }
        } catch {
            // The body's ranges belong to the cell that defined it: report at this call instead.
            var anchored = error
            anchored.range = range
            if !anchored.notes.contains(where: { $0.message == .noteInFunction(f.name) }) {
                anchored.notes.append(.init(.noteInFunction(f.name)))
            }
            throw anchored
        }
    }

    /// Calls a built-in: evaluates the arguments, turns trailing bare words that name its flags
    /// into `flag=true`, checks every option name, then runs it.
    func invoke(_ builtin: Builtin, arguments: [Expr], options: [Call.Option], range: SourceRange) throws(Diagnostic) -> Value {
        var positional: [Invocation.Argument] = []
        var named: [String: Invocation.Argument] = [:]
        for arg in arguments {
            if case .name(let word) = arg.kind, builtin.flags.contains(word), lookup(word) == nil {
                named[word] = Invocation.Argument(value: .bool(true), range: arg.range, name: nil)
                continue
            }
            var variable: String?
            if case .name(let n) = arg.kind { variable = n }
            if builtin.takesNames, let word = variable, lookup(word) == nil, builtins[word] == nil {
                positional.append(Invocation.Argument(value: .string(word), range: arg.range, name: word))
                continue
            }
            positional.append(Invocation.Argument(value: try evaluate(arg), range: arg.range, name: variable))
        }
        for option in options {
            let key = option.name.text
            guard builtin.options.contains(key) else {
                let close = suggestions(for: key, among: builtin.options)
                throw .error(.unknownOption(function: builtin.name, option: key), at: option.name.range,
                             hint: close.isEmpty ? .hintValidOptions(builtin.options) : .hintDidYouMean(close.map { $0 + "=" }),
                             notes: close.isEmpty ? [] : [.init(.hintValidOptions(builtin.options))])
            }
            // A bare word that names nothing is a symbol for the option (`init=he`, `loss=bce`).
            var value: Value, word: String?
            if case .name(let w) = option.value.kind { word = w }
            if let word, lookup(word) == nil, builtins[word] == nil {
                value = .string(word)
            } else {
                value = try evaluate(option.value)
            }
            // The bare word is kept too, for options that name a thing and never take a value
            // (`monitor=loss` with a variable `loss` in the workspace).
            named[key] = Invocation.Argument(value: value, range: option.range, name: word)
        }
        var invocation = Invocation(session: self, builtin: builtin, callRange: range, positional: positional, options: named)
        return try builtin.run(&invocation)
    }
}
