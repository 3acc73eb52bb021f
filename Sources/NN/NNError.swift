import Autodiff

/// A mistake in how a model was defined, compiled or fed: thrown with the names and shapes a
/// person needs to fix it.
public enum NNError: Error, Equatable, Sendable {
    /// A tensor operation failed inside a layer or loss.
    case tensor(TensorError, layer: String?)
    /// A layer cannot take the previous layer's output: `dense_1 expects [*, 64], got [*, 128]`.
    case layerShapeMismatch(layer: String, expected: [Int?], got: [Int?])
    /// The first layer does not say its input size (`input=`) and none can be inferred.
    case unknownInputSize(layer: String)
    /// A layer argument out of its domain (units ≤ 0, dropout rate outside [0, 1)).
    case invalidLayerArgument(layer: String, message: String)
    /// `fit`/`evaluate` on a model that was never compiled.
    case notCompiled
    /// Data whose feature count does not fit the model's input.
    case dataShapeMismatch(expected: [Int?], got: [Int])
    /// A target incompatible with the loss (e.g. class indices beyond the output width).
    case targetMismatch(loss: String, prediction: [Int], target: [Int], hint: String)
    /// A model, loss, metric and targets that cannot go together, and how to fix it
    /// (`3 classes in y`, `use dense(3, softmax) and cross_entropy`).
    case cannotLearn(problem: String, fix: String)
    /// A training or evaluation option out of range (epochs < 1, batch < 1, …).
    case invalidOption(name: String, message: String)
    /// An empty dataset where rows are needed.
    case emptyData(String)
    /// Parameter import or assignment with mismatched names or shapes.
    case parameterMismatch(String)
    /// An embedding's input that is not a whole number in 0..<vocab: which row of the data
    /// (nil for one sample), which position in it, and the value.
    case invalidIndex(layer: String, row: Int?, position: Int, value: Float, vocab: Int)
}

extension NNError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .tensor(error, layer):
            return layer.map { "\($0): \(error)" } ?? "\(error)"
        case let .layerShapeMismatch(layer, expected, got):
            return "\(layer) expects input \(describe(expected)), but the previous layer outputs \(describe(got))"
        case let .unknownInputSize(layer):
            return "\(layer) needs its input size: write input=N on the first layer"
        case let .invalidLayerArgument(layer, message):
            return "\(layer): \(message)"
        case .notCompiled:
            return "the model is not compiled: compile model optimizer=… loss=… first"
        case let .dataShapeMismatch(expected, got):
            return "the model expects inputs of shape \(describeSamples(expected)), got \(got)"
        case let .targetMismatch(loss, prediction, target, hint):
            return "\(loss): predictions \(prediction) and targets \(target) do not fit (\(hint))"
        case let .cannotLearn(problem, fix):
            return "\(problem): \(fix)"
        case let .invalidOption(name, message):
            return "\(name): \(message)"
        case let .emptyData(message):
            return message
        case let .parameterMismatch(message):
            return message
        case let .invalidIndex(layer, row, position, value, vocab):
            let shown = value.isFinite && value == value.rounded() && Swift.abs(value) < 1e9 ? "\(Int(value))" : "\(value)"
            let place = row.map { "row \($0) of the data, position \(position)" } ?? "position \(position) of the sample"
            return "\(layer): \(place) holds \(shown), not an index: \(layer)'s inputs must be whole numbers from 0 to \(vocab - 1) "
                + "(its table has \(vocab) rows)"
        }
    }
}

/// `[n, 1, 8, 8]` for a batch of samples whose count is free.
func describeSamples(_ shape: [Int?]) -> String {
    "[" + shape.map { $0.map(String.init) ?? "n" }.joined(separator: ", ") + "]"
}

/// `[*, 128]` for a batch shape whose first dimension is free.
func describe(_ shape: [Int?]) -> String {
    "[" + shape.map { $0.map(String.init) ?? "*" }.joined(separator: ", ") + "]"
}
