import Autodiff

/// One layer of a sequential model.
public enum Layer {
    case dense(Dense)
    case dropout(Dropout)
    case activation(Activation, name: String)

    /// `dense_0`, `dropout_1`, `relu_0`, … (assigned when the model is built).
    public var name: String {
        switch self {
        case .dense(let d): d.name
        case .dropout(let d): d.name
        case .activation(_, let name): name
        }
    }

    /// The Keras-style type name shown by `summary`.
    public var typeName: String {
        switch self {
        case .dense: "Dense"
        case .dropout: "Dropout"
        case .activation: "Activation"
        }
    }

    /// The layer's params, in order (W, b for dense; none otherwise).
    public var parameters: [Tensor] {
        if case .dense(let d) = self { return d.parameters }
        return []
    }

    /// The output width for an input of width `inputSize`.
    func outputSize(inputSize: Int) -> Int {
        if case .dense(let d) = self { return d.units }
        return inputSize
    }

    func forward(_ x: Tensor, training: Bool, generator: inout RandomGenerator) throws(TensorError) -> Tensor {
        switch self {
        case .dense(let d): try d.forward(x)
        case .dropout(let d): try d.forward(x, training: training, generator: &generator)
        case .activation(let a, let name): try a.apply(x).scoped(name)
        }
    }
}
