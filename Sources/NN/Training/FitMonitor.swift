import Autodiff
import Datasets

/// The value a fit watches at the end of every epoch (`loss`, `val_loss`, `val_accuracy`, …),
/// and which way is better: names ending in `accuracy` are maximised, the others minimised
/// (Keras's `mode="auto"`).
public struct FitMonitor: Sendable, Equatable {
    public let name: String
    public var maximises: Bool { name.hasSuffix("accuracy") }

    public init(_ name: String) { self.name = name }

    /// The monitor when none is named: `val_loss` with validation data, else `loss`.
    public static func standard(validating: Bool) -> FitMonitor { FitMonitor(validating ? "val_loss" : "loss") }

    /// Whether `value` beats `reference` by more than `minDelta` (Keras's `_is_improvement`).
    public func improves(_ value: Double, on reference: Double, minDelta: Double = 0) -> Bool {
        // A NaN compares false either way: it never improves.
        return maximises ? value - minDelta > reference : value + minDelta < reference
    }

    /// The start of a search for the best value (∓∞).
    public var worst: Double { maximises ? -.infinity : .infinity }

    /// The names a fit records each epoch: the loss, the metrics, and their `val_` twins.
    public static func names(metrics: [Metric], validating: Bool) -> [String] {
        let own = ["loss"] + metrics.map(\.rawValue)
        return own + (validating ? own.map { "val_" + $0 } : [])
    }

    /// The closest recorded name to a mistyped one: a name it begins (`val_acc` → `val_accuracy`),
    /// else the nearest by edit distance.
    public static func suggestion(for name: String, among names: [String]) -> String? {
        names.first { $0.hasPrefix(name) } ?? NameSuggestion.closest(to: name, in: names)
    }
}

/// `patience=`, `min_delta=`, `restore_best=`: Keras's `EarlyStopping` (start_from_epoch 0, no
/// baseline).
public struct EarlyStopping: Sendable, Equatable {
    public var patience: Int
    public var minDelta: Double
    public var restoreBest: Bool

    public init(patience: Int, minDelta: Double = 0, restoreBest: Bool = true) {
        self.patience = patience
        self.minDelta = minDelta
        self.restoreBest = restoreBest
    }

    /// Where early stopping stands after some epochs.
    public struct State {
        public private(set) var best: Double
        /// This fit's epoch (from 1) of the best value, and its params when they are to be restored.
        public private(set) var bestEpoch = 0
        public private(set) var bestParameters: [Tensor]?
        /// Epochs since the last improvement.
        public private(set) var wait = 0

        init(monitor: FitMonitor) { best = monitor.worst }

        /// Keras's `on_epoch_end`: true when training should stop after this epoch.
        /// `parameters` is called only when the params are to be kept.
        mutating func epochEnded(_ epoch: Int, value: Double, rule: EarlyStopping, monitor: FitMonitor,
                                 parameters: () -> [Tensor]) -> Bool {
            if rule.restoreBest, bestParameters == nil {
                bestParameters = parameters()
                bestEpoch = epoch
            }
            wait += 1
            if monitor.improves(value, on: best, minDelta: rule.minDelta) {
                best = value
                bestEpoch = epoch
                if rule.restoreBest { bestParameters = parameters() }
                wait = 0
                return false
            }
            return wait >= rule.patience && epoch > 1
        }
    }
}

/// `reduce_lr=plateau(factor=0.5, patience=2, min_lr=0)`: Keras's `ReduceLROnPlateau` with
/// cooldown 0 and the mode of the fit's monitor. The rate it lowers is the optimizer's
/// ``Optimizer/rateScale``, so that it composes with a schedule's rate of the epoch.
public struct PlateauRule: Sendable, Equatable {
    public var factor: Double
    public var patience: Int
    public var minRate: Double
    /// Keras's default threshold of improvement (`min_delta=1e-4`).
    public var minDelta: Double

    public init(factor: Double = 0.5, patience: Int = 2, minRate: Double = 0, minDelta: Double = 1e-4) throws(NNError) {
        guard factor > 0, factor < 1 else {
            throw .invalidOption(name: "factor", message: "must be between 0 and 1 (the rate is multiplied by it), got \(factor)")
        }
        guard patience >= 0 else { throw .invalidOption(name: "patience", message: "must be at least 0, got \(patience)") }
        guard minRate >= 0, minRate.isFinite else { throw .invalidOption(name: "min_lr", message: "must be a finite number ≥ 0, got \(minRate)") }
        guard minDelta >= 0, minDelta.isFinite else { throw .invalidOption(name: "min_delta", message: "must be a finite number ≥ 0, got \(minDelta)") }
        self.factor = factor
        self.patience = patience
        self.minRate = minRate
        self.minDelta = minDelta
    }

    /// Where the plateau rule stands.
    public struct State: Sendable, Equatable {
        public private(set) var best: Double
        public private(set) var wait = 0

        init(monitor: FitMonitor) { best = monitor.worst }

        /// Keras's `on_epoch_end` (no cooldown): lowers `optimizer`'s rate after `patience`
        /// epochs without improvement; true when it did.
        mutating func epochEnded(value: Double, rule: PlateauRule, monitor: FitMonitor, optimizer: inout Optimizer) -> Bool {
            if monitor.improves(value, on: best, minDelta: rule.minDelta) {
                best = value
                wait = 0
                return false
            }
            wait += 1
            guard wait >= rule.patience else { return false }
            guard Double(optimizer.effectiveRate) > Double(Float(rule.minRate)) else { return false }
            optimizer.lowerRate(by: rule.factor, floor: rule.minRate)
            wait = 0
            return true
        }
    }
}
