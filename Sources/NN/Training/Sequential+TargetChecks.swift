import Autodiff

/// Models that cannot learn what they are asked, caught before any step: a loss that does not
/// fit the last layer (at `compile`), or targets that do not fit the loss or a metric (at `fit`,
/// `evaluate`, `train_step`). Each error names the mismatch and the fix.
extension Sequential {
    /// The activation of the last layer (what `fused` losses see), linear when there is none.
    public var outputActivation: Activation { layers.last?.outputActivation ?? .linear }

    /// Checks that `loss` can train this model's last layer (`compile`).
    public func checkLoss(_ loss: LossFunction) throws(NNError) {
        let outputs = outputSize, activation = outputActivation
        if activation == .softmax && outputs == 1 {
            throw .cannotLearn(problem: "softmax over one output is always 1, so the model cannot learn",
                               fix: "for two classes use dense(1, sigmoid) and bce; for k classes dense(k, softmax) and cross_entropy")
        }
        switch loss {
        case .crossEntropy, .categoricalCrossEntropy:
            if outputs == 1 {
                throw .cannotLearn(problem: "\(loss.rawValue) needs one output per class, but the last layer has 1",
                                   fix: "for k classes use dense(k, softmax); for two classes dense(1, sigmoid) and bce")
            }
        case .bceLogits where activation == .sigmoid:
            throw .cannotLearn(problem: "bce_logits takes logits, but the last layer already applies sigmoid",
                               fix: "use loss=bce (fused with the sigmoid), or a last layer without an activation")
        case .bce where activation == .softmax:
            throw .cannotLearn(problem: "bce takes one sigmoid probability per target, but the last layer is softmax",
                               fix: "for classes use cross_entropy with dense(\(outputs), softmax); for two classes bce with dense(1, sigmoid)")
        default:
            break
        }
    }

    /// Checks that targets fit the loss, the metrics and the model's output before any step runs.
    func checkTargets(_ y: Tensor, rows: Int, loss: LossFunction, metrics: [Metric] = []) throws(NNError) {
        let outputs = outputSize
        let predictionShape = [rows, outputs]
        func mismatch(_ hint: String) -> NNError {
            .targetMismatch(loss: loss.rawValue, prediction: predictionShape, target: y.shape, hint: hint)
        }
        guard y.shape.first == rows else { throw mismatch("the data has \(y.shape.first ?? 0) targets for \(rows) rows") }
        let values = TargetValues(y)
        switch loss {
        case .crossEntropy:
            guard y.rank == 1 || (y.rank == 2 && y.shape[1] == 1) else {
                throw mismatch("cross_entropy takes class indices [n]; for one-hot targets use categorical_cross_entropy")
            }
            if let fraction = values.firstFraction {
                throw .cannotLearn(problem: "cross_entropy takes class indices, but y holds \(fraction), which is not a whole number",
                                   fix: "for a continuous target use loss=mse with a last layer without an activation")
            }
            if values.minimum < 0 {
                throw .cannotLearn(problem: "y holds \(values.minimum), which is not a class index", fix: "classes are numbered 0, 1, 2, …")
            }
            if values.classes > outputs {
                throw .cannotLearn(problem: "\(values.classes) classes in y (0 to \(values.classes - 1)), but the last layer has \(outputs) outputs",
                                   fix: "use dense(\(values.classes), softmax) as the last layer")
            }
        case .categoricalCrossEntropy:
            guard y.shape == predictionShape else {
                throw mismatch("categorical_cross_entropy takes one-hot targets [n, \(outputs)]: try onehot(y, \(outputs)) or cross_entropy")
            }
        case .bce, .bceLogits:
            try checkWidth(y, rows: rows, outputs: outputs, mismatch)
            if values.firstFraction == nil, values.minimum >= 0, values.classes > 2 {
                throw .cannotLearn(problem: "\(values.classes) classes in y", fix: "use dense(\(values.classes), softmax) and cross_entropy")
            }
            if values.minimum < 0 || values.maximum > 1 {
                let outside = values.minimum < 0 ? values.minimum : values.maximum
                throw .cannotLearn(problem: "\(loss.rawValue) takes targets between 0 and 1, but y holds \(outside)",
                                   fix: "for a continuous target use loss=mse")
            }
        case .mse, .mae:
            try checkWidth(y, rows: rows, outputs: outputs, mismatch)
        }
        if metrics.contains(.accuracy), let fraction = values.firstFraction {
            throw .cannotLearn(problem: "accuracy counts classes predicted right, but y is continuous (it holds \(fraction))",
                               fix: "use metrics=mae or metrics=mse")
        }
    }

    private func checkWidth(_ y: Tensor, rows: Int, outputs: Int, _ mismatch: (String) -> NNError) throws(NNError) {
        let width = y.rank == 1 ? 1 : y.count / Swift.max(rows, 1)
        guard width == outputs else { throw mismatch("the model outputs \(outputs) value(s) per row, the targets have \(width)") }
    }
}

/// What the targets hold: their range, the first value that is not a whole number (or NaN),
/// and the number of classes they would be (largest + 1) if they are class indices.
struct TargetValues {
    var minimum: Float = .infinity, maximum: Float = -.infinity
    var firstFraction: Float?

    init(_ y: Tensor) {
        y.withUnsafeBufferPointer { values in
            for v in values {
                if firstFraction == nil, !(v == v.rounded()) { firstFraction = v }
                minimum = Swift.min(minimum, v)
                maximum = Swift.max(maximum, v)
            }
        }
    }

    var classes: Int { maximum.isFinite && maximum >= 0 && maximum < 0x1p30 ? Int(maximum) + 1 : 0 }
}
