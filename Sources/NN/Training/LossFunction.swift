import Autodiff

/// The losses a model can be compiled with (docs/language.md, "Layers and models"), each a mean over the batch.
public enum LossFunction: String, Sendable, CaseIterable {
    case mse, mae, bce
    case bceLogits = "bce_logits"
    case crossEntropy = "cross_entropy"
    case categoricalCrossEntropy = "categorical_cross_entropy"

    /// The loss of `prediction` against `target`.
    public func callAsFunction(_ prediction: Tensor, _ target: Tensor) throws(TensorError) -> Tensor {
        switch self {
        case .mse: try Losses.mse(prediction, target)
        case .mae: try Losses.mae(prediction, target)
        case .bce: try Losses.bce(prediction, target)
        case .bceLogits: try Losses.bceLogits(prediction, target)
        case .crossEntropy: try Losses.crossEntropy(prediction, target)
        case .categoricalCrossEntropy: try Losses.categoricalCrossEntropy(prediction, target)
        }
    }

    /// The loss on the last layer's pre-activation when that is more stable and equal in value:
    /// bce after σ is bce_logits, cross-entropy (class indices or one-hot) after softmax is the
    /// fused log-softmax form (Keras does the same under the hood). Nil when no fusion applies.
    func fused(logits: Tensor, activation: Activation, target: Tensor) throws(TensorError) -> Tensor? {
        switch (self, activation) {
        case (.bce, .sigmoid):
            return try Losses.bceLogits(logits, target)
        case (.crossEntropy, .softmax):
            // cross_entropy takes logits: given the softmax's own input, softmax runs once.
            return try Losses.crossEntropy(logits, target)
        case (.categoricalCrossEntropy, .softmax):
            let logProbs = try logits.logSoftmax(axis: -1)
            let t = target.detached
            guard t.shape == logProbs.shape else {
                throw .broadcastMismatch(op: rawValue, lhs: logits.shape, rhs: target.shape)
            }
            let n = Float(Swift.max(logits.shape.first ?? 1, 1))
            return try -((logProbs * t).sum() / n)
        default:
            return nil
        }
    }
}
