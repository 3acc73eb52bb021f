import Autodiff
import Datasets

/// Batch buffers for the training loop: the data layer's `Dataset.fillBatch` copies the rows,
/// into the same two tensors from step to step, so that training allocates nothing per batch
/// once the previous step's graph has been released.
struct RowBatcher {
    private let data: Dataset
    private var xBuffer: Tensor, yBuffer: Tensor
    /// The buffers of the other batch size (an epoch's last batch is usually shorter), kept so
    /// that alternating between the two sizes allocates nothing.
    private var spare: (x: Tensor, y: Tensor)?

    init(x: Tensor, y: Tensor, batchSize: Int) throws(NNError) {
        do { data = try Dataset(x: x, y: y) } catch {
            throw .dataShapeMismatch(expected: [nil, x.shape.last], got: x.shape)
        }
        (xBuffer, yBuffer) = RowBatcher.buffers(like: data, rows: batchSize)
    }

    /// The rows, in order, as `[rows.count, …]` tensors. The returned tensors share this
    /// batcher's buffers: they are valid until the next call.
    mutating func batch(_ rows: ArraySlice<Int>) -> (Tensor, Tensor) {
        if xBuffer.shape.first != rows.count {
            let current = (x: xBuffer, y: yBuffer)
            if let spare, spare.x.shape.first == rows.count {
                (xBuffer, yBuffer) = spare
            } else {
                (xBuffer, yBuffer) = RowBatcher.buffers(like: data, rows: rows.count)
            }
            spare = current
        }
        data.fillBatch(rows: rows, x: &xBuffer, y: &yBuffer)
        return (xBuffer, yBuffer)
    }

    private static func buffers(like data: Dataset, rows: Int) -> (Tensor, Tensor) {
        var yShape = data.y.shape
        yShape[0] = rows
        return ((try? Tensor.zeros([rows, data.featureCount])) ?? Tensor(0), (try? Tensor.zeros(yShape)) ?? Tensor(0))
    }
}
