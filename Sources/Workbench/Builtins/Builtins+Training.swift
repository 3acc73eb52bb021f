import Autodiff
import Language
import NN

/// Training and evaluating models.
extension Builtins {
    static let training: [Builtin] = [
        Builtin("fit", .training, signature: "fit(model, data, epochs=1, batch=32, shuffle=true, seed=, validation=dataset|fraction, quiet)",
                summary: "Trains a compiled model: one optimizer step per batch, one line per epoch (a progress bar at a terminal); quiet prints only the final line.",
                example: "fit model train epochs=10 batch=32",
                options: ["epochs", "batch", "shuffle", "seed", "validation", "quiet"], flags: ["quiet"]) { inv throws(Diagnostic) in
            try inv.expectArguments(2...3)
            var model = try inv.model(0)
            let (x, y) = try inv.trainingData(from: 1)
            var options = FitOptions()
            options.epochs = try inv.optionInteger("epochs", default: 1, minimum: 1)
            options.batchSize = try inv.optionInteger("batch", default: 32, minimum: 1)
            options.shuffle = try inv.optionBool("shuffle", default: true)
            var validation: (x: Tensor, y: Tensor)?
            if let v = inv.optionValue("validation") {
                if case .dataset(let d) = v { validation = (d.x, d.y) } else {
                    options.validationFraction = try inv.session.expectNumber(v, function: "fit", argument: "validation", at: inv.optionRange("validation"))
                }
            }
            let quiet = try inv.optionBool("quiet", default: false)
            // Before training, so that the losses this fit records (its last step's) are current.
            inv.session.markChanged(model.parameters, by: "fit")
            let observer = FitProgress(session: inv.session, quiet: quiet)
            let outcome = try inv.withRandom { (g: inout RandomGenerator) throws(Diagnostic) -> FitOutcome in
                try inv.models { () throws(NNError) in
                    try model.fit(x: x, y: y, validation: validation, options: options, generator: &g,
                                  observer: observer, keepFinalGraph: true)
                }
            }
            observer.finish()
            switch outcome {
            case .completed: observer.reportQuietly()
            case let .interrupted(epoch, steps):
                inv.print("interrupted at epoch \(epoch), after step \(steps): the model keeps every completed step")
            case let .nonFinite(epoch, step, report):
                inv.print("stopped at epoch \(epoch), step \(step): the loss or a gradient is not finite")
                if let report { inv.print("  \(report)") }
                inv.print("  the params are those after the last finite step")
            }
            if let loss = model.lastStepLoss { inv.session.recordLoss(loss) }
            inv.storeBack(0, .model(model))
            return .nothing
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
