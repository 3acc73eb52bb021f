import Autodiff

/// The options of `fit` (docs/language.md, "Training"), validated before training starts.
public struct FitOptions: Sendable {
    public var epochs = 1
    public var batchSize = 32
    public var shuffle = true
    /// A held-out fraction of the data (the last rows, before shuffling, as Keras takes them).
    public var validationFraction: Double?

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
}

/// How a `fit` ended.
public enum FitOutcome: Sendable, Equatable {
    case completed
    /// Stopped by the observer after `steps` completed steps of `epoch`.
    case interrupted(epoch: Int, steps: Int)
    /// A non-finite loss or gradient; the params are those of the last finite step.
    case nonFinite(epoch: Int, step: Int, report: NonFiniteReport?)
}
