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
