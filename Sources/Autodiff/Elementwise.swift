/// The two loops every elementwise op runs on: a unary map and a broadcasting binary map.
///
/// These are value kernels: they never record graph nodes. The differentiable ops in
/// `Tensor+Arithmetic.swift` and `Tensor+Math.swift` call them for the forward pass and again
/// inside their pullbacks. Both are `@inline(__always)` so that each call site's closure is
/// inlined into the loop and the loop vectorises.
extension Tensor {
    /// `f` applied to every element (a value kernel: no graph node is recorded).
    @inline(__always)
    public func map(_ f: (Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let n = count
        let src = storage.base
        let dst = result.storage.base
        for i in 0..<n { dst[i] = f(src[i]) }
        return result
    }

    /// `f` applied to every element, in place (copy-on-write first).
    @inline(__always)
    mutating func mapInPlace(_ f: (Float) -> Float) {
        makeUniquelyReferenced()
        let n = count
        let p = storage.base
        for i in 0..<n { p[i] = f(p[i]) }
    }

    /// `f` of two same-shape tensors, elementwise. The shapes must be equal (caller checked).
    @inline(__always)
    func zipSameShape(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let n = count
        let a = storage.base, b = other.storage.base, c = result.storage.base
        for i in 0..<n { c[i] = f(a[i], b[i]) }
        return result
    }

    /// `f` of two tensors broadcast together under NumPy's rules.
    ///
    /// Fast paths cover what training does every step — equal shapes, a scalar on either side,
    /// and a row vector added to every row (`x·W + b`); everything else walks an odometer over
    /// the output's outer axes with per-input strides that are 0 along broadcast axes.
    @inline(__always)
    static func broadcastZip(
        _ lhs: Tensor, _ rhs: Tensor, op: String, _ f: (Float, Float) -> Float
    ) throws(TensorError) -> Tensor {
        if lhs.shape == rhs.shape { return lhs.zipSameShape(rhs, f) }
        let outShape = try ShapeMath.broadcast(lhs.shape, rhs.shape, op: op)
        let n = try ShapeMath.elementCount(outShape)
        let result = Tensor(uninitializedShape: outShape)
        let a = lhs.storage.base, b = rhs.storage.base, c = result.storage.base
        if n == 0 { return result }

        if rhs.count == 1, lhs.count == n {
            let s = b[0]
            for i in 0..<n { c[i] = f(a[i], s) }
            return result
        }
        if lhs.count == 1, rhs.count == n {
            let s = a[0]
            for i in 0..<n { c[i] = f(s, b[i]) }
            return result
        }
        let inner = outShape.last ?? 1
        // The row loops index from per-row pointers: with `row + j` as the index, Swift's
        // overflow check on the addition kept the loop scalar.
        if lhs.count == n, rhs.count == inner, rhs.shape.last == inner {
            // A row broadcast over every row of lhs, e.g. [32, 128] + [128].
            var row = 0
            while row < n {
                let ar = a + row, cr = c + row
                for j in 0..<inner { cr[j] = f(ar[j], b[j]) }
                row += inner
            }
            return result
        }
        if rhs.count == n, lhs.count == inner, lhs.shape.last == inner {
            var row = 0
            while row < n {
                let br = b + row, cr = c + row
                for j in 0..<inner { cr[j] = f(a[j], br[j]) }
                row += inner
            }
            return result
        }

        let rank = outShape.count
        let aStrides = broadcastStrides(lhs.shape, rank: rank, outShape: outShape)
        let bStrides = broadcastStrides(rhs.shape, rank: rank, outShape: outShape)
        let sa = aStrides[rank - 1], sb = bStrides[rank - 1]
        var index = [Int](repeating: 0, count: Swift.max(rank - 1, 0))
        var offA = 0, offB = 0, offC = 0
        while offC < n {
            for j in 0..<inner { c[offC + j] = f(a[offA + j * sa], b[offB + j * sb]) }
            offC += inner
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offA += aStrides[axis]
                offB += bStrides[axis]
                if index[axis] < outShape[axis] { break }
                offA -= aStrides[axis] * index[axis]
                offB -= bStrides[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    /// Strides of `shape` aligned on the right to `rank` axes, 0 where the axis is broadcast.
    static func broadcastStrides(_ shape: [Int], rank: Int, outShape: [Int]) -> [Int] {
        let own = ShapeMath.strides(shape)
        var strides = [Int](repeating: 0, count: rank)
        let offset = rank - shape.count
        for axis in 0..<shape.count where shape[axis] == outShape[axis + offset] && shape[axis] != 1 {
            strides[axis + offset] = own[axis]
        }
        return strides
    }

    /// The values of this tensor repeated to `targetShape` (which it must broadcast to).
    func broadcastValues(to targetShape: [Int]) throws(TensorError) -> Tensor {
        if shape == targetShape { return detached }
        let out = try ShapeMath.broadcast(shape, targetShape, op: "broadcast_to")
        guard out == targetShape else {
            throw .broadcastMismatch(op: "broadcast_to", lhs: shape, rhs: targetShape)
        }
        let zeros = try Tensor(shape: targetShape, repeating: 0)
        return try Tensor.broadcastZip(self, zeros, op: "broadcast_to") { a, _ in a }
    }
}
