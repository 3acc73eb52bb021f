/// One component of an index expression: `x[1]`, `x[2:5]`, `x[:, 0]`, `x[::-1]`.
public enum TensorIndex: Sendable, Equatable {
    /// A single position; the axis disappears from the result. Negative counts from the end.
    case at(Int)
    /// A NumPy slice: bounds are clamped to the axis, negative bounds count from the end, and
    /// a missing bound means the whole way in the step's direction.
    case range(start: Int?, stop: Int?, step: Int?)

    /// `:` — the whole axis.
    public static let all = TensorIndex.range(start: nil, stop: nil, step: nil)
}

/// How one axis of the source maps to the result.
private struct AxisSelection {
    let start: Int, step: Int, length: Int
    /// False for `.at`: the axis is dropped from the result's shape.
    let keepsAxis: Bool
}

extension Tensor {
    /// The elements selected by `indices` (NumPy basic indexing; missing trailing components
    /// select whole axes). The pullback scatters the gradient back into zeros.
    public func slice(_ indices: [TensorIndex]) throws(TensorError) -> Tensor {
        guard indices.count <= rank else { throw .tooManyIndices(count: indices.count, rank: rank) }
        var selections: [AxisSelection] = []
        selections.reserveCapacity(rank)
        for axis in 0..<rank {
            let component = axis < indices.count ? indices[axis] : .all
            selections.append(try Tensor.select(component, axis: axis, size: shape[axis]))
        }
        let fullShape = selections.map(\.length)
        let outShape = zip(selections, fullShape).compactMap { $0.keepsAxis ? $1 : nil }
        let y = Tensor(uninitializedShape: outShape)
        forEachSelected(selections, fullShape) { out, src in y.storage.base[out] = storage.base[src] }
        guard requiresGrad else { return y }
        let inputShape = shape
        return Tensor.record(.slice(indices), inputs: self, output: y) { g, _ in
            let dx = Tensor(zerosOf: inputShape)
            dx.forEachSelected(selections, fullShape) { out, src in dx.storage.base[src] = g.storage.base[out] }
            return Contributions(dx)
        }
    }

    /// Calls `body(outputOffset, sourceOffset)` for every selected element, in output order.
    private func forEachSelected(
        _ selections: [AxisSelection], _ fullShape: [Int], _ body: (Int, Int) -> Void
    ) {
        let total = ShapeMath.count(fullShape)
        guard total > 0 else { return }
        let strides = ShapeMath.strides(shape)
        var index = [Int](repeating: 0, count: rank)
        var src = zip(selections, strides).reduce(0) { $0 + $1.0.start * $1.1 }
        for out in 0..<total {
            body(out, src)
            var axis = rank - 1
            // Steps are taken only toward an element that exists, and undone as step·(n − 1),
            // a distance within the axis: a step near Int.max never overflows an offset.
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < fullShape[axis] {
                    src += selections[axis].step * strides[axis]
                    break
                }
                src -= selections[axis].step * (index[axis] - 1) * strides[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    private static func select(_ component: TensorIndex, axis: Int, size: Int) throws(TensorError) -> AxisSelection {
        switch component {
        case .at(let i):
            let j = i < 0 ? i + size : i
            guard j >= 0, j < size else { throw .indexOutOfRange(index: i, axis: axis, size: size) }
            return AxisSelection(start: j, step: 1, length: 1, keepsAxis: false)
        case let .range(start, stop, step):
            let step = step ?? 1
            guard step != 0 else { throw .zeroSliceStep(axis: axis) }
            // Python's slice.indices(): clamp each bound into the axis for the step's direction.
            func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                guard let bound else { return fallback }
                let b = bound < 0 ? bound + size : bound
                return step > 0 ? Swift.min(Swift.max(b, 0), size) : Swift.min(Swift.max(b, -1), size - 1)
            }
            let lo = clamp(start, step > 0 ? 0 : size - 1)
            let hi = clamp(stop, step > 0 ? size : -1)
            // ⌈distance / |step|⌉ without forming distance + |step| (an overflow for steps near
            // Int.max) or −step (one for Int.min): the distance is at most the axis size + 1.
            let distance = step > 0 ? hi - lo : lo - hi
            let stride = Int(exactly: step.magnitude) ?? Int.max
            let length = distance > 0 ? (distance - 1) / stride + 1 : 0
            return AxisSelection(start: length > 0 ? lo : 0, step: step, length: length, keepsAxis: true)
        }
    }
}

// MARK: Rules

struct SliceRule: OpRule {
    let indices: [TensorIndex]
    var name: String { "slice" }
    func formula(_ x: OpOperands) -> String { "\(factor(x.a))[…]" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1 on the selected entries, else 0" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.slice(indices) }
}
