import Autodiff
import Language
import NN

/// The options of one `fit` call, checked before any training: each wrong value is an error
/// that names the valid ones.
struct FitArguments {
    static let options = ["epochs", "batch", "shuffle", "seed", "validation", "quiet",
                          "patience", "monitor", "min_delta", "restore_best", "checkpoint", "reduce_lr",
                          "stop_when", "resume"]
    /// What a resumed fit may still be given: the rest comes from the fit it continues.
    static let resumeOptions: Set = ["quiet", "stop_when", "resume"]

    var options = FitOptions()
    var validation: (x: Tensor, y: Tensor)?
    var control = FitControl()
    var resume = false

    init(_ inv: Invocation) throws(Diagnostic) {
        resume = try inv.optionBool("resume", default: false)
        if resume, let other = inv.options.keys.sorted().first(where: { !FitArguments.resumeOptions.contains($0) }) {
            throw inv.invalid(other, "a resumed fit goes on with the options it was started with", at: inv.optionRange(other),
                              hint: "fit model data resume (with quiet or stop_when= at most)")
        }
        options.epochs = try inv.optionInteger("epochs", default: 1, minimum: 1)
        options.batchSize = try inv.optionInteger("batch", default: 32, minimum: 1)
        options.shuffle = try inv.optionBool("shuffle", default: true)
        if let v = inv.optionValue("validation") {
            if case .dataset(let d) = v { validation = (d.x, d.y) } else {
                options.validationFraction = try inv.session.expectNumber(v, function: "fit", argument: "validation", at: inv.optionRange("validation"))
            }
        }
        try readMonitoring(inv)
        try readStopWhen(inv)
    }

    private mutating func readMonitoring(_ inv: Invocation) throws(Diagnostic) {
        if let written = inv.options["monitor"] {
            // A name of what the fit records, even where the workspace has a variable `loss`.
            if let word = written.name { options.monitor = FitMonitor(word) } else { options.monitor = try inv.optionString("monitor").map(FitMonitor.init) }
        }
        if let patience = try inv.optionInteger("patience", minimum: 0) {
            let minDelta = try inv.optionNumber("min_delta", default: 0)
            guard minDelta >= 0, minDelta.isFinite else {
                throw inv.invalid("min_delta", "must be a finite number ≥ 0", at: inv.optionRange("min_delta"))
            }
            options.earlyStopping = EarlyStopping(patience: patience, minDelta: minDelta,
                                                  restoreBest: try inv.optionBool("restore_best", default: true))
        } else if let orphan = ["min_delta", "restore_best"].first(where: inv.has) {
            throw inv.invalid(orphan, "belongs to early stopping, which patience= turns on", at: inv.optionRange(orphan),
                              hint: "fit model data epochs=50 validation=0.2 patience=3 \(orphan)=…")
        }
        if let v = inv.optionValue("reduce_lr") {
            guard case .plateau(let rule) = v else {
                throw inv.invalid("reduce_lr", "takes a plateau rule, got a \(v.kind)", at: inv.optionRange("reduce_lr"),
                                  hint: "reduce_lr=plateau(factor=0.5, patience=2, min_lr=0)")
            }
            options.plateau = rule
        }
        if let file = try inv.optionString("checkpoint") {
            guard file.hasSuffix(".safetensors") else {
                throw inv.invalid("checkpoint", "writes the params as safetensors: the file must end in .safetensors, got '\(file)'",
                                  at: inv.optionRange("checkpoint"), hint: "checkpoint=\"best.safetensors\"")
            }
            control.checkpoint = .init(file: file, path: try inv.writablePath(file, at: inv.optionRange("checkpoint")))
            options.reportsImprovements = true
        }
        if inv.has("monitor"), !options.watchesMonitor {
            throw inv.invalid("monitor", "is watched by patience=, reduce_lr= or checkpoint=, and none is given",
                              at: inv.optionRange("monitor"), hint: "fit model data epochs=50 validation=0.2 patience=3 monitor=val_loss")
        }
    }

    private mutating func readStopWhen(_ inv: Invocation) throws(Diagnostic) {
        guard let v = inv.optionValue("stop_when") else { return }
        // A bare word that names nothing arrives as a string: say it is not defined.
        if case .string(let word) = v { throw inv.session.unknownName(word, at: inv.optionRange("stop_when")) }
        guard case .function(let f) = v, f.parameters.count == 1 else {
            let got = if case .function(let f) = v { "a function of \(Plural.count(f.parameters.count, "argument"))" } else { "a \(v.kind)" }
            throw inv.invalid("stop_when", "takes a function of one argument (the step's record s), got \(got)",
                              at: inv.optionRange("stop_when"), hint: "def exploded(s) = s.loss > 2, then stop_when=exploded")
        }
        control.stopWhen = .init(function: f, modelName: inv.argument(0).name, range: inv.optionRange("stop_when"))
    }
}
