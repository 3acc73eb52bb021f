import Autodiff
import Language
import NN

/// Training and evaluating models.
extension Builtins {
    static let training: [Builtin] = [
        Builtin("fit", .training, signature: "fit(model, data, epochs=1, batch=32, shuffle=true, seed=, validation=dataset|fraction, quiet, patience=, monitor=, min_delta=0, restore_best=true, checkpoint=\"f.safetensors\", reduce_lr=plateau(…), stop_when=f, resume)",
                summary: "Trains a compiled model: one optimizer step per batch, one line per epoch (a progress bar at a terminal); quiet prints only the final line. Early stopping (patience=, monitor=, min_delta=, restore_best=), checkpoint=, reduce_lr=plateau(…), stop_when=f (called after every step with s.loss, s.step, s.epoch, s.lr), and resume (continues a fit stopped by Ctrl-C, a timeout or stop_when, bit for bit).",
                example: "fit model train epochs=10 batch=32",
                options: FitArguments.options, flags: ["quiet", "resume"]) { inv throws(Diagnostic) in
            try inv.expectArguments(2...3)
            var model = try inv.model(0)
            let (x, y) = try inv.trainingData(from: 1)
            let arguments = try FitArguments(inv)
            let quiet = try inv.optionBool("quiet", default: false)
            // Before training, so that the losses this fit records (its last step's) are current.
            inv.session.markChanged(model.parameters, by: "fit")
            let observer = FitProgress(session: inv.session, quiet: quiet)
            observer.control = arguments.control
            let outcome = try inv.withRandom { (g: inout RandomGenerator) throws(Diagnostic) -> FitOutcome in
                do throws(NNError) {
                    return try model.fit(x: x, y: y, validation: arguments.validation, options: arguments.options, generator: &g,
                                         observer: observer, keepFinalGraph: true, resume: arguments.resume)
                } catch {
                    // A wrong option value (monitor=val_acc) is shown at that option.
                    if case let .invalidOption(name, message) = error, inv.has(name) {
                        throw inv.invalid(name, message, at: inv.optionRange(name))
                    }
                    throw Session.diagnostic(error, at: inv.callRange)
                }
            }
            observer.finish()
            let numbers = inv.session.numberFormat
            switch outcome {
            case .completed: observer.reportQuietly()
            case let .interrupted(epoch, steps):
                inv.print("interrupted at epoch \(epoch), after step \(steps): the model keeps every completed step (fit … resume goes on)")
            case let .nonFinite(epoch, step, report):
                inv.print("stopped at epoch \(epoch), step \(step): the loss or a gradient is not finite")
                if let report { inv.print("  \(report)") }
                inv.print("  the params are those after the last finite step")
            case let .stoppedAfterStep(s):
                if let error = observer.control.stopWhenError {
                    inv.print("stopped at epoch \(s.epoch), step \(s.step): stop_when(s) failed: \(error.message.text)")
                } else {
                    inv.print("stopped at epoch \(s.epoch), step \(s.step): stop_when(s) is true (s.loss = \(numbers.format(Double(s.loss))))")
                }
            case let .earlyStopped(stop):
                observer.reportQuietly()
                let epochs = Plural.count(stop.epochsWithoutImprovement, "epoch")
                let kept = stop.restored ? ", restored" : ""
                inv.print("early stop after epoch \(stop.epoch): \(stop.monitor) has not improved for \(epochs) (best \(numbers.format(stop.best)) at epoch \(stop.bestEpoch)\(kept))")
            }
            if let file = observer.control.checkpoint?.file {
                if let error = observer.control.checkpointError {
                    inv.print("checkpoint \(file) not written: \(error)")
                } else if let kept = observer.control.kept {
                    inv.print("checkpoint \(file): the params of epoch \(kept.epoch) (\(kept.monitor) \(numbers.format(kept.value)))")
                }
            }
            if let loss = model.lastStepLoss { inv.session.recordLoss(loss) }
            inv.storeBack(0, .model(model))
            return .nothing
        },
        Builtin("plateau", .training, signature: "plateau(factor=0.5, patience=2, min_lr=0, min_delta=0.0001)",
                summary: "For fit's reduce_lr=: multiplies the learning rate by factor after patience epochs in which the monitored value did not improve by more than min_delta, never below min_lr (Keras's ReduceLROnPlateau, no cooldown).",
                example: "fit model train epochs=30 validation=0.2 reduce_lr=plateau(factor=0.5, patience=2)",
                options: ["factor", "patience", "min_lr", "min_delta"]) { inv throws(Diagnostic) in
            try inv.expectArguments(0...0)
            let factor = try inv.optionNumber("factor", default: 0.5)
            let patience = try inv.optionInteger("patience", default: 2, minimum: 0)
            let minRate = try inv.optionNumber("min_lr", default: 0)
            let minDelta = try inv.optionNumber("min_delta", default: 1e-4)
            return .plateau(try inv.models { () throws(NNError) in
                try PlateauRule(factor: factor, patience: patience, minRate: minRate, minDelta: minDelta)
            })
        },
        Builtin("evaluate", .training, signature: "evaluate(model, data)", summary: "The compiled loss and metrics on data, without training.",
                example: "evaluate model test") { inv throws(Diagnostic) in
            try inv.expectArguments(2...3)
            let model = try inv.model(0)
            let (x, y) = try inv.trainingData(from: 1)
            let scores = try inv.models { () throws(NNError) in try model.evaluate(x: x, y: y) }
            inv.print(scores.map { "\($0.name): \(inv.session.numberFormat.format($0.value))" }.joined(separator: " — "))
            return .nothing
        },
        Builtin("predict", .training, signature: "predict(model, x)", summary: "The model's outputs for inputs x (or a dataset's x), without a graph.",
                example: "predict model test") { inv throws(Diagnostic) in
            try inv.expectArguments(2...2)
            let model = try inv.model(0)
            let x: Tensor
            if case .dataset(let d) = inv.value(1) { x = d.x } else { x = try inv.tensor(1, "x") }
            return .tensor(try inv.models { () throws(NNError) in try model.predict(x) })
        },
        Builtin("train_step", .training, signature: "train_step(model, batch)",
                summary: "One optimizer step on one batch (for teaching); prints the loss before the update.",
                example: "train_step model batch(train, 32)") { inv throws(Diagnostic) in
            try inv.expectArguments(2...3)
            var model = try inv.model(0)
            let (x, y) = try inv.trainingData(from: 1)
            let session = inv.session
            session.markChanged(model.parameters, by: "train_step")  // before: its own loss is current
            let loss = try inv.models { () throws(NNError) in try model.trainStep(x: x, y: y, generator: &session.random) }
            inv.print("loss: \(inv.session.numberFormat.format(loss.scalar ?? .nan))")
            session.recordLoss(loss)
            inv.storeBack(0, .model(model))
            return .nothing
        },
        Builtin("loss", .training, signature: "loss(model, data)",
                summary: "The compiled loss of a model on data, with its graph (for backward, chain and walk).",
                example: "L = loss(model, batch(train, 32))") { inv throws(Diagnostic) in
            try inv.expectArguments(2...3)
            let model = try inv.model(0)
            let (x, y) = try inv.trainingData(from: 1)
            let session = inv.session
            let (l, _) = try inv.models { () throws(NNError) in try model.lossGraph(x: x, y: y, generator: &session.random) }
            return .tensor(l)
        },
    ]
}

extension Invocation {
    /// Inputs and targets from a dataset argument at `i`, or from two tensors at `i` and `i + 1`.
    func trainingData(from i: Int) throws(Diagnostic) -> (Tensor, Tensor) {
        if case .dataset(let d) = value(i) {
            guard count == i + 1 else { throw .error(.wrongArgumentCount(function: name, expected: Plural.count(i + 1, "argument"), got: count), at: callRange, hint: .hintUsage(builtin.signature)) }
            return (d.x, d.y)
        }
        guard count == i + 2 else { throw kindError(i, "data", expected: "a dataset (or inputs and targets)") }
        return (try tensor(i, "inputs"), try tensor(i + 1, "targets"))
    }
}
