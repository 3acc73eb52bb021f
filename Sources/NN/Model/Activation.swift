import Autodiff

/// An activation function, as a dense layer's `activation` or as a layer of its own.
public enum Activation: String, Sendable, CaseIterable {
    case linear, relu, sigmoid, tanh, softmax, gelu
    case leakyRelu = "leaky_relu"

    /// Applies the activation (softmax over the last axis).
    public func apply(_ x: Tensor) throws(TensorError) -> Tensor {
        switch self {
        case .linear: x
        case .relu: x.relu()
        case .sigmoid: x.sigmoid()
        case .tanh: x.tanh()
        case .softmax: try x.softmax(axis: -1)
        case .gelu: x.gelu()
        case .leakyRelu: x.leakyRelu()
        }
    }

    /// The activation named as people type it (`relu`, `leaky_relu`, `none` for linear).
    public init?(name: String) {
        if name == "none" || name == "identity" { self = .linear; return }
        self.init(rawValue: name)
    }
}
