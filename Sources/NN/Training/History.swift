/// The per-epoch record of training (Keras's `History`): loss and metrics, and their
/// validation counterparts (`val_loss`, `val_accuracy`, …) when a validation set was given.
public struct History: Sendable, Equatable {
    /// Metric name → one value per epoch, in the order the names first appeared.
    public private(set) var series: [(name: String, values: [Double])] = []
    public private(set) var epochs = 0
    /// The optimizer's rate in each epoch (NaN where it was not recorded).
    public private(set) var learningRates: [Double] = []

    public init() {}

    /// Appends one epoch's values and the learning rate it trained with.
    public mutating func record(_ values: [(String, Double)], learningRate: Double = .nan) {
        learningRates.append(learningRate)
        for (name, value) in values {
            if let i = series.firstIndex(where: { $0.name == name }) {
                series[i].values.append(value)
            } else {
                series.append((name, [Double](repeating: .nan, count: epochs) + [value]))
            }
        }
        epochs += 1
        for i in series.indices where series[i].values.count < epochs { series[i].values.append(.nan) }
    }

    /// The values of one series, or nil.
    public func values(_ name: String) -> [Double]? {
        series.first { $0.name == name }?.values
    }

    /// True when the rate changed from one epoch to another (a schedule, or a plateau cut).
    public var learningRateVaries: Bool {
        let known = learningRates.filter { !$0.isNaN }
        return known.contains { $0 != known.first }
    }

    public static func == (a: History, b: History) -> Bool {
        let same = { (x: Double, y: Double) in x == y || (x.isNaN && y.isNaN) }
        return a.epochs == b.epochs && a.learningRates.elementsEqual(b.learningRates, by: same)
            && a.series.map(\.name) == b.series.map(\.name)
            && zip(a.series, b.series).allSatisfy { $0.values.elementsEqual($1.values, by: same) }
    }
}
