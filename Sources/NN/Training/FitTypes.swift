import Autodiff

/// The options of `fit` (docs/language.md, "Training"), validated before training starts.
public struct FitOptions: Sendable {
    public var epochs = 1
    public var batchSize = 32
    public var shuffle = true
    /// A held-out fraction of the data (the last rows, before shuffling, as Keras takes them).
    public var validationFraction: Double?
    /// The value early stopping, the plateau rule and a checkpoint watch (nil: the standard one).
    public var monitor: FitMonitor?
    public var earlyStopping: EarlyStopping?
    public var plateau: PlateauRule?
    /// Whether the observer is told of every epoch that improves the monitored value
    /// (`checkpoint=`).
    public var reportsImprovements = false

    public init(epochs: Int = 1, batchSize: Int = 32, shuffle: Bool = true, validationFraction: Double? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.validationFraction = validationFraction
    }

    func validate() throws(NNError) {
        guard epochs >= 1 else { throw .invalidOption(name: "epochs", message: "must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw .invalidOption(name: "batch", message: "must be at least 1, got \(batchSize)") }
        if let f = validationFraction, !(f > 0 && f < 1) {
            throw .invalidOption(name: "validation", message: "a fraction must be between 0 and 1, got \(f)")
        }
        if let rule = earlyStopping {
            guard rule.patience >= 0 else { throw .invalidOption(name: "patience", message: "must be at least 0, got \(rule.patience)") }
            guard rule.minDelta >= 0, rule.minDelta.isFinite else {
                throw .invalidOption(name: "min_delta", message: "must be a finite number ≥ 0, got \(rule.minDelta)")
            }
        }
    }

    /// Whether anything watches a monitored value.
    public var watchesMonitor: Bool { earlyStopping != nil || plateau != nil || reportsImprovements }

    /// The monitor of this fit, checked against what it records: an unknown name, or a
    /// `val_` name without validation data, is an error before training starts.
    func checkedMonitor(metrics: [Metric], validating: Bool) throws(NNError) -> FitMonitor {
        let monitor = self.monitor ?? .standard(validating: validating)
        let names = FitMonitor.names(metrics: metrics, validating: validating)
        guard names.contains(monitor.name) else {
            if !validating, monitor.name.hasPrefix("val_"),
               FitMonitor.names(metrics: metrics, validating: true).contains(monitor.name) {
                throw .invalidOption(name: "monitor", message: "\(monitor.name) needs validation data (validation=0.2 or validation=dataset); without it: \(names.joined(separator: ", "))")
            }
            let close = FitMonitor.suggestion(for: monitor.name, among: names).map { "did you mean \($0)? " } ?? ""
            throw .invalidOption(name: "monitor", message: "\(monitor.name) is not recorded by this fit: \(close)it records \(names.joined(separator: ", "))")
        }
        return monitor
    }
}

/// Where training is, reported after every step (for progress bars) and every epoch.
public struct TrainingProgress: Sendable {
    public let epoch: Int, epochs: Int
    /// Steps done in this epoch, and steps per epoch.
    public let step: Int, steps: Int
    /// Running means over this epoch so far: the loss first, then each metric.
    public let values: [(name: String, value: Double)]
}

/// Receives training progress and can stop it (Ctrl-C) between steps.
public protocol TrainingObserver {
    /// After every step.
    func stepEnded(_ progress: TrainingProgress)
    /// After every epoch, with the epoch's values (including validation).
    func epochEnded(_ progress: TrainingProgress)
    /// Polled between steps; true stops training, keeping every completed step.
    var shouldStop: Bool { get }
    /// Whether ``stepTaken(_:model:)`` looks at each step (`stop_when=`): each step then keeps
    /// its graph and gradients until the next, so that a stop shows exactly that step.
    var watchesSteps: Bool { get }
    /// After every optimizer step, with the model as that step left it: true stops training.
    func stepTaken(_ step: StepRecord, model: Sequential) -> Bool
    /// After an epoch whose monitored value is the best so far (strictly), when the fit's
    /// options ask for it (`checkpoint=`).
    func improved(epoch: Int, monitor: String, value: Double, model: Sequential)
}

extension TrainingObserver {
    public var watchesSteps: Bool { false }
    public func stepTaken(_ step: StepRecord, model: Sequential) -> Bool { false }
    public func improved(epoch: Int, monitor: String, value: Double, model: Sequential) {}
}

/// One optimizer step, as `stop_when` sees it (`s.loss`, `s.step`, `s.epoch`, `s.lr`).
public struct StepRecord: Sendable, Equatable {
    /// This step's batch loss.
    public let loss: Float
    /// Steps of this fit so far (from 1), and its epoch (from 1).
    public let step: Int, epoch: Int
    /// The rate this step used.
    public let learningRate: Float
}

/// How a `fit` ended.
public enum FitOutcome: Sendable, Equatable {
    case completed
    /// Stopped by the observer after `steps` completed steps of `epoch`.
    case interrupted(epoch: Int, steps: Int)
    /// A non-finite loss or gradient; the params are those of the last finite step.
    case nonFinite(epoch: Int, step: Int, report: NonFiniteReport?)
    /// The observer's `stepTaken` said stop after `step` (of this fit) of `epoch`.
    case stoppedAfterStep(StepRecord)
    /// Early stopping ended the fit after `epoch` (the fit's last line, docs/language.md, has every field).
    case earlyStopped(EarlyStop)
}

/// What early stopping did: `early stop after epoch 7: val_loss has not improved for 3 epochs
/// (best 0.2931 at epoch 4, restored)`.
public struct EarlyStop: Sendable, Equatable {
    public let epoch: Int
    public let monitor: String
    public let epochsWithoutImprovement: Int
    public let best: Double
    public let bestEpoch: Int
    public let restored: Bool
}
