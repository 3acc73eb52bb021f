import Autodiff
#if canImport(Glibc)
import Glibc
#endif

extension LossFunction {
    /// The loss in Float64 of a model's output `h` (after its last activation), given also the
    /// last layer's `logits` (before `activation`), against targets `t` (row-major, checked
    /// against the model by the caller). It pairs the loss with the activation exactly as the
    /// float32 loss does (`fused`): bce after σ is bce on logits, cross-entropy after softmax
    /// takes the softmax's input, so softmax runs once.
    func doubleValue(output h: DoubleBatch, logits: DoubleBatch, activation: Activation, targets t: [Double]) -> Double {
        let width = h.width
        let n = Double(Swift.max(h.rows, 1))
        switch (self, activation) {
        case (.bce, .sigmoid), (.bceLogits, _):
            let z = self == .bceLogits ? h.values : logits.values
            return zip(z, t).reduce(0) { $0 + Swift.max($1.0, 0) - $1.0 * $1.1 + log1p(exp(-Swift.abs($1.0))) } / Double(z.count)
        case (.categoricalCrossEntropy, .softmax):
            let logProbs = Activation.doubleLogSoftmax(logits.values, width: width)
            return -zip(logProbs, t).reduce(0) { $0 + $1.0 * $1.1 } / n
        case (.crossEntropy, _):
            let logProbs = Activation.doubleLogSoftmax(activation == .softmax ? logits.values : h.values, width: width)
            return -(0..<h.rows).reduce(0) { $0 + logProbs[$1 * width + Int(t[$1])] } / n
        case (.mse, _):
            return zip(h.values, t).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(h.values.count)
        case (.mae, _):
            return zip(h.values, t).reduce(0) { $0 + Swift.abs($1.0 - $1.1) } / Double(h.values.count)
        case (.bce, _):
            let eps = Double(Losses.probabilityEpsilon)
            return -zip(h.values, t).reduce(0) { s, pt in
                let p = Swift.min(Swift.max(pt.0, eps), 1 - eps)
                return s + pt.1 * log(p) + (1 - pt.1) * log(1 - p)
            } / Double(h.values.count)
        case (.categoricalCrossEntropy, _):
            let eps = Double(Losses.probabilityEpsilon)
            return -zip(h.values, t).reduce(0) { $0 + $1.1 * log(Swift.min(Swift.max($1.0, eps), 1 - eps)) } / n
        }
    }
}
