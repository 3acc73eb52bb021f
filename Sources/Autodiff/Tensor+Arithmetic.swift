#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Differentiable arithmetic with NumPy broadcasting.
///
/// Each op is its forward and its local derivatives side by side; contributions are returned in
/// the output's (broadcast) shape and the engine sums them back to each input's shape.
extension Tensor {
    /// `a + b`. ∂/∂a = 1, ∂/∂b = 1.
    public static func + (a: Tensor, b: Tensor) throws(TensorError) -> Tensor {
        let y = try broadcastZip(a, b, op: "add", +)
        guard a.requiresGrad || b.requiresGrad else { return y }
        return record(.add, inputs: a, b, output: y) { g, _ in Contributions(g, g) }
    }

    /// `a − b`. ∂/∂a = 1, ∂/∂b = −1.
    public static func - (a: Tensor, b: Tensor) throws(TensorError) -> Tensor {
        let y = try broadcastZip(a, b, op: "subtract", -)
        guard a.requiresGrad || b.requiresGrad else { return y }
        return record(.subtract, inputs: a, b, output: y) { g, n in
            Contributions(g, n.needsGradient(1) ? g.map { -$0 } : nil)
        }
    }

    /// `a ⊙ b`. ∂/∂a = b, ∂/∂b = a.
    public static func * (a: Tensor, b: Tensor) throws(TensorError) -> Tensor {
        let y = try broadcastZip(a, b, op: "multiply", *)
        guard a.requiresGrad || b.requiresGrad else { return y }
        return record(.multiply, inputs: a, b, output: y) { g, n throws(TensorError) in
            Contributions(n.needsGradient(0) ? try broadcastZip(g, n.inputs[1], op: "multiply", *) : nil,
                          n.needsGradient(1) ? try broadcastZip(g, n.inputs[0], op: "multiply", *) : nil)
        }
    }

    /// `a / b`. ∂/∂a = 1/b, ∂/∂b = −a/b².
    public static func / (a: Tensor, b: Tensor) throws(TensorError) -> Tensor {
        let y = try broadcastZip(a, b, op: "divide", /)
        guard a.requiresGrad || b.requiresGrad else { return y }
        return record(.divide, inputs: a, b, output: y) { g, n throws(TensorError) in
            let gOverB = try broadcastZip(g, n.inputs[1], op: "divide", /)
            return Contributions(n.needsGradient(0) ? gOverB : nil,
                                 n.needsGradient(1) ? try broadcastZip(gOverB, n.output, op: "divide") { -$0 * $1 } : nil)
        }
    }

    /// `−a`. ∂/∂a = −1.
    public static prefix func - (a: Tensor) -> Tensor {
        let y = a.map { -$0 }
        guard a.requiresGrad else { return y }
        return record(.negate, inputs: a, output: y) { g, _ in Contributions(g.map { -$0 }) }
    }

    /// `a ^ b` elementwise. ∂/∂a = b·a^(b−1), ∂/∂b = a^b·ln a.
    ///
    /// For a constant integer exponent the base may be negative (`x^2`, `x^3`): the power is
    /// computed by `pow`, which is exact for integral exponents of negative bases.
    public static func pow(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        let y = try broadcastZip(a, b, op: "pow") { libmPow($0, $1) }
        guard a.requiresGrad || b.requiresGrad else { return y }
        return record(.power, inputs: a, b, output: y) { g, n throws(TensorError) in
            let av = n.inputs[0], bv = n.inputs[1], yv = n.output
            var da: Tensor?
            if n.needsGradient(0) {
                let local = try broadcastZip(av, bv, op: "pow") { x, p in
                    p == 0 ? 0 : p * libmPow(x, p - 1)
                }
                da = try broadcastZip(g, local, op: "pow", *)
            }
            var db: Tensor?
            if n.needsGradient(1) {
                let local = try broadcastZip(yv, av, op: "pow") { y, x in
                    // d(a^b)/db = a^b·ln a; at a = 0 the limit for b > 0 is 0.
                    y == 0 ? 0 : y * libmLog(x)
                }
                db = try broadcastZip(g, local, op: "pow", *)
            }
            return Contributions(da, db)
        }
    }

    // MARK: Scalars on either side

    public static func + (a: Tensor, b: Float) throws(TensorError) -> Tensor { try a + Tensor(b) }
    public static func + (a: Float, b: Tensor) throws(TensorError) -> Tensor { try Tensor(a) + b }
    public static func - (a: Tensor, b: Float) throws(TensorError) -> Tensor { try a - Tensor(b) }
    public static func - (a: Float, b: Tensor) throws(TensorError) -> Tensor { try Tensor(a) - b }
    public static func * (a: Tensor, b: Float) throws(TensorError) -> Tensor { try a * Tensor(b) }
    public static func * (a: Float, b: Tensor) throws(TensorError) -> Tensor { try Tensor(a) * b }
    public static func / (a: Tensor, b: Float) throws(TensorError) -> Tensor { try a / Tensor(b) }
    public static func / (a: Float, b: Tensor) throws(TensorError) -> Tensor { try Tensor(a) / b }
    public static func pow(_ a: Tensor, _ b: Float) throws(TensorError) -> Tensor { try pow(a, Tensor(b)) }
}

// MARK: Rules

struct AddRule: OpRule {
    var name: String { "add" }
    func formula(_ x: OpOperands) -> String { "\(x.a) + \(x.b)" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "1" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a + x.b }
}

struct SubtractRule: OpRule {
    var name: String { "subtract" }
    func formula(_ x: OpOperands) -> String { "\(x.a) − \(parenthesized(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { index == 0 ? "1" : "−1" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a - x.b }
}

struct MultiplyRule: OpRule {
    var name: String { "multiply" }
    func formula(_ x: OpOperands) -> String {
        x.isScalar ? "\(factor(x.a))·\(factor(x.b))" : "\(factor(x.a)) ⊙ \(factor(x.b))"
    }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { index == 0 ? x.b : x.a }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a * x.b }
}

struct DivideRule: OpRule {
    var name: String { "divide" }
    func formula(_ x: OpOperands) -> String { "\(factor(x.a)) / \(factor(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String {
        index == 0 ? "1/\(factor(x.b))" : "−\(factor(x.a))/\(factor(x.b))²"
    }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try x.a / x.b }
}

struct NegateRule: OpRule {
    var name: String { "negate" }
    func formula(_ x: OpOperands) -> String { "−\(factor(x.a))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String { "−1" }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { -x.a }
}

struct PowerRule: OpRule {
    var name: String { "pow" }
    func formula(_ x: OpOperands) -> String { "\(factor(x.a))^\(factor(x.b))" }
    func derivativeFormula(of index: Int, _ x: OpOperands) -> String {
        index == 0 ? "\(factor(x.b))·\(factor(x.a))^(\(x.b) − 1)" : "\(factor(x.a))^\(factor(x.b))·ln(\(x.a))"
    }
    func evaluate(_ x: OpValues, outputShape: [Int]) throws(TensorError) -> Tensor { try Tensor.pow(x.a, x.b) }
}

/// libm's `powf`/`logf`, named so they are not shadowed by `Tensor.pow` inside the extension.
@inline(__always) func libmPow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
@inline(__always) func libmLog(_ x: Float) -> Float { logf(x) }
