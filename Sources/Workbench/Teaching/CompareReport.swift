import Autodiff
import Language

/// `compare a b tol=t`: both values, then ✓ when |a − b| ≤ t + t·|b| elementwise, or ✗ with
/// the largest gap and where it is — and, when `a` was written by hand as a product of factors
/// against a gradient, which factor of the chain rule disagrees.
struct CompareReport {
    let numbers: NumberFormat

    struct Verdict {
        let passed: Bool
        let largestGap: Float
        let at: Int
    }

    func verdict(_ a: Tensor, _ b: Tensor, tolerance: Float) -> Verdict {
        let x = a.scalars, y = b.scalars
        var gap: Float = 0, at = 0, passed = true
        for i in 0..<max(x.count, y.count) {
            let u = x[x.count == 1 ? 0 : i], v = y[y.count == 1 ? 0 : i]
            let d = Swift.abs(u - v)
            if !(d <= tolerance + tolerance * Swift.abs(v)) { passed = false }
            if d > gap || d.isNaN { gap = d; at = i }
        }
        return Verdict(passed: passed, largestGap: gap, at: at)
    }

    func render(aText: String, a: Tensor, bText: String, b: Tensor, tolerance: Float, verdict v: Verdict) -> String {
        let width = max(aText.count, bText.count)
        let indent = String(repeating: " ", count: width + 3)
        var lines = [aText.padded(to: width) + " = " + show(a, indent: indent),
                     bText.padded(to: width) + " = " + show(b, indent: indent)]
        let tol = NumberFormat(precision: 0).format(Double(tolerance), scientific: true)
        if v.passed {
            lines.append("✓ equal within tol \(tol)")
        } else {
            let place = max(a.count, b.count) > 1 ? " at \(StepReport(numbers: numbers).index(v.at, a.count >= b.count ? a.shape : b.shape))" : ""
            lines.append("✗ they differ by \(numbers.format(v.largestGap))\(place) (tol \(tol))")
        }
        return lines.joined(separator: "\n")
    }

    /// A value on one line when it fits: a number, or a small tensor's brackets (continued
    /// rows aligned under the first); a large tensor by its shape and size.
    private func show(_ t: Tensor, indent: String) -> String {
        if t.rank == 0 { return numbers.format(t.scalar ?? .nan) }
        guard t.count <= 24 else {
            let s = TensorStatistics(t)
            return "tensor[\(ShapeMath.describe(t.shape))], mean \(numbers.format(s.mean)), ‖·‖ \(numbers.format(s.norm))"
        }
        return TensorFormatter(numbers: numbers).body(t)
            .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent)
    }

    /// Which edge of the chain from L to p is missing from, or wrong in, the product of
    /// `factors` (the values of the factors the person multiplied), or nil if every non-trivial
    /// edge is matched by some subset of the factors.
    static func disagreeingEdges(factors: [Float], edges: [ChainEdge]) -> [ChainEdge] {
        var remaining = Array(factors.indices)
        var unmatched: [ChainEdge] = []
        for edge in edges {
            guard let target = edge.localDerivative, Swift.abs(target - 1) > 1e-6 else { continue }
            if let subset = subsetMatching(target, among: remaining, factors) {
                remaining.removeAll { subset.contains($0) }
            } else {
                unmatched.append(edge)
            }
        }
        return unmatched
    }

    private static func subsetMatching(_ target: Float, among indices: [Int], _ factors: [Float]) -> [Int]? {
        guard indices.count <= 12 else { return nil }
        var best: [Int]?
        for mask in 1..<(1 << indices.count) {
            var product: Float = 1
            var chosen: [Int] = []
            for (bit, i) in indices.enumerated() where mask & (1 << bit) != 0 {
                product *= factors[i]
                chosen.append(i)
            }
            if Swift.abs(product - target) <= 1e-4 * max(1, Swift.abs(target)), chosen.count < (best?.count ?? .max) {
                best = chosen
            }
        }
        return best
    }
}

extension Expr {
    /// The factors of a product as written (`2*(a - y) * a*(1 - a) * x` → five factors).
    var multiplicativeFactors: [Expr] {
        if case .binary(.multiply, let l, let r) = kind { return l.multiplicativeFactors + r.multiplicativeFactors }
        return [self]
    }
}
