import Autodiff

/// `step p lr=α`: θ ← θ − α·∇J(θ) written out with the numbers, elementwise for small tensors
/// and as a summary (norms, the largest change) for large ones.
struct StepReport {
    let numbers: NumberFormat
    /// Tensors up to this many elements are shown element by element.
    static let elementwiseLimit = 6

    func render(name: String, theta: Tensor, gradient: Tensor, lr: Double, updated: Tensor) -> String {
        let alpha = compact(lr)
        var lines = ["\(name) ← \(name) − α·∂L/∂\(name)   (α = \(alpha))"]
        let t = theta.scalars, g = gradient.scalars, u = updated.scalars
        if theta.count == 1 {
            lines.append("  = \(numbers.format(t[0])) − \(alpha) × \(signed(g[0]))")
            lines.append("  = \(numbers.format(u[0]))")
        } else if theta.count <= StepReport.elementwiseLimit {
            for i in 0..<theta.count {
                lines.append("  \(name)\(index(i, theta.shape)): \(numbers.format(t[i])) − \(alpha) × \(signed(g[i])) = \(numbers.format(u[i]))")
            }
        } else {
            var change = 0.0, before = 0.0, after = 0.0, largest = 0.0, at = 0
            for i in 0..<theta.count {
                let d = Double(u[i] - t[i])
                change += d * d
                before += Double(t[i]) * Double(t[i])
                after += Double(u[i]) * Double(u[i])
                if Swift.abs(d) > Swift.abs(largest) { largest = d; at = i }
            }
            lines.append("  \(theta.count) values [\(ShapeMath.describe(theta.shape))]: ‖\(name)‖ \(numbers.format(before.squareRoot())) → \(numbers.format(after.squareRoot())), ‖α·g‖ = \(numbers.format(change.squareRoot()))")
            lines.append("  largest change \(numbers.format(largest)) at \(name)\(index(at, theta.shape)): \(numbers.format(t[at])) − \(alpha) × \(signed(g[at])) = \(numbers.format(u[at]))")
        }
        return lines.joined(separator: "\n")
    }

    private func signed(_ x: Float) -> String {
        x < 0 ? "(\(numbers.format(x)))" : numbers.format(x)
    }

    /// The learning rate as typed: the shortest text of its float32 value (`0.1`, not
    /// `0.10000000149011612`).
    private func compact(_ x: Double) -> String {
        var s = "\(Float(x))"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// `[1, 2]` for flat index i of a tensor of `shape`.
    func index(_ i: Int, _ shape: [Int]) -> String {
        var rest = i
        var parts: [Int] = []
        for d in shape.reversed() {
            parts.append(rest % max(d, 1))
            rest /= max(d, 1)
        }
        return "[" + parts.reversed().map(String.init).joined(separator: ", ") + "]"
    }
}
