import Autodiff

/// The scale and shift gradients of a normalization summed the slow and obvious way from
/// δ = ∂L/∂y and the input (x̂ computed here in Float64), so that `chain` checks the sums its
/// recurrence prints against the engine's fused backward.
///
/// batchnorm: x `[n, c]` or `[n, c, h, w]`, one γ per channel c, statistics over the batch
/// (and h, w). layernorm: x `[…, d]`, one γ per position of the last axis, statistics over
/// that axis of each row.
enum NormalizationGradientBySums {
    /// Which values share one mean and variance.
    enum Axis {
        /// batchnorm's: the values of one channel, across the batch (and h, w).
        case channels
        /// layernorm's: the values of one row, along the last axis.
        case lastAxis
    }

    /// ∂L/∂γ = Σ δ ⊙ x̂, x̂ = (x − μ)/√(σ² + ε) with the biased variance, as in training;
    /// nil when δ and x differ in shape or x has no such axis.
    static func gamma(delta: Tensor, input: Tensor, axis: Axis, eps: Float) -> [Double]? {
        guard delta.shape == input.shape, let layout = Layout(input.shape, axis) else { return nil }
        let x = input.scalars.map(Double.init), d = delta.scalars
        var xhat = [Double](repeating: 0, count: x.count)
        for group in 0..<layout.groups {
            let members = layout.members(of: group)
            let mean = members.reduce(0) { $0 + x[$1] } / Double(members.count)
            let variance = members.reduce(0) { $0 + (x[$1] - mean) * (x[$1] - mean) } / Double(members.count)
            for k in members { xhat[k] = (x[k] - mean) / (variance + Double(eps)).squareRoot() }
        }
        var sums = [Double](repeating: 0, count: layout.parameters)
        for k in x.indices { sums[layout.parameter(of: k)] += Double(d[k]) * xhat[k] }
        return sums
    }

    /// ∂L/∂β = Σ δ over the values that share one β; nil when δ has no such axis.
    static func beta(delta: Tensor, axis: Axis) -> [Double]? {
        guard let layout = Layout(delta.shape, axis) else { return nil }
        var sums = [Double](repeating: 0, count: layout.parameters)
        for (k, g) in delta.scalars.enumerated() { sums[layout.parameter(of: k)] += Double(g) }
        return sums
    }

    /// Flat indices of a row-major tensor grouped by statistics, and mapped to their param.
    private struct Layout {
        let shape: [Int]
        let axis: Axis

        init?(_ shape: [Int], _ axis: Axis) {
            switch axis {
            case .channels: guard shape.count == 2 || shape.count == 4 else { return nil }
            case .lastAxis: guard !shape.isEmpty else { return nil }
            }
            guard !shape.contains(0) else { return nil }
            self.shape = shape
            self.axis = axis
        }

        private var count: Int { shape.reduce(1, *) }
        /// Elements per channel plane (h·w, or 1 for `[n, c]`).
        private var plane: Int { shape.dropFirst(2).reduce(1, *) }

        /// How many γ there are: channels, or the last axis's size.
        var parameters: Int { axis == .channels ? shape[1] : shape[shape.count - 1] }
        /// How many groups share statistics: channels, or rows.
        var groups: Int { axis == .channels ? shape[1] : count / parameters }

        func parameter(of k: Int) -> Int { axis == .channels ? (k / plane) % shape[1] : k % parameters }

        func members(of group: Int) -> [Int] {
            switch axis {
            case .lastAxis: return Array(group * parameters..<(group + 1) * parameters)
            case .channels:
                return (0..<shape[0]).flatMap { s in
                    let start = (s * shape[1] + group) * plane
                    return Array(start..<start + plane)
                }
            }
        }
    }
}
