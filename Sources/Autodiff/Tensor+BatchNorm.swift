#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What batch normalization computed in training: the normalized output and the batch
/// statistics it used, so that a layer can update its moving averages from them.
public struct BatchNormResult {
    /// γ ⊙ x̂ + β, the shape of x.
    public let output: Tensor
    /// The batch mean of each channel, `[c]`.
    public let mean: Tensor
    /// The biased batch variance of each channel (divided by m, as the normalization uses it), `[c]`.
    public let variance: Tensor
    /// m, the values per channel (n for `[n, f]`, n·h·w for `[n, c, h, w]`): a layer that keeps
    /// PyTorch's unbiased running variance multiplies `variance` by m/(m − 1).
    public let count: Int
}

/// Batch normalization in training mode (Ioffe & Szegedy, 2015), one fused op.
///
/// Fused rather than built from mean, subtract, divide and sqrt: the closed-form backward is
/// one pass over the batch instead of a dozen recorded nodes, and it is the form people derive
/// by hand (`explain batchnorm`).
extension Tensor {
    /// Normalizes each channel of x over the batch (and the spatial positions), then scales
    /// and shifts it:
    ///
    ///     μ_c = (1/m) Σ x,  σ²_c = (1/m) Σ (x − μ_c)²,  x̂ = (x − μ_c) / √(σ²_c + ε),  y = γ_c·x̂ + β_c
    ///
    /// with the backward, δ = ∂L/∂y and sums over the m values of channel c:
    ///
    ///     ∂L/∂β_c = Σ δ,  ∂L/∂γ_c = Σ δ·x̂,  ∂L/∂x = γ_c / (m·√(σ²_c + ε)) · (m·δ − Σ δ − x̂·Σ δ·x̂)
    ///
    /// Shapes: x `[n, f]` (channels are features) or `[n, c, h, w]`; γ and β `[c]`.
    /// One value per channel (m = 1) is an error, as in PyTorch: its x̂ is 0 whatever x is.
    public static func batchNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Float) throws(TensorError) -> BatchNormResult {
        guard x.rank == 2 || x.rank == 4 else {
            throw .rankMismatch(op: "batchnorm", expected: "x of shape [n, features] or [n, channels, height, width]", shape: x.shape)
        }
        let c = x.shape[1]
        let layout = NormalizationLayout(channels: c, outer: x.shape[0], inner: x.rank == 4 ? x.shape[2] * x.shape[3] : 1)
        try checkScaleAndShift(gamma, beta, size: c, op: "batchnorm", what: "channels")
        try checkEpsilon(eps, op: "batchnorm")
        let m = layout.outer * layout.inner
        guard m > 1 else {
            throw .invalidArgument("batchnorm: x of shape \(x.shape) has \(m) value per channel; batch statistics need at least 2 "
                + "(with one, x̂ = 0 whatever x is): use a batch of 2 or more rows")
        }
        let xhat = Tensor(uninitializedShape: x.shape), y = Tensor(uninitializedShape: x.shape)
        var means = [Float](repeating: 0, count: c), variances = means, inverseStd = means
        let xv = x.storage.base, g = gamma.storage.base, b = beta.storage.base
        for ch in 0..<c {
            var total = 0.0
            layout.forEach(channel: ch) { total += Double(xv[$0]) }
            let mean = total / Double(m)
            var squares = 0.0
            layout.forEach(channel: ch) { let d = Double(xv[$0]) - mean; squares += d * d }
            let variance = squares / Double(m)
            let inv = 1 / (variance + Double(eps)).squareRoot()
            layout.forEach(channel: ch) { i in
                let h = Float((Double(xv[i]) - mean) * inv)
                xhat.storage.base[i] = h
                y.storage.base[i] = g[ch] * h + b[ch]
            }
            means[ch] = Float(mean)
            variances[ch] = Float(variance)
            inverseStd[ch] = Float(inv)
        }
        let statistics = (mean: Tensor(means), variance: Tensor(variances))
        guard x.requiresGrad || gamma.requiresGrad || beta.requiresGrad else {
            return BatchNormResult(output: y, mean: statistics.mean, variance: statistics.variance, count: m)
        }
        let output = Tensor.record(.batchNorm(eps: eps), inputs: [x, gamma, beta], output: y) { delta, node in
            let d = delta.storage.base, h = xhat.storage.base, gv = node.inputElements(1)
            let dx = Tensor(uninitializedShape: xhat.shape)
            var dGamma = [Float](repeating: 0, count: c), dBeta = dGamma
            for ch in 0..<c {
                var sum = 0.0, dot = 0.0
                layout.forEach(channel: ch) { i in sum += Double(d[i]); dot += Double(d[i]) * Double(h[i]) }
                dBeta[ch] = Float(sum)
                dGamma[ch] = Float(dot)
                let scale = Double(gv[ch]) * Double(inverseStd[ch]) / Double(m)
                layout.forEach(channel: ch) { i in
                    dx.storage.base[i] = Float(scale * (Double(m) * Double(d[i]) - sum - Double(h[i]) * dot))
                }
            }
            return Contributions([dx, Tensor(dGamma), Tensor(dBeta)])
        }
        return BatchNormResult(output: output, mean: statistics.mean, variance: statistics.variance, count: m)
    }

    /// γ and β must be vectors of one value per channel (or feature).
    static func checkScaleAndShift(_ gamma: Tensor, _ beta: Tensor, size: Int, op: String, what: String) throws(TensorError) {
        for (name, t) in [("gamma", gamma), ("beta", beta)] where t.shape != [size] {
            throw .invalidArgument("\(op): \(name) has shape \(t.shape); it needs one value per \(what.dropLast()), shape [\(size)]")
        }
    }

    /// ε keeps √(σ² + ε) away from 0 when a channel is constant (σ² = 0); zero, a negative or
    /// a non-finite ε would not.
    static func checkEpsilon(_ eps: Float, op: String) throws(TensorError) {
        guard eps.isFinite, eps > 0 else {
            throw .invalidArgument("\(op): eps must be a finite number > 0 (Keras uses 0.001, PyTorch 1e-5), got \(eps)")
        }
    }
}

/// Where the values of one channel sit in a row-major `[outer, channels, inner]` tensor:
/// `[n, f]` is `[n, f, 1]`, `[n, c, h, w]` is `[n, c, h·w]`.
struct NormalizationLayout {
    let channels: Int, outer: Int, inner: Int

    /// Calls `body` with the flat offset of every value of channel `ch`.
    @inline(__always)
    func forEach(channel ch: Int, _ body: (Int) -> Void) {
        for o in 0..<outer {
            let start = (o * channels + ch) * inner
            for s in 0..<inner { body(start + s) }
        }
    }
}

/// batchnorm's formulas and replay (in training: the batch's statistics).
struct BatchNormRule: OpRule {
    let eps: Float
    var name: String { "batchnorm" }
    func formula(_ x: OpOperands) -> String { "batchnorm(\(x.names.joined(separator: ", ")))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String {
        switch index {
        case 0: "γ/(m·σ)·(m·δ − Σδ − x̂·Σδ·x̂) per channel"
        case 1: "Σ δ ⊙ x̂ over the batch"
        default: "Σ δ over the batch"
        }
    }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor {
        try Tensor.batchNorm(x.a, gamma: x.b, beta: x.c, eps: eps).output
    }
}
