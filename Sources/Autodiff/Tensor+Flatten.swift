/// Flattening a batch: what sits between convolution layers and dense ones.
extension Tensor {
    /// `[n, d₁, d₂, …] → [n, d₁·d₂·…]`: every image of the batch as one row (Keras's `Flatten`,
    /// PyTorch's `flatten(x, 1)`). A reshape, so its gradient is the upstream one reshaped back.
    public func flattened() throws(TensorError) -> Tensor {
        guard rank >= 2 else {
            throw .rankMismatch(op: "flatten", expected: "a batch [n, …] of rank ≥ 2", shape: shape)
        }
        return try reshaped([shape[0], ShapeMath.count(Array(shape.dropFirst()))])
    }
}
