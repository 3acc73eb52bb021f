import Autodiff

extension Tensor {
    /// Class indices as one-hot rows (`onehot(y, classes)`): `out[i, c] = 1` if `yᵢ = c`, else 0.
    ///
    /// Shapes: `[n]` (or `[n, 1]`) → `[n, classes]`. Every element must be a whole number in
    /// `0..<classes`; the error names the first that is not.
    public func oneHot(classes: Int) throws(DataError) -> Tensor {
        guard classes >= 1 else { throw .invalidClassCount(classes) }
        guard rank == 1 || (rank == 2 && shape[1] == 1) else {
            throw .unsupportedShape(role: "onehot's input", shape: shape, expected: "[n] or [n, 1] class indices")
        }
        let n = shape[0]
        var out: Tensor
        do { out = try Tensor(shape: [n, classes], repeating: 0) } catch { throw .tensor(error) }
        var failure: DataError?
        withUnsafeBufferPointer { labels in
            out.withUnsafeMutableBufferPointer { out in
                for (i, value) in labels.enumerated() {
                    guard value == value.rounded() else { failure = .nonIntegerClass(index: i, value: value); return }
                    guard value >= 0, value < Float(classes) else {
                        failure = .classOutOfRange(index: i, value: value, classes: classes)
                        return
                    }
                    out[i * classes + Int(value)] = 1
                }
            }
        }
        if let failure { throw failure }
        return out
    }
}
