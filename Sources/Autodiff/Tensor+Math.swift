#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Differentiable elementwise functions. Each forward is followed by its local derivative.
extension Tensor {
    /// A unary op: `forward` per element, and the pullback `g ⊙ local`, where `local` is
    /// computed from the input `x` and output `y` elementwise.
    @inline(__always)
    private func unary(
        _ op: Op, _ forward: (Float) -> Float,
        local: @escaping (_ x: Float, _ y: Float) -> Float
    ) -> Tensor {
        let y = map(forward)
        guard requiresGrad else { return y }
        let x = detached, yv = y.detached
        return Tensor.record(op, inputs: [self], output: y) { g in
            let result = Tensor(uninitializedShape: x.shape)
            let gp = g.storage.base, xp = x.storage.base, yp = yv.storage.base
            let rp = result.storage.base
            for i in 0..<x.count { rp[i] = gp[i] * local(xp[i], yp[i]) }
            return [result]
        }
    }

    /// eˣ. d/dx = eˣ.
    public func exp() -> Tensor { unary(.exp, { expf($0) }, local: { _, y in y }) }

    /// ln x. d/dx = 1/x.
    public func log() -> Tensor { unary(.log, { logf($0) }, local: { x, _ in 1 / x }) }

    /// √x. d/dx = 1/(2√x).
    public func sqrt() -> Tensor { unary(.sqrt, { sqrtf($0) }, local: { _, y in 0.5 / y }) }

    /// |x|. d/dx = sign(x), taken as 0 at 0 (the subgradient PyTorch uses).
    public func abs() -> Tensor {
        unary(.abs, { Swift.abs($0) }, local: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) })
    }

    /// sin x. d/dx = cos x.
    public func sin() -> Tensor { unary(.sin, { sinf($0) }, local: { x, _ in cosf(x) }) }

    /// cos x. d/dx = −sin x.
    public func cos() -> Tensor { unary(.cos, { cosf($0) }, local: { x, _ in -sinf(x) }) }

    /// tanh x. d/dx = 1 − tanh²x.
    public func tanh() -> Tensor { unary(.tanh, { tanhf($0) }, local: { _, y in 1 - y * y }) }

    /// σ(x) = 1/(1 + e⁻ˣ). d/dx = σ(x)(1 − σ(x)).
    public func sigmoid() -> Tensor {
        unary(.sigmoid, stableSigmoid, local: { _, y in y * (1 - y) })
    }

    /// max(0, x). d/dx = 1 where x > 0, else 0.
    public func relu() -> Tensor {
        unary(.relu, { $0 > 0 ? $0 : 0 }, local: { x, _ in x > 0 ? 1 : 0 })
    }

    /// x where x > 0, else slope·x. d/dx = 1 or slope.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        unary(.leakyRelu(slope: slope), { $0 > 0 ? $0 : slope * $0 },
              local: { x, _ in x > 0 ? 1 : slope })
    }

    /// GELU, exact form: x·Φ(x) with Φ the standard normal CDF (PyTorch's and Keras's default).
    /// d/dx = Φ(x) + x·φ(x).
    public func gelu() -> Tensor {
        unary(.gelu, { x in 0.5 * x * (1 + erff(x * 0.70710678)) }, local: { x, _ in
            let cdf = 0.5 * (1 + erff(x * 0.70710678))
            let pdf = expf(-0.5 * x * x) * 0.39894228  // 1/√(2π)
            return cdf + x * pdf
        })
    }
}

/// σ(x) without overflow: e⁻ˣ overflows for very negative x, so that side uses eˣ/(1 + eˣ).
@inline(__always)
func stableSigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + expf(-x)) }
    let e = expf(x)
    return e / (1 + e)
}
