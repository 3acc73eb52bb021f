extension Tensor {
    /// A tensor of `shape` with undefined contents (no zero-fill): for loaders that write every
    /// element in one pass through `withUnsafeMutableBufferPointer` — the CSV loader writes
    /// 40 MB of features this way, and the page faults then fall on its parsing threads.
    ///
    /// Reading an element before writing it gives whatever was in memory: the caller must write
    /// them all, or discard the tensor.
    public static func uninitialized(_ shape: [Int]) throws(TensorError) -> Tensor {
        _ = try ShapeMath.elementCount(shape)
        return Tensor(uninitializedShape: shape)
    }
}
