#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax and log-softmax along an axis, computed with the max subtracted so eˣ never overflows.
extension Tensor {
    /// softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m), m = maxⱼ xⱼ.
    /// ∂L/∂x = y ⊙ (g − Σ(g ⊙ y)) along the axis.
    public func softmax(axis: Int = -1) throws(TensorError) -> Tensor {
        let geo = try ReductionGeometry(shape: shape, axis: axis)
        let y = softmaxValues(geo, log: false)
        guard requiresGrad else { return y }
        let a = try ShapeMath.normalizeAxis(axis, rank: rank)
        return Tensor.record(.softmax(axis: a), inputs: self, output: y) { g, n in
            let yv = n.output
            let dx = Tensor(uninitializedShape: yv.shape)
            Tensor.forEachLane(geo) { offset, stride in
                var dot: Float = 0
                for k in 0..<geo.size { dot += g.storage.base[offset + k * stride] * yv.storage.base[offset + k * stride] }
                for k in 0..<geo.size {
                    let i = offset + k * stride
                    dx.storage.base[i] = yv.storage.base[i] * (g.storage.base[i] - dot)
                }
            }
            return Contributions(dx)
        }
    }

    /// log softmax(x)ᵢ = xᵢ − m − log Σⱼ e^(xⱼ − m).
    /// ∂L/∂x = g − softmax(x) ⊙ Σ g along the axis.
    public func logSoftmax(axis: Int = -1) throws(TensorError) -> Tensor {
        let geo = try ReductionGeometry(shape: shape, axis: axis)
        let y = softmaxValues(geo, log: true)
        guard requiresGrad else { return y }
        let a = try ShapeMath.normalizeAxis(axis, rank: rank)
        return Tensor.record(.logSoftmax(axis: a), inputs: self, output: y) { g, n in
            let yv = n.output
            let dx = Tensor(uninitializedShape: yv.shape)
            Tensor.forEachLane(geo) { offset, stride in
                var total: Float = 0
                for k in 0..<geo.size { total += g.storage.base[offset + k * stride] }
                for k in 0..<geo.size {
                    let i = offset + k * stride
                    dx.storage.base[i] = g.storage.base[i] - expf(yv.storage.base[i]) * total
                }
            }
            return Contributions(dx)
        }
    }

    /// The forward values of softmax or log-softmax.
    func softmaxValues(_ geo: ReductionGeometry, log: Bool) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let x = storage.base, out = y.storage.base
        Tensor.forEachLane(geo) { offset, stride in
            var m = -Float.infinity
            for k in 0..<geo.size { m = Swift.max(m, x[offset + k * stride]) }
            if !m.isFinite { m = 0 }  // all −∞ (or +∞/NaN present): let the arithmetic show it
            var total: Float = 0
            for k in 0..<geo.size { total += expf(x[offset + k * stride] - m) }
            let logTotal = logf(total)
            for k in 0..<geo.size {
                let i = offset + k * stride
                out[i] = log ? x[i] - m - logTotal : expf(x[i] - m) / total
            }
        }
        return y
    }

    /// Calls `body(firstOffset, stride)` for every lane along the geometry's axis.
    static func forEachLane(_ geo: ReductionGeometry, _ body: (Int, Int) -> Void) {
        for o in 0..<geo.outer {
            for j in 0..<geo.inner { body(o * geo.size * geo.inner + j, geo.inner) }
        }
    }
}

// MARK: Rules

struct SoftmaxRule: OpRule {
    let axis: Int
    var name: String { "softmax" }
    func formula(_ x: OpOperands) -> String { "softmax(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "diag(s) − s·sᵀ, s = softmax(\(x.a))" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.softmax(axis: axis) }
}

struct LogSoftmaxRule: OpRule {
    let axis: Int
    var name: String { "log_softmax" }
    func formula(_ x: OpOperands) -> String { "log_softmax(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "I − softmax(\(x.a))" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a.logSoftmax(axis: axis) }
}
