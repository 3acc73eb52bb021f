#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An elementwise function and its local derivative, side by side, with the formulas that
/// print them (an `OpRule`).
///
/// Rules are types rather than closures so that each op's forward and pullback loops are
/// specialised and vectorised: a closure called per element in a pullback cost more than the
/// arithmetic it did.
protocol ElementwiseRule: OpRule {
    var op: Op { get }
    /// y = f(x).
    func forward(_ x: Float) -> Float
    /// dy/dx, given x and y = f(x) (whichever is cheaper to use).
    func derivative(x: Float, y: Float) -> Float
}

extension ElementwiseRule {
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { x.a.apply(self) }
}

extension Tensor {
    /// Applies a rule elementwise and records the pullback g ⊙ f′(x).
    @inline(__always)
    func apply<R: ElementwiseRule>(_ rule: R) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let n = count
        let src = storage.base, dst = y.storage.base
        for i in 0..<n { dst[i] = rule.forward(src[i]) }
        guard requiresGrad else { return y }
        return Tensor.record(rule.op, inputs: self, output: y) { g, n in
            let dx = Tensor(uninitializedShape: n.shape)  // x, y and dx share one shape
            let gp = g.storage.base, xp = n.inputElements(0), yp = n.outputElements, out = dx.storage.base
            for i in 0..<g.count { out[i] = gp[i] * rule.derivative(x: xp[i], y: yp[i]) }
            return Contributions(dx)
        }
    }

    /// eˣ. d/dx = eˣ.
    public func exp() -> Tensor { apply(ExpRule()) }
    /// ln x. d/dx = 1/x.
    public func log() -> Tensor { apply(LogRule()) }
    /// √x. d/dx = 1/(2√x).
    public func sqrt() -> Tensor { apply(SqrtRule()) }
    /// |x|. d/dx = sign(x), taken as 0 at 0 (the subgradient PyTorch uses).
    public func abs() -> Tensor { apply(AbsRule()) }
    /// sin x. d/dx = cos x.
    public func sin() -> Tensor { apply(SinRule()) }
    /// cos x. d/dx = −sin x.
    public func cos() -> Tensor { apply(CosRule()) }
    /// tanh x. d/dx = 1 − tanh²x.
    public func tanh() -> Tensor { apply(TanhRule()) }
    /// σ(x) = 1/(1 + e⁻ˣ). d/dx = σ(x)(1 − σ(x)).
    public func sigmoid() -> Tensor { apply(SigmoidRule()) }
    /// max(0, x). d/dx = 1 where x > 0, else 0.
    public func relu() -> Tensor { apply(ReLURule()) }
    /// x where x > 0, else slope·x. d/dx = 1 or slope.
    public func leakyRelu(slope: Float = 0.01) -> Tensor { apply(LeakyReLURule(slope: slope)) }
    /// GELU, exact form x·Φ(x), Φ the standard normal CDF (PyTorch's and Keras's default).
    /// d/dx = Φ(x) + x·φ(x).
    public func gelu() -> Tensor { apply(GELURule()) }
}

struct ExpRule: ElementwiseRule {
    var op: Op { .exp }
    var name: String { "exp" }
    func formula(_ x: OpOperands) -> String { "exp(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "exp(\(x.a))" }
    func forward(_ x: Float) -> Float { expf(x) }
    func derivative(x: Float, y: Float) -> Float { y }
}

struct LogRule: ElementwiseRule {
    var op: Op { .log }
    var name: String { "log" }
    func formula(_ x: OpOperands) -> String { "ln(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1/\(factor(x.a))" }
    func forward(_ x: Float) -> Float { logf(x) }
    func derivative(x: Float, y: Float) -> Float { 1 / x }
}

struct SqrtRule: ElementwiseRule {
    var op: Op { .sqrt }
    var name: String { "sqrt" }
    func formula(_ x: OpOperands) -> String { "√(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1/(2√(\(x.a)))" }
    func forward(_ x: Float) -> Float { x.squareRoot() }
    func derivative(x: Float, y: Float) -> Float { 0.5 / y }
}

struct AbsRule: ElementwiseRule {
    var op: Op { .abs }
    var name: String { "abs" }
    func formula(_ x: OpOperands) -> String { "|\(x.a)|" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "sign(\(x.a))" }
    func forward(_ x: Float) -> Float { Swift.abs(x) }
    func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

struct SinRule: ElementwiseRule {
    var op: Op { .sin }
    var name: String { "sin" }
    func formula(_ x: OpOperands) -> String { "sin(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "cos(\(x.a))" }
    func forward(_ x: Float) -> Float { sinf(x) }
    func derivative(x: Float, y: Float) -> Float { cosf(x) }
}

struct CosRule: ElementwiseRule {
    var op: Op { .cos }
    var name: String { "cos" }
    func formula(_ x: OpOperands) -> String { "cos(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "−sin(\(x.a))" }
    func forward(_ x: Float) -> Float { cosf(x) }
    func derivative(x: Float, y: Float) -> Float { -sinf(x) }
}

struct TanhRule: ElementwiseRule {
    var op: Op { .tanh }
    var name: String { "tanh" }
    func formula(_ x: OpOperands) -> String { "tanh(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1 − tanh²(\(x.a))" }
    func forward(_ x: Float) -> Float { tanhf(x) }
    func derivative(x: Float, y: Float) -> Float { 1 - y * y }
}

struct SigmoidRule: ElementwiseRule {
    var op: Op { .sigmoid }
    var name: String { "sigmoid" }
    func formula(_ x: OpOperands) -> String { "σ(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "σ(\(x.a))(1 − σ(\(x.a)))" }
    func forward(_ x: Float) -> Float { stableSigmoid(x) }
    func derivative(x: Float, y: Float) -> Float { y * (1 - y) }
}

struct ReLURule: ElementwiseRule {
    var op: Op { .relu }
    var name: String { "relu" }
    func formula(_ x: OpOperands) -> String { "relu(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "relu′(\(x.a))" }
    func forward(_ x: Float) -> Float { x > 0 ? x : 0 }
    func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : 0 }
}

struct LeakyReLURule: ElementwiseRule {
    let slope: Float
    var op: Op { .leakyRelu(slope: slope) }
    var name: String { "leaky_relu" }
    func formula(_ x: OpOperands) -> String { "leaky_relu(\(x.a), \(trimmed(slope)))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1 if \(x.a) > 0 else \(trimmed(slope))" }
    func forward(_ x: Float) -> Float { x > 0 ? x : slope * x }
    func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : slope }
}

struct GELURule: ElementwiseRule {
    var op: Op { .gelu }
    var name: String { "gelu" }
    func formula(_ x: OpOperands) -> String { "gelu(\(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "Φ(\(x.a)) + \(factor(x.a))·φ(\(x.a))" }
    func forward(_ x: Float) -> Float { 0.5 * x * (1 + erff(x * 0.70710678)) }
    func derivative(x: Float, y: Float) -> Float {
        let cdf = 0.5 * (1 + erff(x * 0.70710678))
        let pdf = expf(-0.5 * x * x) * 0.39894228  // 1/√(2π)
        return cdf + x * pdf
    }
}

/// σ(x) without overflow: e⁻ˣ overflows for very negative x, so that side uses eˣ/(1 + eˣ).
@inlinable @inline(__always)
public func stableSigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + expf(-x)) }
    let e = expf(x)
    return e / (1 + e)
}
