/// Why a plot cannot be drawn: thrown before anything is drawn, with what a person can fix.
public enum PlotError: Error, Equatable, Sendable {
    /// Nothing to draw: no values, or none of them finite. The text says what was empty.
    case noData(String)
    /// `plot x y` with x and y of different lengths.
    case lengthMismatch(x: Int, y: Int)
    /// A prediction closure returned the wrong number of results.
    case predictionCount(expected: Int, got: Int)
    /// A class index below zero or beyond what a plot can show.
    case invalidClass(Int)
    /// An option out of its range (bins ≤ 0, …).
    case invalidOption(name: String, message: String)
}

extension PlotError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .noData(what):
            "nothing to plot: \(what)"
        case let .lengthMismatch(x, y):
            "x has \(x) values and y has \(y); plot x y needs the same number of each"
        case let .predictionCount(expected, got):
            "the model gave \(got) predictions for \(expected) points"
        case let .invalidClass(k):
            "class \(k) is not a class index a plot can show (0 to \(ClassPalette.maxClasses - 1))"
        case let .invalidOption(name, message):
            "\(name): \(message)"
        }
    }
}
