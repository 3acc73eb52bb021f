/// Differentiable joins: `concat` along an existing axis and `stack` along a new one.
extension Tensor {
    /// The tensors joined along `axis`; all other dimensions must agree.
    /// The pullback hands each input its slab of the gradient.
    public static func concat(_ tensors: [Tensor], axis: Int = 0) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument("concat needs at least one tensor") }
        guard first.rank > 0 else { throw .rankMismatch(op: "concat", expected: "tensors of rank ≥ 1", shape: first.shape) }
        let a = try ShapeMath.normalizeAxis(axis, rank: first.rank)
        for t in tensors {
            var lhs = t.shape, rhs = first.shape
            guard lhs.count == rhs.count else {
                throw .joinMismatch(op: "concat", axis: axis, shapes: tensors.map(\.shape))
            }
            lhs[a] = 0; rhs[a] = 0
            guard lhs == rhs else { throw .joinMismatch(op: "concat", axis: axis, shapes: tensors.map(\.shape)) }
        }
        var outShape = first.shape
        var total = 0
        for t in tensors {
            let (sum, overflow) = total.addingReportingOverflow(t.shape[a])
            guard !overflow else { throw .tooLarge(shape: outShape, limit: TensorAllocationLimit.elements) }
            total = sum
        }
        outShape[a] = total
        _ = try ShapeMath.elementCount(outShape)
        let outer = ShapeMath.count(Array(outShape[..<a]))
        let inner = ShapeMath.count(Array(outShape[(a + 1)...]))
        let y = Tensor(uninitializedShape: outShape)
        var column = 0
        for t in tensors {
            let width = t.shape[a] * inner
            for o in 0..<outer {
                (y.storage.base + o * total * inner + column).update(from: t.storage.base + o * width, count: width)
            }
            column += width
        }
        guard tensors.contains(where: \.requiresGrad) else { return y }
        let widths = tensors.map { $0.shape[a] }
        let shapes = tensors.map(\.shape)
        return record(.concat(axis: a), inputs: tensors, output: y) { g, _ in
            var start = 0
            var parts: [Tensor?] = []
            for (w, s) in zip(widths, shapes) {
                let part = Tensor(uninitializedShape: s)
                for o in 0..<outer {
                    (part.storage.base + o * w * inner)
                        .update(from: g.storage.base + o * total * inner + start * inner, count: w * inner)
                }
                parts.append(part)
                start += w
            }
            return Contributions(parts)
        }
    }

    /// The tensors (all of one shape) stacked along a new axis at `axis`.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument("stack needs at least one tensor") }
        guard tensors.allSatisfy({ $0.shape == first.shape }) else {
            throw .joinMismatch(op: "stack", axis: axis, shapes: tensors.map(\.shape))
        }
        let a = try ShapeMath.normalizeAxis(axis, rank: first.rank + 1)
        let expanded = try tensors.map { t throws(TensorError) in try t.expandingDims(axis: a) }
        return try concat(expanded, axis: a)
    }
}

// MARK: Rules

struct ConcatRule: OpRule {
    let axis: Int
    var name: String { "concat" }
    func formula(_ x: OpOperands) -> String { "concat(\(x.names.joined(separator: ", ")))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "the slab of δ for input \(index + 1)" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Tensor.concat(x.all, axis: axis) }
}
