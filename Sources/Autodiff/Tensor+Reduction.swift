#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a tensor splits around one axis for a reduction: `outer × size × inner`.
struct ReductionGeometry {
    let outer: Int, size: Int, inner: Int
    /// The result's shape without the axis, and with it kept as 1.
    let reducedShape: [Int], keptShape: [Int]

    init(shape: [Int], axis: Int?) throws(TensorError) {
        guard let axis else {
            outer = 1; size = ShapeMath.count(shape); inner = 1
            reducedShape = []; keptShape = [Int](repeating: 1, count: shape.count)
            return
        }
        let a = try ShapeMath.normalizeAxis(axis, rank: shape.count)
        outer = ShapeMath.count(Array(shape[..<a]))
        size = shape[a]
        inner = ShapeMath.count(Array(shape[(a + 1)...]))
        var reduced = shape
        reduced.remove(at: a)
        reducedShape = reduced
        var kept = shape
        kept[a] = 1
        keptShape = kept
    }
}

/// Reductions over all elements or one axis, each with its pullback.
///
/// Sums accumulate in Double: a float32 running sum over a million rows (the mean in
/// `standardize`) would otherwise lose digits that people see.
extension Tensor {
    /// The sum over `axis` (all elements when nil). ∂/∂x = 1, broadcast back.
    public func sum(axis: Int? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        let geo = try ReductionGeometry(shape: shape, axis: axis)
        let y = reduceSum(geo, scale: 1).withShape(keepDims ? geo.keptShape : geo.reducedShape)
        guard requiresGrad else { return y }
        let inputShape = shape
        return Tensor.record(.sum(axis: axis), inputs: self, output: y) { g, _ throws(TensorError) in
            Contributions(try g.withShape(geo.keptShape).broadcastValues(to: inputShape))
        }
    }

    /// The mean over `axis` (all elements when nil). ∂/∂x = 1/n, broadcast back.
    public func mean(axis: Int? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        let geo = try ReductionGeometry(shape: shape, axis: axis)
        let scale = geo.size == 0 ? Float.nan : 1 / Float(geo.size)
        let y = reduceSum(geo, scale: scale).withShape(keepDims ? geo.keptShape : geo.reducedShape)
        guard requiresGrad else { return y }
        let inputShape = shape
        return Tensor.record(.mean(axis: axis), inputs: self, output: y) { g, _ throws(TensorError) in
            Contributions(try g.withShape(geo.keptShape).broadcastValues(to: inputShape).map { $0 * scale })
        }
    }

    /// The largest element over `axis`. The gradient flows to the first maximum only.
    public func max(axis: Int? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        try extremum(axis: axis, keepDims: keepDims, op: .max(axis: axis), name: "max", >)
    }

    /// The smallest element over `axis`. The gradient flows to the first minimum only.
    public func min(axis: Int? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        try extremum(axis: axis, keepDims: keepDims, op: .min(axis: axis), name: "min", <)
    }

    /// The index of the first largest element over `axis` (a flat index when nil), as floats.
    /// Not differentiable.
    public func argmax(axis: Int? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        let geo = try ReductionGeometry(shape: shape, axis: axis)
        guard geo.size > 0 else { throw .emptyReduction(op: "argmax", shape: shape) }
        let indices = extremumIndices(geo, >)
        let y = Tensor(uninitializedShape: keepDims ? geo.keptShape : geo.reducedShape)
        for (i, index) in indices.enumerated() { y.storage.base[i] = Float(index) }
        return y
    }

    /// The Euclidean norm over `axis`: √Σx². ∂/∂x = x/‖x‖ (0 where the norm is 0).
    public func norm(axis: Int? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        let geo = try ReductionGeometry(shape: shape, axis: axis)
        let squares = map { $0 * $0 }
        let y = squares.reduceSum(geo, scale: 1).map { sqrtf($0) }
            .withShape(keepDims ? geo.keptShape : geo.reducedShape)
        guard requiresGrad else { return y }
        return Tensor.record(.norm(axis: axis), inputs: self, output: y) { g, n throws(TensorError) in
            let x = n.inputs[0], inputShape = x.shape, yv = n.output.withShape(geo.keptShape)
            let scale = try Tensor.broadcastZip(g.withShape(geo.keptShape), yv, op: "norm") { g, n in
                n == 0 ? 0 : g / n
            }
            return Contributions(try Tensor.broadcastZip(x, scale.broadcastValues(to: inputShape), op: "norm", *))
        }
    }

    // MARK: Kernels

