import Autodiff

/// How many rows go to the first part of a split.
public enum SplitSize: Equatable, Sendable {
    /// ⌊n·f⌋ rows, for f in [0, 1], with f read as the decimal written (10 × 0.7 is 7).
    case fraction(Double)
    /// Exactly this many rows, in 0...n.
    case count(Int)

    /// The language's reading of `split(data, v)`: a number strictly between 0 and 1 is a
    /// fraction (`0.8`), a whole number of 0 or more is a count (`10000`, and `1` is one row).
    public init(_ value: Double) throws(DataError) {
        if value > 0, value < 1 {
            self = .fraction(value)
        } else if value >= 0, value == value.rounded(), value < 0x1p62 {
            self = .count(Int(value))
        } else {
            throw .invalidSplit(value: value, rows: nil)
        }
    }

    /// The number of rows of the first part of n, or nil when out of range.
    func firstCount(of n: Int) -> Int? {
        switch self {
        case .fraction(let f):
            guard f >= 0, f <= 1 else { return nil }
            if f == 1 { return n }
            return DecimalFraction(f).map { Swift.min(n, $0.floorTimes(n)) }
        case .count(let c):
            return c >= 0 && c <= n ? c : nil
        }
    }
}

extension Dataset {
    /// The rows in a seeded random order, cut in two (`train, test = split(data, 0.8, seed=42)`).
    ///
    /// The permutation is a Fisher–Yates shuffle of `0..<n` drawn from `RandomGenerator(seed:)`;
    /// the first part takes its first m rows (m = ⌊n·f⌋ or the count), the second the rest,
    /// both in permutation order. The same seed always gives the same parts.
    public func split(_ size: SplitSize, seed: UInt64) throws(DataError) -> (first: Dataset, second: Dataset) {
        guard let m = size.firstCount(of: count) else {
            switch size {
            case .fraction(let f): throw .invalidSplit(value: f, rows: count)
            case .count(let c): throw .invalidSplit(value: Double(c), rows: count)
            }
        }
        var order = Array(0..<count)
        var generator = RandomGenerator(seed: seed)
        generator.shuffle(&order)
        return (try gathering(order[..<m]), try gathering(order[m...]))
    }

    /// The first `n` rows (all of them if there are fewer), for display (`head data`).
    public func head(_ n: Int = 5) throws(DataError) -> Dataset {
        guard n >= 0 else { throw .negativeCount(operation: "head", count: n) }
        return try gathering(0 ..< Swift.min(n, count))
    }

    /// The given rows, in the given order (every index must be in `0..<count`).
    func gathering<Rows: Collection<Int>>(_ rows: Rows) throws(DataError) -> Dataset {
        var newX = try Tensor.rows(rows.count, like: x)
        var newY = try Tensor.rows(rows.count, like: y)
        fillBatch(rows: ArraySlice(rows), x: &newX, y: &newY)
        return withRows(x: newX, y: newY)
    }
}

extension Tensor {
    /// An uninitialized tensor of `rows` rows shaped like `t` past its first axis, for a
    /// gather that writes every row.
    static func rows(_ rows: Int, like t: Tensor) throws(DataError) -> Tensor {
        var shape = t.shape
        shape[0] = rows
        do { return try .uninitialized(shape) } catch { throw .tensor(error) }
    }
}
