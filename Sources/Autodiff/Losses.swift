#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The losses, each a mean over the batch, with closed-form gradients.
///
/// Losses are fused ops rather than compositions of primitives for numerical stability (STYLE.md
/// §4): bce clips probabilities as Keras does, bce_logits and the cross-entropies never take
/// the log of a rounded probability. Targets are constants: they receive no gradient.
public enum Losses {
    /// Keras's `epsilon()`: probabilities are clipped to [ε, 1 − ε] before their log is taken.
    public static let probabilityEpsilon: Float = 1e-7

    /// Mean squared error: L = (1/N) Σ (p − t)². ∂L/∂p = 2(p − t)/N.
    public static func mse(_ prediction: Tensor, _ target: Tensor) throws(TensorError) -> Tensor {
        let t = try aligned(target, to: prediction, op: "mse")
        return fused(.mse, prediction, t, value: { p, t in (p - t) * (p - t) },
                     derivative: { p, t in 2 * (p - t) })
    }

    /// Mean absolute error: L = (1/N) Σ |p − t|. ∂L/∂p = sign(p − t)/N.
    public static func mae(_ prediction: Tensor, _ target: Tensor) throws(TensorError) -> Tensor {
        let t = try aligned(target, to: prediction, op: "mae")
        return fused(.mae, prediction, t, value: { p, t in Swift.abs(p - t) },
                     derivative: { p, t in p > t ? 1 : (p < t ? -1 : 0) })
    }

    /// Binary cross-entropy on probabilities p = clip(p, ε, 1 − ε):
    /// L = −(1/N) Σ [t·ln p + (1 − t)·ln(1 − p)]. ∂L/∂p = (p − t) / (p(1 − p)) / N.
    public static func bce(_ probabilities: Tensor, _ target: Tensor) throws(TensorError) -> Tensor {
        let t = try aligned(target, to: probabilities, op: "bce")
        let eps = probabilityEpsilon
        return fused(.bce, probabilities, t, value: { p, t in
            let q = Swift.min(Swift.max(p, eps), 1 - eps)
            return -(t * logf(q) + (1 - t) * logf(1 - q))
        }, derivative: { p, t in
            let q = Swift.min(Swift.max(p, eps), 1 - eps)
            return (q - t) / (q * (1 - q))
        })
    }

    /// Binary cross-entropy on logits z, in the stable form
    /// L = (1/N) Σ [max(z, 0) − z·t + ln(1 + e^−|z|)]. ∂L/∂z = (σ(z) − t)/N.
    public static func bceLogits(_ logits: Tensor, _ target: Tensor) throws(TensorError) -> Tensor {
        let t = try aligned(target, to: logits, op: "bce_logits")
        return fused(.bceLogits, logits, t, value: { z, t in
            Swift.max(z, 0) - z * t + log1pf(expf(-Swift.abs(z)))
        }, derivative: { z, t in stableSigmoid(z) - t })
    }