    /// Σ over the geometry's axis, times `scale`, in the reduced layout `outer × inner`.
    func reduceSum(_ geo: ReductionGeometry, scale: Float) -> Tensor {
        let out = Tensor(uninitializedShape: [geo.outer * geo.inner])
        let src = storage.base, dst = out.storage.base
        if geo.inner == 1 {
            for o in 0..<geo.outer {
                var acc = 0.0
                let row = src + o * geo.size
                for k in 0..<geo.size { acc += Double(row[k]) }
                dst[o] = Float(acc * Double(scale))
            }
            return out
        }
        // Through raw pointers: an Array's checks kept the column sums from vectorising.
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: geo.inner)
        defer { acc.deallocate() }
        for o in 0..<geo.outer {
            acc.update(repeating: 0, count: geo.inner)
            for k in 0..<geo.size {
                let row = src + (o * geo.size + k) * geo.inner
                for j in 0..<geo.inner { acc[j] += Double(row[j]) }
            }
            let outRow = dst + o * geo.inner
            for j in 0..<geo.inner { outRow[j] = Float(acc[j] * Double(scale)) }
        }
        return out
    }

    /// For each reduced position, the index along the axis of the first element that beats all
    /// others under `better`. NaN beats everything, so a NaN surfaces instead of hiding.
    func extremumIndices(_ geo: ReductionGeometry, _ better: (Float, Float) -> Bool) -> [Int] {
        var result = [Int](repeating: 0, count: geo.outer * geo.inner)
        let src = storage.base
        for o in 0..<geo.outer {
            for j in 0..<geo.inner {
                let base = o * geo.size * geo.inner + j
                var best = 0
                var bestValue = src[base]
                if !bestValue.isNaN {
                    for k in 1..<Swift.max(geo.size, 1) {
                        let v = src[base + k * geo.inner]
                        if v.isNaN { best = k; break }
                        if better(v, bestValue) { best = k; bestValue = v }
                    }
                }
                result[o * geo.inner + j] = best
            }
        }
        return result
    }

    private func extremum(
        axis: Int?, keepDims: Bool, op: Op, name: String, _ better: @escaping (Float, Float) -> Bool
    ) throws(TensorError) -> Tensor {
        let geo = try ReductionGeometry(shape: shape, axis: axis)
        guard geo.size > 0 else { throw .emptyReduction(op: name, shape: shape) }
        let indices = extremumIndices(geo, better)
        let y = Tensor(uninitializedShape: keepDims ? geo.keptShape : geo.reducedShape)
        let src = storage.base
        for (r, k) in indices.enumerated() {
            let o = r / geo.inner, j = r % geo.inner
            y.storage.base[r] = src[(o * geo.size + k) * geo.inner + j]
        }
        guard requiresGrad else { return y }
        let inputShape = shape
        return Tensor.record(op, inputs: self, output: y) { g, _ in
            let dx = Tensor(zerosOf: inputShape)
            let gp = g.storage.base
            for (r, k) in indices.enumerated() {
                let o = r / geo.inner, j = r % geo.inner
                dx.storage.base[(o * geo.size + k) * geo.inner + j] = gp[r]
            }
            return Contributions(dx)
        }
    }
}

extension Tensor {
    /// Zeros of a shape already known to be valid (internal: gradients of existing tensors).
    init(zerosOf shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage.repeating(0, count: ShapeMath.count(shape)))
    }
}

// MARK: Rules

/// A reduction's formulas and replay; `keepdims` is not recorded, so the replay reshapes the
/// reduced value to the shape the node produced.
struct SumRule: OpRule {
    let axis: Int?
    var name: String { "sum" }
    func formula(_ x: OpOperands) -> String { "Σ\(axisNote(axis)) \(factor(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try x.a.sum(axis: axis).reshaped(outputShape)
    }
}

struct MeanRule: OpRule {
    let axis: Int?
    var name: String { "mean" }
    func formula(_ x: OpOperands) -> String { "mean\(axisNote(axis))(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1/n" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try x.a.mean(axis: axis).reshaped(outputShape)
    }
}

struct MaxRule: OpRule {
    let axis: Int?
    var name: String { "max" }
    func formula(_ x: OpOperands) -> String { "max\(axisNote(axis))(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1 at the max of \(x.a), else 0" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try x.a.max(axis: axis).reshaped(outputShape)
    }
}

struct MinRule: OpRule {
    let axis: Int?
    var name: String { "min" }
    func formula(_ x: OpOperands) -> String { "min\(axisNote(axis))(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1 at the min of \(x.a), else 0" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try x.a.min(axis: axis).reshaped(outputShape)
    }
}

struct NormRule: OpRule {
    let axis: Int?
    var name: String { "norm" }
    func formula(_ x: OpOperands) -> String { "‖\(x.a)‖\(axisNote(axis))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "\(factor(x.a))/‖\(x.a)‖" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try x.a.norm(axis: axis).reshaped(outputShape)
    }
}
