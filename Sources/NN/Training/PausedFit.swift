import Autodiff

/// Everything a stopped fit needs to go on as if it had never stopped (`fit model data resume`):
/// where it stopped, the epoch's shuffled order and running sums, the random stream at that
/// point (shuffles and dropout draw from it), and the state of early stopping, the plateau rule
/// and the checkpoint's best value. The optimizer's moments live in the model's compilation.
public struct PausedFit {
    /// How the fit was stopped, for messages.
    public enum Cause: String, Sendable { case interrupt = "Ctrl-C", stopWhen = "stop_when" }

    public let cause: Cause
    let options: FitOptions
    let data: FitDataKey
    /// This fit's epoch (from 1) and the steps of it already taken.
    public let epoch: Int, stepsDone: Int
    /// Steps this fit has taken in all (`s.step` goes on from it).
    let stepsTaken: Int
    let order: [Int]
    let sums: EpochSums
    let generator: RandomGenerator
    let progress: MonitorProgress
}

/// The running sums of an epoch: rows seen, Σ loss·rows, Σ of each metric's batch totals.
struct EpochSums: Sendable {
    var loss = 0.0
    var metrics: [Double]
    var seen = 0

    init(metricCount: Int) { metrics = [Double](repeating: 0, count: metricCount) }
}

/// The monitored value's trackers: early stopping, the plateau rule, the checkpoint's best.
struct MonitorProgress {
    var early: EarlyStopping.State?
    var plateau: PlateauRule.State?
    /// The best value so far and its epoch, for `checkpoint=` (strictly better, as Keras's
    /// `ModelCheckpoint(save_best_only=True)`).
    var best: Double
    var bestEpoch = 0

    init(monitor: FitMonitor, options: FitOptions) {
        early = options.earlyStopping.map { _ in EarlyStopping.State(monitor: monitor) }
        plateau = options.plateau.map { _ in PlateauRule.State(monitor: monitor) }
        best = monitor.worst
    }
}

/// Which data a fit trained on: shapes and a hash of every value, so that `resume` with other
/// data is an error and not a silent mix of two data sets.
struct FitDataKey: Sendable, Equatable {
    let shapes: [[Int]]
    let hash: UInt64

    init(_ tensors: [Tensor]) {
        shapes = tensors.map(\.shape)
        // FNV-1a over the values' bit patterns.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for t in tensors {
            t.withUnsafeBufferPointer { values in
                for v in values {
                    h = (h ^ UInt64(v.bitPattern)) &* 0x0000_0100_0000_01b3
                }
            }
        }
        hash = h
    }
}

extension Sequential {
    /// Forgets a stopped fit (a new `compile` starts over).
    public mutating func forgetPausedFit() { pausedFit = nil }
}
