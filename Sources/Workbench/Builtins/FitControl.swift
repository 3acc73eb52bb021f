import Autodiff
import Interop
import Language
import NN

/// What `fit` does between steps and epochs beyond showing progress: `stop_when=f` (called
/// after every step with the step's record) and `checkpoint="best.safetensors"` (written after
/// every epoch that improves the monitored value).
struct FitControl {
    struct StopCondition {
        let function: UserFunction
        /// The workspace name of the model being trained: f reads it, so it is kept current.
        let modelName: String?
        let range: SourceRange
    }
    var stopWhen: StopCondition?
    /// The error f raised, which stopped the fit.
    var stopWhenError: Diagnostic?

    struct Checkpoint {
        /// As written, and resolved against the session's file rules.
        let file: String, path: String
    }
    var checkpoint: Checkpoint?
    /// The epoch whose params the checkpoint holds, with the monitored value then.
    var kept: (epoch: Int, monitor: String, value: Double)?
    var checkpointError: String?
}

extension FitProgress {
    var watchesSteps: Bool { control.stopWhen != nil }

    func stepTaken(_ step: StepRecord, model: Sequential) -> Bool {
        guard let condition = control.stopWhen else { return false }
        // The function sees the params and gradients of this very step.
        if let name = condition.modelName { session.assign(name, .model(model)) }
        do {
            let answer = try session.apply(condition.function, to: [.stepRecord(step)], at: condition.range)
            return try session.truthValue(of: answer, for: "stop_when", at: condition.range)
        } catch {
            control.stopWhenError = error
            return true
        }
    }

    func improved(epoch: Int, monitor: String, value: Double, model: Sequential) {
        guard let checkpoint = control.checkpoint, control.checkpointError == nil else { return }
        do {
            _ = try ModelParameterFile.write(model, to: checkpoint.path)
            control.kept = (epoch, monitor, value)
        } catch {
            control.checkpointError = "\(error)".replacingOccurrences(of: checkpoint.path, with: checkpoint.file)
        }
    }
}
