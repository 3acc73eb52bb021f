import Autodiff

/// `chain L p`: ∂L/∂p as the chain rule — every path from L down to p, each edge's local
/// derivative as a formula in the session's names and as a number (a shape for tensors), the
/// product along each path, the sum over paths, and autodiff's value with ✓ or ✗.
struct ChainReport {
    let names: GraphNames
    let numbers: NumberFormat
    let lossName: String
    let paramName: String
    /// Agreement threshold for ✓ (relative to the gradient's size).
    static let tolerance: Float = 1e-4

    func render(_ chain: ChainRule, param: Tensor) -> String {
        var lines: [String] = []
        let listed = chain.paths.count
        let total = ChainReport.count(chain.totalPaths)
        let isScalar = param.count == 1 && chain.paths.allSatisfy { $0.edges.allSatisfy { $0.localDerivative != nil } }
        lines.append("∂\(lossName)/∂\(paramName) by the chain rule: \(total) path\(chain.totalPaths == 1 ? "" : "s") from \(lossName) to \(paramName)")
        if chain.totalPaths > 1 { lines.append("  ∂\(lossName)/∂\(paramName) = Σⱼ ∂\(lossName)/∂zⱼ · ∂zⱼ/∂\(paramName), one term per path") }
        for (k, path) in chain.paths.enumerated() {
            if chain.totalPaths > 1 { lines.append("path \(k + 1):") }
            lines += isScalar ? scalarPath(path) : tensorPath(path)
        }
        if chain.omittedPaths > 0 {
            let more = chain.totalPaths > ChainRule.maxCountedPaths ? "more than \(chain.omittedPaths)" : "\(chain.omittedPaths)"
            let why = chain.edgeLimitReached ? "not listed: listing stops at \(ChainRule.maxListedEdges) edges" : "not listed"
            lines.append("… and \(more) more path\(chain.omittedPaths == 1 ? "" : "s") (\(why))")
        }
        if isScalar, listed > 1 || (listed > 0 && chain.omittedPaths > 0) {
            let terms = chain.paths.map { numbers.format($0.contribution.scalar ?? .nan) }.joined(separator: " + ")
            let which = chain.omittedPaths > 0 ? "the \(listed) listed path\(listed == 1 ? "" : "s")" : "paths"
            lines.append("sum over \(which): \(terms) = \(numbers.format(chain.sum.scalar ?? .nan))")
        }
        if chain.omittedPaths > 0 {
            // Never judge the listed part against the whole: the whole is summed separately.
            let part = listed == 0 ? "no path is listed" : "the listed paths are \(listed) of \(total)"
            let paths = "\(total) path\(chain.totalPaths == 1 ? "" : "s")"
            let whole = isScalar ? "the sum over all \(paths) is \(numbers.format(chain.fullSum.scalar ?? .nan)) (computed without listing them)"
                : "the check below sums all \(paths) (without listing them)"
            lines.append("\(part); \(whole)")
        }
        lines.append(verdict(chain, isScalar: isScalar))
        return lines.joined(separator: "\n")
    }

