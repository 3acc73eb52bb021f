/// Arithmetic on shapes: element counts, strides, broadcasting and axes.
///
/// Shapes come from people (`zeros(2, -3)`, `reshape(t, 10**12)`), so every product is
/// overflow-checked and every axis validated here, once, before any buffer is touched.
public enum ShapeMath {
    /// The number of elements of a new tensor of `shape`, or a thrown error for negative sizes,
    /// overflow, a shape beyond the allocation limit (see `extentCount`), or a tensor that
    /// would not fit beside the tensors alive now: many tensors that each fit must not together
    /// exhaust memory (`TensorAllocationLimit.totalElements`).
    public static func elementCount(_ shape: [Int]) throws(TensorError) -> Int {
        let count = try extentCount(shape)
        let held = TensorAllocationLimit.heldElements, total = TensorAllocationLimit.totalElements
        if count > TensorStorage.smallCount, count > total - Swift.min(held, total) {
            throw .memoryFull(shape: shape, held: held, limit: total)
        }
        return count
    }

    /// The number of elements of `shape`, after checking its sizes: none negative, and the
    /// product of the nonzero ones (its extent) within the allocation limit.
    ///
    /// The extent, not the element count alone: `[0, 10¹²]` holds nothing, but a sum over its
    /// first axis has 10¹² elements, a one-hot of its rows or a dataset of its columns as many
    /// again. Bounding the extent where a shape is made bounds every shape derived from it
    /// (reductions, slices, transposes) and every product of some of its sizes, so no later
    /// stride or offset can overflow either.
    public static func extentCount(_ shape: [Int]) throws(TensorError) -> Int {
        let limit = TensorAllocationLimit.elements
        var extent = 1
        var empty = false
        for d in shape {
            guard d >= 0 else { throw .invalidShape(shape) }
            if d == 0 { empty = true; continue }
            let (product, overflow) = extent.multipliedReportingOverflow(by: d)
            guard !overflow, product <= limit else { throw .tooLarge(shape: shape, limit: limit) }
            extent = product
        }
        return empty ? 0 : extent
    }

    /// The element count of a shape already known to be valid (no checks).
    @inline(__always)
    static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// Row-major strides, in elements.
    public static func stridesOf(_ shape: [Int]) -> [Int] { strides(shape) }

    /// Row-major strides, in elements.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running &*= shape[axis]
        }
        return strides
    }

    /// The broadcast shape of two shapes under NumPy's rules: align on the right; each pair of
    /// dimensions must be equal or one of them 1.
    public static func broadcast(_ lhs: [Int], _ rhs: [Int], op: String) throws(TensorError) -> [Int] {
        if lhs == rhs { return lhs }
        let rank = max(lhs.count, rhs.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let l = i < rank - lhs.count ? 1 : lhs[i - (rank - lhs.count)]
            let r = i < rank - rhs.count ? 1 : rhs[i - (rank - rhs.count)]
            if l == r || r == 1 {
                result[i] = l
            } else if l == 1 {
                result[i] = r
            } else {
                throw .broadcastMismatch(op: op, lhs: lhs, rhs: rhs)
            }
        }
        return result
    }

    /// An axis in `-rank ..< rank` turned into `0 ..< rank`.
    public static func normalizeAxis(_ axis: Int, rank: Int) throws(TensorError) -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw .invalidAxis(axis: axis, rank: rank) }
        return a
    }

    /// Formats a shape the way people read it in headers: `2×3`, or `scalar`.
    public static func describe(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
    }
}
