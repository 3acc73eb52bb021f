/// Differentiable changes of shape: reshape, transpose, broadcast, and adding/removing size-1 axes.
extension Tensor {
    /// The same elements in a new shape; one dimension may be -1 (inferred).
    /// The pullback reshapes the gradient back.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        let target = try resolveReshape(newShape)
        if target == shape { return self }
        let y = withShape(target)
        guard requiresGrad else { return y }
        let inputShape = shape
        return Tensor.record(.reshape, inputs: self, output: y) { g, _ in Contributions(g.withShape(inputShape)) }
    }

    /// `newShape` with a -1 filled in, after checking it holds exactly `count` elements.
    private func resolveReshape(_ newShape: [Int]) throws(TensorError) -> [Int] {
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else {
            throw .invalidReshape(from: shape, to: newShape)
        }
        var known = 1
        for d in newShape where d != -1 {
            let (p, overflow) = known.multipliedReportingOverflow(by: d)
            guard !overflow else { throw .invalidReshape(from: shape, to: newShape) }
            known = p
        }
        var target = newShape
        if let i = inferred.first {
            guard known > 0, count % known == 0 else { throw .invalidReshape(from: shape, to: newShape) }
            target[i] = count / known
        } else if known != count {
            throw .invalidReshape(from: shape, to: newShape)
        }
        _ = try ShapeMath.extentCount(target)   // [0, 5] → [0, 10¹²] holds nothing, but is too large all the same
        return target
    }

    /// The axes permuted: output axis i is input axis `permutation[i]`. With no permutation the
    /// axes are reversed (NumPy's `.T`; a matrix is transposed, a vector unchanged).
    public func transposed(_ permutation: [Int]? = nil) throws(TensorError) -> Tensor {
        let perm = permutation ?? Array((0..<rank).reversed())
        guard perm.count == rank, Set(perm) == Set(0..<rank) else {
            throw .invalidShape(perm)
        }
        if perm == Array(0..<rank) { return self }
        let y = permuteValues(perm)
        guard requiresGrad else { return y }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return Tensor.record(.transpose(permutation: perm), inputs: self, output: y) { g, _ in
            Contributions(g.permuteValues(inverse))
        }
    }

    /// Copies the elements into the permuted layout (a 2-D transpose goes by blocks so that both
    /// sides stay in cache).
    func permuteValues(_ perm: [Int]) -> Tensor {
        let outShape = perm.map { shape[$0] }
        let result = Tensor(uninitializedShape: outShape)
        let src = storage.base, dst = result.storage.base
        if rank == 2 {
            let rows = shape[0], cols = shape[1], block = 32
            for i0 in stride(from: 0, to: rows, by: block) {
                for j0 in stride(from: 0, to: cols, by: block) {
                    for i in i0..<Swift.min(i0 + block, rows) {
                        for j in j0..<Swift.min(j0 + block, cols) { dst[j * rows + i] = src[i * cols + j] }
                    }
                }
            }
            return result
        }
        let inStrides = ShapeMath.strides(shape)
        let srcStrides = perm.map { inStrides[$0] }
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        for out in 0..<count {
            dst[out] = src[offset]
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                offset += srcStrides[axis]
                if index[axis] < outShape[axis] { break }
                offset -= srcStrides[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    /// The values repeated along broadcast axes to `targetShape` (NumPy's `broadcast_to`).
    /// The pullback sums the gradient back (see `unbroadcast(to:)`).
    public func broadcast(to targetShape: [Int]) throws(TensorError) -> Tensor {
        if targetShape == shape { return self }
        let y = try broadcastValues(to: targetShape)
        guard requiresGrad else { return y }
        return Tensor.record(.broadcast, inputs: self, output: y) { g, _ in Contributions(g) }
    }

    /// Sums a gradient of a broadcast shape back to `targetShape`: over the leading axes that
    /// broadcasting added, and over axes where `targetShape` has 1.
    public func unbroadcast(to targetShape: [Int]) throws(TensorError) -> Tensor {
        if shape == targetShape { return self }
        var g = detached
        while g.rank > targetShape.count { g = try g.sum(axis: 0) }
        for axis in 0..<targetShape.count where targetShape[axis] == 1 && g.shape[axis] != 1 {
            g = try g.sum(axis: axis, keepDims: true)
        }
        guard g.shape == targetShape else {
            throw .gradientShapeMismatch(expected: targetShape, got: shape)
        }
        return g
    }

    /// A size-1 axis inserted at `axis` (which may be `rank`, or negative).
    public func expandingDims(axis: Int) throws(TensorError) -> Tensor {
        let a = try ShapeMath.normalizeAxis(axis, rank: rank + 1)
        var newShape = shape
        newShape.insert(1, at: a)
        return try reshaped(newShape)
    }

    /// Size-1 axes removed (all of them, or just `axis`).
    public func squeezed(axis: Int? = nil) throws(TensorError) -> Tensor {
        if let axis {
            let a = try ShapeMath.normalizeAxis(axis, rank: rank)
            guard shape[a] == 1 else { throw .invalidReshape(from: shape, to: shape.filter { $0 != 1 }) }
            var newShape = shape
            newShape.remove(at: a)
            return try reshaped(newShape)
        }
        return try reshaped(shape.filter { $0 != 1 })
    }
}

// MARK: Rules

struct ReshapeRule: OpRule {
    var name: String { "reshape" }
    func formula(_ x: OpOperands) -> String { "reshape(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "reshape⁻¹" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.reshaped(outputShape) }
}

struct TransposeRule: OpRule {
    let permutation: [Int]
    var name: String { "transpose" }
    func formula(_ x: OpOperands) -> String { "\(factor(x.a))ᵀ" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "transpose back" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.transposed(permutation) }
}

struct BroadcastRule: OpRule {
    var name: String { "broadcast" }
    func formula(_ x: OpOperands) -> String { "broadcast(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "Σ over the broadcast axes" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.broadcast(to: outputShape) }
}