    /// A rule as the right factor of ⊙: in parentheses when a sum or difference is at its top
    /// level (`δ ⊙ (1 − tanh²(z))`, not `δ ⊙ 1 − tanh²(z)`, which reads as a difference).
    static func grouped(_ rule: String) -> String {
        let chars = Array(rule)
        var depth = 0
        for (k, c) in chars.enumerated() {
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth -= 1 }
            // A binary + or −: spaces on both sides (a sign, as in −0.1, has none after it).
            let binary = (c == "−" || c == "+") && k > 0 && k + 1 < chars.count && chars[k - 1] == " " && chars[k + 1] == " "
            if binary && depth == 0 { return "(\(rule))" }
        }
        return rule
    }

    /// A path count: exact up to `ChainRule.maxCountedPaths`, then "more than" it.
    static func count(_ paths: Double) -> String {
        paths > ChainRule.maxCountedPaths ? "more than 10^15" : String(Int(paths))
    }

    private func scalarPath(_ path: ChainPath) -> [String] {
        var rows: [(String, String, String)] = []
        for edge in path.edges {
            let node = edge.node
            let inputNames = node.inputs.map { names.name(of: $0) }
            let nodeName = names.name(of: node)
            let formula = node.op.forward(inputNames)
            let definition = nodeName == formula ? nodeName : "\(nodeName) = \(formula)"
            let derivative = "∂\(GraphNames.inDerivative(nodeName))/∂\(GraphNames.inDerivative(inputNames[edge.inputIndex])) = \(names.localDerivative(node, edge.inputIndex))"
            rows.append((definition, derivative, numbers.format(edge.localDerivative ?? .nan)))
        }
        let w1 = rows.map(\.0.count).max() ?? 0, w2 = rows.map(\.1.count).max() ?? 0
        var lines = rows.map { "  " + $0.0.padded(to: w1) + "   " + $0.1.padded(to: w2) + " = " + $0.2 }
        let factors = path.edges.map { numbers.format($0.localDerivative ?? .nan) }.joined(separator: " × ")
        lines.append("  product: \(factors) = \(numbers.format(path.contribution.scalar ?? .nan))")
        return lines
    }

    private func tensorPath(_ path: ChainPath) -> [String] {
        var lines: [String] = []
        for edge in path.edges {
            let node = edge.node
            let inputNames = node.inputs.map { names.name(of: $0) }
            let nodeName = names.name(of: node)
            let child = node.inputs[edge.inputIndex]
            let childName = inputNames[edge.inputIndex]
            let shapeNote: String
            if node.op == .matmul {
                let a = node.inputs[0].shape, b = node.inputs[1].shape
                shapeNote = edge.inputIndex == 0
                    ? "[\(dims([a[0], b.last ?? 1]))]·[\(dims([b.last ?? 1, b[0]]))] → [\(dims(child.shape))]"
                    : "[\(dims([a.last ?? 1, a[0]]))]·[\(dims([a[0], b.last ?? 1]))] → [\(dims(child.shape))]"
            } else {
                shapeNote = "[\(dims(child.shape))]"
            }
            let rule = names.localDerivative(node, edge.inputIndex)
            let d = GraphNames.inDerivative(childName)
            let text: String
            switch node.op {
            case .matmul, .conv2d, .maxpool2d, .avgpool2d, .batchNorm, .layerNorm, .embedding:  // rules written in δ
                text = "∂\(lossName)/∂\(d) = " + rule.replacingOccurrences(of: "δ", with: delta(nodeName))
            case .sum:
                text = "∂\(lossName)/∂\(d) = \(delta(nodeName)) broadcast to \(childName)'s shape"
            case .mean:
                text = "∂\(lossName)/∂\(d) = \(delta(nodeName))/n broadcast to \(childName)'s shape"
            case .add, .subtract, .broadcast:
                let sign = node.op == .subtract && edge.inputIndex == 1 ? "−" : ""
                text = "∂\(lossName)/∂\(d) = \(sign)\(delta(nodeName))" + (child.shape != node.shape ? " summed over the broadcast axes" : "")
            case .softmax:
                text = "∂\(lossName)/∂\(d) = s ⊙ (δ − Σ(δ ⊙ s)), s = \(nodeName), δ = \(delta(nodeName))"
            case .logSoftmax:
                text = "∂\(lossName)/∂\(d) = δ − softmax(\(childName))·Σδ, δ = \(delta(nodeName))"
            case .reshape, .transpose, .slice, .concat:
                text = "∂\(lossName)/∂\(d) = \(delta(nodeName)), \(rule)"
            default:
                text = "∂\(lossName)/∂\(d) = \(delta(nodeName)) ⊙ " + ChainReport.grouped(rule)
            }
            lines.append("  " + text.padded(to: 44) + "  " + shapeNote)
        }
        return lines
    }

    private func verdict(_ chain: ChainRule, isScalar: Bool) -> String {
        guard let autodiff = chain.autodiff else {
            return "autodiff: no gradient yet: backward \(lossName) was not run (the products above need none)"
        }
        // The sum over every path is compared, listed or not, so that leaving paths out of the
        // listing can never show as a disagreement.
        let a = autodiff.scalars, s = chain.fullSum.scalars
        var gap: Float = 0
        var scale: Float = 0
        for (x, y) in zip(a, s) {
            gap = Swift.max(gap, Swift.abs(x - y))
            scale = Swift.max(scale, Swift.abs(x))
        }
        let ok = gap <= ChainReport.tolerance * Swift.max(1, scale)
        let mark = ok ? "✓" : "✗"
        // The gap itself is float32 rounding when they agree; it is shown only when they do not.
        let gapText = ok ? "" : " (|Δ| = \(numbers.format(gap)))"
        if isScalar {
            return "autodiff: ∂\(lossName)/∂\(paramName) = \(numbers.format(a.first ?? .nan)) \(mark)\(gapText)"
        }
        let what = chain.omittedPaths > 0 ? "Σ all \(ChainReport.count(chain.totalPaths)) paths" : "Σ paths"
        let agreement = ok ? "agree to float32 rounding" : "max |Δ| = \(numbers.format(gap))"
        return "\(what) vs autodiff ∂\(lossName)/∂\(paramName) [\(dims(autodiff.shape))]: \(agreement) \(mark)"
    }

    /// δ(z) = ∂L/∂z, without doubling parentheses around a formula name.
    private func delta(_ name: String) -> String {
        let wrapped = GraphNames.inDerivative(name)
        return wrapped.hasPrefix("(") ? "δ" + wrapped : "δ(\(name))"
    }

    /// A shape as the teaching lines write it: `28×10`, and `1` for a scalar.
    static func dims(_ shape: [Int]) -> String { shape.isEmpty ? "1" : shape.map(String.init).joined(separator: "×") }

    private func dims(_ shape: [Int]) -> String { Self.dims(shape) }
}
