/// What a graph node computed: the differentiable primitives of gradbook.
///
/// Few primitives, composites built from them (STYLE.md §4); the fused losses exist for
/// numerical stability and say so where they are defined. Each case knows its display name;
/// the formulas used by the teaching commands live in `Op+Formulas.swift`.
public enum Op: Sendable, Equatable {
    /// A trainable leaf created by `param`.
    case param
    case add, subtract, multiply, divide, negate
    /// `base ^ exponent`, elementwise, with broadcasting.
    case power
    case exp, log, sqrt, abs, sin, cos, tanh, sigmoid, relu, gelu
    case leakyRelu(slope: Float)
    /// A reduction over one axis, or over everything when `axis` is nil.
    case sum(axis: Int?), mean(axis: Int?), max(axis: Int?), min(axis: Int?), norm(axis: Int?)
    case reshape
    /// A permutation of the axes (`.T` reverses them).
    case transpose(permutation: [Int])
    /// Basic indexing with these components (kept so that the graph can be replayed).
    case slice([TensorIndex])
    case concat(axis: Int)
    /// Repeats a tensor along broadcast axes (the explicit form of broadcasting).
    case broadcast
    case matmul
    /// Cross-correlation of images `[n, c, h, w]` with kernels `[f, c, kh, kw]`, plus a bias `[f]`.
    case conv2d(stride: Int, padding: WindowPadding)
    /// The largest, or the mean, element of each `size × size` window, windows `stride` apart.
    case maxpool2d(size: Int, stride: Int), avgpool2d(size: Int, stride: Int)
    case softmax(axis: Int), logSoftmax(axis: Int)
    /// Mean squared error, mean absolute error.
    case mse, mae
    /// Binary cross-entropy on probabilities, and the fused form on logits.
    case bce, bceLogits
    /// Cross-entropy of logits against class indices (fused log-softmax + NLL).
    case crossEntropy
    /// Cross-entropy of logits against one-hot (or soft) targets.
    case categoricalCrossEntropy
    /// A dropout mask applied during training.
    case dropout(rate: Float)

    /// The name people type for this op in gradbook's language.
    public var name: String {
        switch self {
        case .param: "param"
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        case .negate: "negate"
        case .power: "pow"
        case .exp: "exp"
        case .log: "log"
        case .sqrt: "sqrt"
        case .abs: "abs"
        case .sin: "sin"
        case .cos: "cos"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .relu: "relu"
        case .gelu: "gelu"
        case .leakyRelu: "leaky_relu"
        case .sum: "sum"
        case .mean: "mean"
        case .max: "max"
        case .min: "min"
        case .norm: "norm"
        case .reshape: "reshape"
        case .transpose: "transpose"
        case .slice: "slice"
        case .concat: "concat"
        case .broadcast: "broadcast"
        case .matmul: "matmul"
        case .conv2d: "conv2d"
        case .maxpool2d: "maxpool2d"
        case .avgpool2d: "avgpool2d"
        case .softmax: "softmax"
        case .logSoftmax: "log_softmax"
        case .mse: "mse"
        case .mae: "mae"
        case .bce: "bce"
        case .bceLogits: "bce_logits"
        case .crossEntropy: "cross_entropy"
        case .categoricalCrossEntropy: "categorical_cross_entropy"
        case .dropout: "dropout"
        }
    }
}
