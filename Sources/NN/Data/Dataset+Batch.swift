import Autodiff

extension Dataset {
    /// The number of batches of `size` rows: ⌈n / size⌉ (the last may be short).
    public func batchCount(size: Int) throws(DataError) -> Int {
        guard size >= 1 else { throw .invalidBatchSize(size) }
        return (count + size - 1) / size
    }

    /// Batch `index` of `size` rows in file order (`batch(data, 32, index=0)`): rows
    /// `index·size ..< min(n, (index + 1)·size)`. Indices are 0-based; a negative one counts
    /// from the end, as tensor indices do.
    public func batch(size: Int, index: Int) throws(DataError) -> Dataset {
        let batches = try batchCount(size: size)
        let i = index < 0 ? index + batches : index
        guard i >= 0, i < batches else { throw .batchIndexOutOfRange(index: index, batches: batches) }
        return try gathering(i * size ..< Swift.min(count, (i + 1) * size))
    }

    /// Copies the given rows into buffers the caller owns — the training loop's path, with no
    /// allocation when the buffers are not shared.
    ///
    /// Shapes: `x` must be `[rows.count, features]` and `y` `[rows.count]` or
    /// `[rows.count, k]` like this dataset's `y`; every row index must be in `0..<count`. These
    /// are the caller's (gradbook's) obligations, checked by preconditions.
    public func fillBatch(rows: ArraySlice<Int>, x batchX: inout Tensor, y batchY: inout Tensor) {
        var yShape = y.shape
        yShape[0] = rows.count
        precondition(batchX.shape == [rows.count, featureCount] && batchY.shape == yShape,
                     "fillBatch: buffers \(batchX.shape), \(batchY.shape) for \(rows.count) rows of x \(x.shape), y \(y.shape)")
        Dataset.copyRows(rows, from: x, to: &batchX, width: featureCount, limit: count)
        Dataset.copyRows(rows, from: y, to: &batchY, width: targetCount, limit: count)
    }

    /// `destination` row r ← `source` row `rows[r]`, rows of `width` floats.
    private static func copyRows(
        _ rows: ArraySlice<Int>, from source: Tensor, to destination: inout Tensor, width: Int, limit: Int
    ) {
        source.withUnsafeBufferPointer { source in
            destination.withUnsafeMutableBufferPointer { destination in
                guard let from = source.baseAddress, let to = destination.baseAddress else { return }
                for (r, row) in rows.enumerated() {
                    precondition(row >= 0 && row < limit, "fillBatch: row \(row) outside 0..<\(limit)")
                    (to + r * width).update(from: from + row * width, count: width)
                }
            }
        }
    }
}

/// Mini-batches for training: one permutation of the rows per epoch, each batch copied into
/// buffers allocated once (313 batches an epoch for 10000 rows at 32 — no allocation churn).
///
/// The tensors `batch(_:)` returns share the loader's buffers. Drop them before asking for the
/// next batch and the next copy reuses the memory; keep one (say, inside a graph that is still
/// alive) and copy-on-write leaves it intact, at the cost of one allocation.
public struct BatchLoader {
    public let data: Dataset
    public let batchSize: Int
    /// The number of batches per epoch, ⌈n / batchSize⌉.
    public let batchCount: Int
    /// This epoch's row order.
    public private(set) var order: [Int]
    private var x: Tensor, y: Tensor          // full batches
    private var lastX: Tensor, lastY: Tensor  // the short last batch, if any

    /// Batches of `batchSize` rows of `data`, in row order until `shuffle` is called.
    public init(data: Dataset, batchSize: Int) throws(DataError) {
        self.data = data
        self.batchSize = batchSize
        batchCount = try data.batchCount(size: batchSize)
        order = Array(0..<data.count)
        let full = Swift.min(batchSize, data.count), last = data.count - (batchCount - 1) * batchSize
        x = try .rows(full, like: data.x)
        y = try .rows(full, like: data.y)
        lastX = try .rows(batchCount > 0 ? last : 0, like: data.x)
        lastY = try .rows(batchCount > 0 ? last : 0, like: data.y)
    }

    /// A new random order for the next epoch (Fisher–Yates, from `generator`).
    public mutating func shuffle(using generator: inout RandomGenerator) {
        generator.shuffle(&order)
    }

    /// Batch `index` (in `0..<batchCount`) of this epoch's order: `x` `[b, features]` and `y`
    /// `[b]` or `[b, k]`, with b = batchSize except perhaps for the last batch.
    public mutating func batch(_ index: Int) -> (x: Tensor, y: Tensor) {
        precondition(index >= 0 && index < batchCount, "batch \(index) of \(batchCount)")
        let rows = order[index * batchSize ..< Swift.min(data.count, (index + 1) * batchSize)]
        if rows.count == batchSize {
            data.fillBatch(rows: rows, x: &x, y: &y)
            return (x, y)
        }
        data.fillBatch(rows: rows, x: &lastX, y: &lastY)
        return (lastX, lastY)
    }
}
