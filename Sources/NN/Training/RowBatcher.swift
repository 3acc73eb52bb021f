import Autodiff

/// Gathers rows of `x` and `y` into batch tensors, reusing its buffers from step to step so
/// that training allocates nothing per batch once the first graph has been released.
struct RowBatcher {
    let x: Tensor, y: Tensor
    private let xWidth: Int, yWidth: Int
    private var xBuffer: Tensor, yBuffer: Tensor

    init(x: Tensor, y: Tensor, batchSize: Int) {
        self.x = x
        self.y = y
        xWidth = x.shape.dropFirst().reduce(1, *)
        yWidth = y.shape.dropFirst().reduce(1, *)
        xBuffer = RowBatcher.buffer(like: x, rows: batchSize)
        yBuffer = RowBatcher.buffer(like: y, rows: batchSize)
    }

    /// The rows, in order, as `[rows.count, …]` tensors. The returned tensors share this
    /// batcher's buffers: they are valid until the next call.
    mutating func batch(_ rows: ArraySlice<Int>) -> (Tensor, Tensor) {
        if xBuffer.shape.first != rows.count {
            xBuffer = RowBatcher.buffer(like: x, rows: rows.count)
            yBuffer = RowBatcher.buffer(like: y, rows: rows.count)
        }
        RowBatcher.gather(x, width: xWidth, rows: rows, into: &xBuffer)
        RowBatcher.gather(y, width: yWidth, rows: rows, into: &yBuffer)
        return (xBuffer, yBuffer)
    }

    private static func buffer(like t: Tensor, rows: Int) -> Tensor {
        var shape = t.shape
        shape[0] = rows
        return (try? Tensor.zeros(shape)) ?? Tensor(0)
    }

    private static func gather(_ source: Tensor, width: Int, rows: ArraySlice<Int>, into buffer: inout Tensor) {
        source.withUnsafeBufferPointer { src in
            buffer.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for (k, row) in rows.enumerated() {
                    (d + k * width).update(from: s + row * width, count: width)
                }
            }
        }
    }
}