    /// Cross-entropy of logits `[n, k]` against class indices `[n]` (PyTorch's `cross_entropy`):
    /// L = −(1/n) Σᵢ log softmax(zᵢ)[yᵢ]. ∂L/∂z = (softmax(z) − onehot(y))/n.
    public static func crossEntropy(_ logits: Tensor, _ classes: Tensor) throws(TensorError) -> Tensor {
        guard logits.rank == 2 else {
            throw .rankMismatch(op: "cross_entropy", expected: "logits of shape [n, classes]", shape: logits.shape)
        }
        try requireRows(logits, op: "cross_entropy")
        let n = logits.shape[0], k = logits.shape[1]
        let labels = classes.rank == 2 && classes.shape[1] == 1 ? classes.withShape([classes.count]) : classes
        guard labels.shape == [n] else {
            throw .broadcastMismatch(op: "cross_entropy", lhs: logits.shape, rhs: classes.shape)
        }
        var indices = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let v = labels.storage.base[i]
            guard v >= 0, v < Float(k), v == v.rounded() else {
                throw .invalidArgument("cross_entropy: target \(v) in row \(i) is not a class index from 0 to \(k - 1)")
            }
            indices[i] = Int(v)
        }
        let logProbs = logits.softmaxValues(try ReductionGeometry(shape: logits.shape, axis: 1), log: true)
        var total = 0.0
        for i in 0..<n { total -= Double(logProbs.storage.base[i * k + indices[i]]) }
        let loss = Tensor(Float(total / Double(Swift.max(n, 1))))
        guard logits.requiresGrad else { return loss }
        return Tensor.record(.crossEntropy, inputs: logits, labels.detached, output: loss) { g, _ in
            let scale = g.storage.base[0] / Float(Swift.max(n, 1))
            let dz = logProbs.map { expf($0) * scale }
            for i in 0..<n { dz.storage.base[i * k + indices[i]] -= scale }
            return Contributions(dz, nil)
        }
    }

    /// Categorical cross-entropy of probabilities `[n, k]` against one-hot (or soft) targets,
    /// as Keras computes it: L = −(1/n) Σᵢ Σⱼ tᵢⱼ ln clip(pᵢⱼ, ε, 1 − ε). ∂L/∂p = −t/p/n.
    public static func categoricalCrossEntropy(_ probabilities: Tensor, _ target: Tensor) throws(TensorError) -> Tensor {
        guard probabilities.rank == 2, target.shape == probabilities.shape else {
            throw .broadcastMismatch(op: "categorical_cross_entropy", lhs: probabilities.shape, rhs: target.shape)
        }
        try requireRows(probabilities, op: "categorical_cross_entropy")
        let k = probabilities.shape[1]
        let eps = probabilityEpsilon
        // Summing over classes then averaging over rows is k times the elementwise mean.
        return fused(.categoricalCrossEntropy, probabilities, target, value: { p, t in
            -t * logf(Swift.min(Swift.max(p, eps), 1 - eps))
        }, derivative: { p, t in -t / Swift.min(Swift.max(p, eps), 1 - eps) }, scale: Float(k))
    }

    // MARK: Helpers

    /// A loss that is the mean of `value(p, t)` over all elements, times `scale`;
    /// ∂L/∂p = scale · derivative(p, t) / N.
    @inline(__always)
    static func fused(
        _ op: Op, _ prediction: Tensor, _ target: Tensor,
        value: (Float, Float) -> Float, derivative: @escaping (Float, Float) -> Float,
        scale: Float = 1
    ) -> Tensor {
        let n = prediction.count
        let p = prediction.storage.base, t = target.storage.base
        var total = 0.0
        for i in 0..<n { total += Double(value(p[i], t[i])) }
        let loss = Tensor(Float(total * Double(scale) / Double(Swift.max(n, 1))))
        guard prediction.requiresGrad else { return loss }
        return Tensor.record(op, inputs: prediction, target.detached, output: loss) { g, node in
            let pv = node.inputs[0], tv = node.inputs[1]
            let factor = g.storage.base[0] * scale / Float(Swift.max(n, 1))
            let d = Tensor(uninitializedShape: pv.shape)
            for i in 0..<n { d.storage.base[i] = factor * derivative(pv.storage.base[i], tv.storage.base[i]) }
            return Contributions(d, nil)
        }
    }

    /// The target in the prediction's shape. A `[n]` target against a `[n, 1]` prediction (and
    /// the reverse) is reshaped, never broadcast to `[n, n]` (SPEC §7); other shapes must match.
    static func aligned(_ target: Tensor, to prediction: Tensor, op: String) throws(TensorError) -> Tensor {
        try requireRows(prediction, op: op)
        if target.shape == prediction.shape { return target.detached }
        let squeezedP = prediction.shape.filter { $0 != 1 }
        let squeezedT = target.shape.filter { $0 != 1 }
        guard target.count == prediction.count, squeezedP == squeezedT else {
            throw .broadcastMismatch(op: op, lhs: prediction.shape, rhs: target.shape)
        }
        return target.detached.withShape(prediction.shape)
    }

    /// A loss is a mean over the rows, and a mean over none has no value: an error, where
    /// PyTorch returns NaN (which would then spread silently into every gradient) and where
    /// dividing by max(n, 1) would report a perfect 0.
    static func requireRows(_ prediction: Tensor, op: String) throws(TensorError) {
        guard prediction.count > 0 else {
            throw .invalidArgument("\(op): the prediction has no rows (shape \(prediction.shape)); a mean over zero rows has no value")
        }
    }
}

// MARK: Rules

/// The losses' formulas and replay. The target is the second input, a constant.
struct MSERule: OpRule {
    var name: String { "mse" }
    func formula(_ x: OpOperands) -> String { "mean((\(x.a) − \(x.b))²)" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { index == 0 ? "2(\(x.a) − \(x.b))/n" : "−2(\(x.a) − \(x.b))/n" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Losses.mse(x.a, x.b) }
}

struct MAERule: OpRule {
    var name: String { "mae" }
    func formula(_ x: OpOperands) -> String { "mean(|\(x.a) − \(x.b)|)" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "sign(\(x.a) − \(x.b))/n" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Losses.mae(x.a, x.b) }
}

struct BCERule: OpRule {
    var name: String { "bce" }
    func formula(_ x: OpOperands) -> String { "bce(\(x.a), \(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "(\(x.a) − \(x.b)) / (\(x.a)(1 − \(x.a))·n)" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Losses.bce(x.a, x.b) }
}

struct BCELogitsRule: OpRule {
    var name: String { "bce_logits" }
    func formula(_ x: OpOperands) -> String { "bce(σ(\(x.a)), \(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "(σ(\(x.a)) − \(x.b))/n" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Losses.bceLogits(x.a, x.b) }
}

struct CrossEntropyRule: OpRule {
    var name: String { "cross_entropy" }
    func formula(_ x: OpOperands) -> String { "cross_entropy(\(x.a), \(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "(softmax(\(x.a)) − onehot(\(x.b)))/n" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Losses.crossEntropy(x.a, x.b) }
}

struct CategoricalCrossEntropyRule: OpRule {
    var name: String { "categorical_cross_entropy" }
    func formula(_ x: OpOperands) -> String { "categorical_cross_entropy(\(x.a), \(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "−\(x.b)/(\(x.a)·n)" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Losses.categoricalCrossEntropy(x.a, x.b) }
}
