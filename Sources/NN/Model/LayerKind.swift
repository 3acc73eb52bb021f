/// The kinds of layer a model can hold, and how their names read: a layer is named by its
/// kind (or, for an activation layer, the activation) and its position among layers named
/// alike (`dense_0`, `dropout_0`, `dense_1`, `relu_0`), and that name is its params' scope.
public enum LayerKind: String, Sendable, CaseIterable {
    case dense, conv2d, maxpool2d, avgpool2d, flatten, batchnorm, layernorm, embedding, dropout, activation

    /// The kind's name in the language and in architecture files (`dense`).
    public var name: String { rawValue }

    /// The Keras type name shown by `summary` (`Dense`).
    public var kerasName: String {
        switch self {
        case .dense: "Dense"
        case .conv2d: "Conv2D"
        case .maxpool2d: "MaxPooling2D"
        case .avgpool2d: "AveragePooling2D"
        case .flatten: "Flatten"
        case .batchnorm: "BatchNormalization"
        case .layernorm: "LayerNormalization"
        case .embedding: "Embedding"
        case .dropout: "Dropout"
        case .activation: "Activation"
        }
    }

    /// Whether layers of this kind are named `base_k` with this `base`.
    func names(base: String) -> Bool {
        switch self {
        case .dense, .conv2d, .maxpool2d, .avgpool2d, .flatten, .batchnorm, .layernorm, .embedding, .dropout: base == name
        case .activation: Activation(rawValue: base) != nil
        }
    }
}

/// A layer's name read back from a graph node's scope (`dense_1`) or a param's label
/// (`dense_1.W`): which kind of layer it is and its index among the layers named alike. A graph
/// carries only these strings, so the teaching code asks here rather than parsing them itself.
public struct LayerScope: Equatable, Sendable {
    public let kind: LayerKind
    /// The position among layers of the same name base (`1` in `dense_1`).
    public let index: Int
    /// The param's name within the layer (`W`), when read from a label.
    public let parameter: String?

    /// The scope `dense_1`, or nil when it does not name a layer.
    public init?(scope: String) {
        guard let cut = scope.lastIndex(of: "_"), let index = Int(scope[scope.index(after: cut)...]), index >= 0,
              let kind = LayerKind.allCases.first(where: { $0.names(base: String(scope[..<cut])) })
        else { return nil }
        self.kind = kind
        self.index = index
        self.parameter = nil
    }

    /// The param label `dense_1.W`, or nil when it is not a layer's param.
    public init?(label: String) {
        guard let dot = label.firstIndex(of: "."), let scope = LayerScope(scope: String(label[..<dot])) else { return nil }
        kind = scope.kind
        index = scope.index
        parameter = String(label[label.index(after: dot)...])
    }
}
