/// What a graph node computed: the differentiable primitives of gradbook.
///
/// Few primitives, composites built from them; the fused losses exist for numerical stability
/// and say so where they are defined. Each case's name, formulas and replay are its `rule`,
/// defined beside the op's forward computation and pullback.
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
    /// Batch normalization in training (batch statistics), fused; inputs x, γ, β.
    case batchNorm(eps: Float)
    /// Layer normalization over the last axis, fused; inputs x, γ, β.
    case layerNorm(eps: Float)
    /// Rows of W gathered by integer indices; inputs indices (a constant), W.
    case embedding

    /// Where this op is described: its name, formulas and replay (see `OpRule`). The one
    /// switch over the ops: a new case is added here and in a rule of its own.
    var rule: any OpRule {
        switch self {
        case .param: ParamRule()
        case .add: AddRule()
        case .subtract: SubtractRule()
        case .multiply: MultiplyRule()
        case .divide: DivideRule()
        case .negate: NegateRule()
        case .power: PowerRule()
        case .exp: ExpRule()
        case .log: LogRule()
        case .sqrt: SqrtRule()
        case .abs: AbsRule()
        case .sin: SinRule()
        case .cos: CosRule()
        case .tanh: TanhRule()
        case .sigmoid: SigmoidRule()
        case .relu: ReLURule()
        case .gelu: GELURule()
        case .leakyRelu(let slope): LeakyReLURule(slope: slope)
        case .sum(let axis): SumRule(axis: axis)
        case .mean(let axis): MeanRule(axis: axis)
        case .max(let axis): MaxRule(axis: axis)
        case .min(let axis): MinRule(axis: axis)
        case .norm(let axis): NormRule(axis: axis)
        case .reshape: ReshapeRule()
        case .transpose(let permutation): TransposeRule(permutation: permutation)
        case .slice(let indices): SliceRule(indices: indices)
        case .concat(let axis): ConcatRule(axis: axis)
        case .broadcast: BroadcastRule()
        case .matmul: MatmulRule()
        case .conv2d(let stride, let padding): Conv2dRule(stride: stride, padding: padding)
        case .maxpool2d(let size, let stride): MaxPool2dRule(size: size, stride: stride)
        case .avgpool2d(let size, let stride): AvgPool2dRule(size: size, stride: stride)
        case .softmax(let axis): SoftmaxRule(axis: axis)
        case .logSoftmax(let axis): LogSoftmaxRule(axis: axis)
        case .mse: MSERule()
        case .mae: MAERule()
        case .bce: BCERule()
        case .bceLogits: BCELogitsRule()
        case .crossEntropy: CrossEntropyRule()
        case .categoricalCrossEntropy: CategoricalCrossEntropyRule()
        case .batchNorm(let eps): BatchNormRule(eps: eps)
        case .layerNorm(let eps): LayerNormRule(eps: eps)
        case .embedding: EmbeddingRule()
        }
    }

    /// The name people type for this op in gradbook's language.
    public var name: String { rule.name }

    /// The forward computation with `inputs` (display names or formulas) substituted:
    /// `forward(["w·x", "b"])` is `w·x + b`.
    public func forward(_ inputs: [String], isScalar: Bool = true) -> String {
        rule.formula(OpOperands(names: inputs, isScalar: isScalar))
    }

    /// ∂(this op's output)/∂(input `index`), written with the inputs' names. For matrix
    /// products it is the rule for the input's gradient given the upstream gradient δ.
    public func localDerivative(of index: Int, _ inputs: [String], isScalar: Bool = true) -> String {
        rule.derivativeFormula(of: index, OpOperands(names: inputs, isScalar: isScalar))
    }
}
