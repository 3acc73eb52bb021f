import Autodiff

/// A metric reported per epoch next to the loss.
public enum Metric: String, Sendable, CaseIterable {
    /// Binary (one output: predicted 1 when p > 0.5, as Keras's binary accuracy counts; 0.5
    /// itself is a 0) or multiclass (argmax over outputs) accuracy;
    /// targets may be class indices `[n]` or one-hot `[n, k]`.
    case accuracy
    case mse, mae

    /// The metric summed over the rows of one batch (divide by the row count for the mean),
    /// from predictions `[n, outputs]` (after the final activation) and targets.
    public func batchTotal(prediction p: Tensor, target t: Tensor) -> Double {
        let rows = p.shape.first ?? 1
        let width = p.rank >= 2 ? p.shape[1] : 1
        return p.withUnsafeBufferPointer { pp in
            t.withUnsafeBufferPointer { tp -> Double in
                switch self {
                case .accuracy:
                    var correct = 0
                    let oneHot = tp.count == pp.count && width > 1
                    for i in 0..<rows {
                        let predicted: Int, actual: Int
                        if width == 1 {
                            predicted = pp[i] > 0.5 ? 1 : 0
                            actual = tp[i] >= 0.5 ? 1 : 0
                        } else {
                            predicted = argmax(pp, row: i, width: width)
                            actual = oneHot ? argmax(tp, row: i, width: width) : Int(tp[i])
                        }
                        if predicted == actual { correct += 1 }
                    }
                    return Double(correct)
                case .mse, .mae:
                    var total = 0.0
                    for i in 0..<Swift.min(pp.count, tp.count) {
                        let d = Double(pp[i] - tp[i])
                        total += self == .mse ? d * d : Swift.abs(d)
                    }
                    return total / Double(Swift.max(width, 1))
                }
            }
        }
    }

    private func argmax(_ p: UnsafeBufferPointer<Float>, row: Int, width: Int) -> Int {
        var best = 0
        for j in 1..<width where p[row * width + j] > p[row * width + best] { best = j }
        return best
    }
}
