import Language
import NN

/// Learning-rate schedules: values an optimizer's `lr` takes instead of a number. e counts the
/// epochs the optimizer has trained, from 0, across fits.
extension Builtins {
    static let schedules: [Builtin] = [
        Builtin("step_decay", .training, signature: "step_decay(lr, factor=0.5, every=5)",
                summary: "A learning rate that drops by factor every few epochs: lr · factor^⌊e / every⌋ in epoch e (from 0). Give it as an optimizer's lr.",
                example: "step_decay(0.1, factor=0.5, every=5)", options: ["lr", "factor", "every"]) { inv throws(Diagnostic) in
            let lr = try inv.initialRate()
            let factor = try inv.optionNumber("factor", default: 0.5), every = try inv.optionInteger("every", default: 5)
            return try inv.schedule(.stepDecay(initial: lr, factor: factor, every: every))
        },
        Builtin("exp_decay", .training, signature: "exp_decay(lr, rate=0.96)",
                summary: "A learning rate that shrinks by the same ratio each epoch: lr · rateᵉ in epoch e (from 0). Give it as an optimizer's lr.",
                example: "exp_decay(0.01, rate=0.9)", options: ["lr", "rate"]) { inv throws(Diagnostic) in
            let lr = try inv.initialRate()
            return try inv.schedule(.exponentialDecay(initial: lr, rate: try inv.optionNumber("rate", default: 0.96)))
        },
        Builtin("cosine", .training, signature: "cosine(lr, epochs=N, min=0)",
                summary: "Cosine annealing from lr down to min over N epochs: min + (lr − min)·(1 + cos(π·e/N))/2 in epoch e < N (from 0), then min. Give it as an optimizer's lr.",
                example: "adam(lr=cosine(0.01, epochs=20))", options: ["lr", "epochs", "min"]) { inv throws(Diagnostic) in
            let lr = try inv.initialRate()
            guard let epochs = try inv.optionInteger("epochs") else {
                throw inv.invalid("epochs", "is required: the number of epochs N the rate takes to fall to min",
                                  hint: "for example cosine(\(LearningRateSchedule.number(lr)), epochs=20)")
            }
            return try inv.schedule(.cosine(initial: lr, epochs: epochs, minimum: try inv.optionNumber("min", default: 0)))
        },
        Builtin("warmup", .training, signature: "warmup(lr_or_schedule, epochs=k)",
                summary: "Ramps a rate or a schedule up from small: epoch e < k (from 0) uses (e + 1)/k of it, later epochs all of it. Give it as an optimizer's lr.",
                example: "warmup(cosine(0.01, epochs=20), epochs=3)", options: ["lr", "epochs"]) { inv throws(Diagnostic) in
            let inner: LearningRateSchedule
            if inv.count == 1, case .schedule(let s) = inv.value(0) {
                inner = s
            } else {
                inner = .constant(try inv.initialRate())
            }
            guard let epochs = try inv.optionInteger("epochs") else {
                throw inv.invalid("epochs", "is required: the number of epochs k the rate takes to ramp up",
                                  hint: "for example warmup(0.01, epochs=5)")
            }
            return try inv.schedule(.warmup(inner, epochs: epochs))
        },
    ]
}

extension Invocation {
    /// A schedule's starting rate: its first argument or `lr=`, which must be given.
    func initialRate() throws(Diagnostic) -> Double {
        try expectArguments(0...1)
        if count == 1 { return try number(0, "lr") }
        guard let lr = try optionNumber("lr") else {
            throw invalid("lr", "is required: the learning rate to start from", hint: "for example \(builtin.example)")
        }
        return lr
    }

    /// The schedule, once its numbers are checked; a number out of range is an error at that
    /// option, naming the range.
    func schedule(_ schedule: LearningRateSchedule) throws(Diagnostic) -> Value {
        do {
            return .schedule(try LearningRateSchedule(validating: schedule))
        } catch {
            guard case let .invalidOption(option, message) = error else { throw Session.diagnostic(error, at: callRange) }
            let range = has(option) ? optionRange(option) : (option == "lr" && count == 1 ? self.range(0) : callRange)
            throw invalid(option, message, at: range)
        }
    }

    /// The `lr` of an optimizer when it is a schedule (`adam(lr=cosine(0.01, epochs=20))`).
    func learningRateSchedule() -> LearningRateSchedule? {
        if count == 1, case .schedule(let s) = value(0) { return s }
        if case .schedule(let s) = optionValue("lr") { return s }
        return nil
    }
}
