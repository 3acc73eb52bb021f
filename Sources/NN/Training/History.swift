/// The per-epoch record of training (Keras's `History`): loss and metrics, and their
/// validation counterparts (`val_loss`, `val_accuracy`, …) when a validation set was given.
public struct History: Sendable, Equatable {
    /// Metric name → one value per epoch, in the order the names first appeared.
    public private(set) var series: [(name: String, values: [Double])] = []
    public private(set) var epochs = 0

    public init() {}

    /// Appends one epoch's values.
    public mutating func record(_ values: [(String, Double)]) {
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

    public static func == (a: History, b: History) -> Bool {
        a.epochs == b.epochs && a.series.map(\.name) == b.series.map(\.name)
            && zip(a.series, b.series).allSatisfy { $0.values.elementsEqual($1.values) { $0 == $1 || ($0.isNaN && $1.isNaN) } }
    }
}
