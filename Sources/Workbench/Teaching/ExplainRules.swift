/// `explain f`: the forward rule and the derivative rule of every differentiable built-in, in
/// the language's terms (`written X @ W`, options and defaults), beside the other teaching text.
/// The engine's own formulas, printed by `chain`, `walk` and `graph`, are each op's `OpRule`
/// in Autodiff.
enum ExplainRules {
    /// One op's rules, as printed by `explain`.
    struct Rule: Sendable {
        let name: String
        let forward: String
        let derivative: String
        /// Why it matters, or how gradbook computes it.
        let note: String
    }

    /// The rules of the built-in called `name`, or nil if it is not a differentiable op.
    static func rule(named name: String) -> Rule? {
        all.first { $0.name == name }
    }

    /// The names `explain` knows.
    static var names: [String] { all.map(\.name) }

    static let all: [Rule] = elementary + convolution + normalizationAndEmbedding

    static let elementary: [Rule] = [
        Rule(name: "add", forward: "y = a + b", derivative: "∂y/∂a = 1, ∂y/∂b = 1",
             note: "with broadcasting, the gradient is summed over the broadcast axes"),
        Rule(name: "subtract", forward: "y = a − b", derivative: "∂y/∂a = 1, ∂y/∂b = −1", note: ""),
        Rule(name: "multiply", forward: "y = a·b (elementwise ⊙ for tensors)", derivative: "∂y/∂a = b, ∂y/∂b = a",
             note: "with broadcasting, the gradient is summed over the broadcast axes"),
        Rule(name: "divide", forward: "y = a / b", derivative: "∂y/∂a = 1/b, ∂y/∂b = −a/b²", note: ""),
        Rule(name: "pow", forward: "y = a^b", derivative: "∂y/∂a = b·a^(b−1), ∂y/∂b = a^b·ln a", note: "written a^b"),
        Rule(name: "matmul", forward: "Y = X · W   [m×k]·[k×n] → [m×n]",
             derivative: "∂L/∂X = δ · Wᵀ, ∂L/∂W = Xᵀ · δ   (δ = ∂L/∂Y)",
             note: "written X @ W; both gradients use the transposed-operand paths of the matmul core"),
        Rule(name: "exp", forward: "y = eˣ", derivative: "y′ = eˣ", note: "overflows float32 for x > 88.7"),
        Rule(name: "log", forward: "y = ln x", derivative: "y′ = 1/x", note: "−∞ at 0, NaN below"),
        Rule(name: "sqrt", forward: "y = √x", derivative: "y′ = 1/(2√x)", note: ""),
        Rule(name: "abs", forward: "y = |x|", derivative: "y′ = sign(x)", note: "0 at x = 0 (a subgradient, as PyTorch)"),
        Rule(name: "sin", forward: "y = sin x", derivative: "y′ = cos x", note: ""),
        Rule(name: "cos", forward: "y = cos x", derivative: "y′ = −sin x", note: ""),
        Rule(name: "tanh", forward: "y = tanh x", derivative: "y′ = 1 − tanh²x", note: "at most 1: stacks of tanh shrink gradients"),
        Rule(name: "sigmoid", forward: "σ(z) = 1/(1 + e⁻ᶻ)", derivative: "σ′(z) = σ(z)(1 − σ(z))",
             note: "at most 0.25: deep sigmoid stacks make gradients vanish"),
        Rule(name: "relu", forward: "relu(x) = max(0, x)", derivative: "relu′(x) = 1 if x > 0 else 0",
             note: "0 at x = 0, as PyTorch and Keras"),
        Rule(name: "leaky_relu", forward: "y = x if x > 0 else slope·x", derivative: "y′ = 1 if x > 0 else slope",
             note: "slope defaults to 0.01"),
        Rule(name: "gelu", forward: "gelu(x) = x·Φ(x), Φ the standard normal CDF", derivative: "gelu′(x) = Φ(x) + x·φ(x)",
             note: "the exact (erf) form"),
        Rule(name: "softmax", forward: "sᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m), m = max x",
             derivative: "∂L/∂x = s ⊙ (δ − Σ(δ ⊙ s))   (Jacobian diag(s) − s·sᵀ)",
             note: "subtracting the max changes nothing mathematically and keeps eˣ finite"),
        Rule(name: "log_softmax", forward: "yᵢ = xᵢ − m − ln Σⱼ e^(xⱼ − m)", derivative: "∂L/∂x = δ − softmax(x)·Σδ",
             note: "stable: never takes the log of a rounded probability"),
        Rule(name: "sum", forward: "y = Σᵢ xᵢ", derivative: "∂y/∂xᵢ = 1", note: "the gradient is broadcast back to x's shape"),
        Rule(name: "mean", forward: "y = (1/n) Σᵢ xᵢ", derivative: "∂y/∂xᵢ = 1/n", note: ""),
        Rule(name: "max", forward: "y = maxᵢ xᵢ", derivative: "∂y/∂xᵢ = 1 at the (first) maximum, else 0", note: ""),
        Rule(name: "min", forward: "y = minᵢ xᵢ", derivative: "∂y/∂xᵢ = 1 at the (first) minimum, else 0", note: ""),
        Rule(name: "norm", forward: "y = ‖x‖ = √(Σᵢ xᵢ²)", derivative: "∂y/∂x = x/‖x‖", note: "0 when ‖x‖ = 0"),
        Rule(name: "reshape", forward: "same values, new shape", derivative: "the gradient reshaped back", note: ""),
        Rule(name: "transpose", forward: "Y = Xᵀ", derivative: "∂L/∂X = (∂L/∂Y)ᵀ", note: "written t.T"),
        Rule(name: "concat", forward: "Y = [A, B] along an axis", derivative: "each input gets its slab of ∂L/∂Y", note: ""),
        Rule(name: "stack", forward: "Y = [A, B] along a new axis", derivative: "each input gets its slice of ∂L/∂Y", note: ""),
        Rule(name: "mse", forward: "L = (1/n) Σ (p − t)²", derivative: "∂L/∂p = 2(p − t)/n", note: ""),
        Rule(name: "mae", forward: "L = (1/n) Σ |p − t|", derivative: "∂L/∂p = sign(p − t)/n", note: ""),
        Rule(name: "bce", forward: "L = −(1/n) Σ [t·ln p + (1 − t)·ln(1 − p)]", derivative: "∂L/∂p = (p − t) / (p(1 − p)·n)",
             note: "p is clipped to [1e-7, 1 − 1e-7] as Keras does; after a sigmoid, models use bce_logits"),
        Rule(name: "bce_logits", forward: "L = (1/n) Σ [max(z, 0) − z·t + ln(1 + e^−|z|)]", derivative: "∂L/∂z = (σ(z) − t)/n",
             note: "σ and bce fused: the σ′ in the chain cancels the 1/(p(1 − p)) of bce"),
        Rule(name: "cross_entropy", forward: "L = −(1/n) Σᵢ log softmax(zᵢ)[yᵢ]   (y class indices)",
             derivative: "∂L/∂z = (softmax(z) − onehot(y))/n", note: "the famous p − y"),
        Rule(name: "categorical_cross_entropy", forward: "L = −(1/n) Σᵢ Σⱼ tᵢⱼ ln pᵢⱼ   (t one-hot, p probabilities)",
             derivative: "∂L/∂p = −t/(p·n)", note: "after a softmax layer, models fuse it: ∂L/∂z = (p − t)/n"),
    ]
}
