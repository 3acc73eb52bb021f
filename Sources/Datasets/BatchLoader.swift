import Autodiff

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
