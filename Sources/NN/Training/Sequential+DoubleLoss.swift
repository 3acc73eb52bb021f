import Autodiff
#if canImport(Glibc)
import Glibc
#endif

/// The compiled loss of a model computed in Float64 by plain loops: the slow, obviously
/// correct twin of the float32 engine (every fast path has one), used by `gradcheck model data`.
///
/// float32 finite differences of a model's loss cannot separate a relu kink a few rows away
/// from a real disagreement (their noise is about ε·|L|/h); in Float64 a central difference
/// with h = 1e-6 is accurate to ~1e-9 and a kink is crossed only when a pre-activation is
/// within 1e-6 of zero.
extension Sequential {
    /// The loss with the given param values (row-major, in `parameters` order), in Float64.
    public func doublePrecisionLoss(parameters values: [[Double]], x: Tensor, y: Tensor) throws(NNError) -> Double {
        guard let compilation else { throw .notCompiled }
        let rows = x.shape.first ?? 0
        var h = x.scalars.map(Double.init)
        var width = inputSize
        var k = 0
        var lastActivation = Activation.linear
        var logits: [Double] = []
        for (i, layer) in layers.enumerated() {
            switch layer {
            case .dense(let d):
                let w = values[k], b = d.useBias ? values[k + 1] : [Double](repeating: 0, count: d.units)
                k += layer.namedParameters.count
                var z = [Double](repeating: 0, count: rows * d.units)
                for r in 0..<rows {
                    for j in 0..<d.units {
                        var s = b[j]
                        for p in 0..<width { s += h[r * width + p] * w[p * d.units + j] }
                        z[r * d.units + j] = s
                    }
                }
                width = d.units
                if i == layers.count - 1 { logits = z; lastActivation = d.activation }
                h = Sequential.apply(d.activation, z, width: width)
            case .conv2d, .pooling, .flatten, .batchnorm, .layernorm, .embedding:
                // No Float64 twin of these layers yet: refuse rather than compute a wrong loss.
                throw .invalidLayerArgument(layer: layer.name,
                                            message: "the Float64 loss of gradcheck model data does not know \(layer.kind.name) layers yet; "
                                                + "after train_step model x y, gradcheck loss model[0].W checks the recorded graph")
            case .dropout:
                continue
            case .activation(let a, _):
                if i == layers.count - 1 { logits = h; lastActivation = a }
                h = Sequential.apply(a, h, width: width)
            }
        }
        let t = y.scalars.map(Double.init)
        let n = Double(Swift.max(rows, 1))
        switch (compilation.loss, lastActivation) {
        case (.bce, .sigmoid), (.bceLogits, _):
            let z = compilation.loss == .bceLogits ? h : logits
            return zip(z, t).reduce(0) { $0 + Swift.max($1.0, 0) - $1.0 * $1.1 + log1p(exp(-Swift.abs($1.0))) } / Double(z.count)
        case (.categoricalCrossEntropy, .softmax):
            let logProbs = Sequential.logSoftmax(logits, width: width)
            return -zip(logProbs, t).reduce(0) { $0 + $1.0 * $1.1 } / n
        case (.crossEntropy, .softmax), (.crossEntropy, _):
            // After a softmax layer the loss takes its logits (softmax once, as in float32).
            let logProbs = Sequential.logSoftmax(lastActivation == .softmax ? logits : h, width: width)
            return -(0..<rows).reduce(0) { $0 + logProbs[$1 * width + Int(t[$1])] } / n
        case (.mse, _):
            return zip(h, t).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(h.count)
        case (.mae, _):
            return zip(h, t).reduce(0) { $0 + Swift.abs($1.0 - $1.1) } / Double(h.count)
        case (.bce, _):
            let eps = Double(Losses.probabilityEpsilon)
            return -zip(h, t).reduce(0) { s, pt in
                let p = Swift.min(Swift.max(pt.0, eps), 1 - eps)
                return s + pt.1 * log(p) + (1 - pt.1) * log(1 - p)
            } / Double(h.count)
        case (.categoricalCrossEntropy, _):
            let eps = Double(Losses.probabilityEpsilon)
            return -zip(h, t).reduce(0) { $0 + $1.1 * log(Swift.min(Swift.max($1.0, eps), 1 - eps)) } / n
        }
    }

    static func apply(_ a: Activation, _ z: [Double], width: Int) -> [Double] {
        switch a {
        case .linear: return z
        case .relu: return z.map { $0 > 0 ? $0 : 0 }
        case .leakyRelu: return z.map { $0 > 0 ? $0 : 0.01 * $0 }
        case .sigmoid: return z.map { 1 / (1 + exp(-$0)) }
        case .tanh: return z.map { Glibc.tanh($0) }
        case .gelu: return z.map { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }
        case .softmax: return logSoftmax(z, width: width).map { exp($0) }
        }
    }

    static func logSoftmax(_ z: [Double], width: Int) -> [Double] {
        var out = z
        for r in 0..<(z.count / Swift.max(width, 1)) {
            let row = z[(r * width)..<((r + 1) * width)]
            let m = row.max() ?? 0
            let lse = m + log(row.reduce(0) { $0 + exp($1 - m) })
            for j in 0..<width { out[r * width + j] = z[r * width + j] - lse }
        }
        return out
    }
}
