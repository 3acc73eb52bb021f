extension GradientCheck {
    /// Checks autodiff's gradients against central differences of a Float64 twin of the loss
    /// (`lossInDouble`, taking every param's values), with h = 1e-6·max(1, |θ|).
    ///
    /// A kink within h of θ — relu at 0, two tied maxima of a pooling window — makes the
    /// central difference the mean of the slopes on its two sides, while autodiff takes one
    /// branch (relu′(0) = 0, the first of tied maxima). The one-sided differences
    /// (L(θ + h) − L(θ))/h and (L(θ) − L(θ − h))/h tell it: away from a kink they agree to
    /// h·|L″|; at one they differ by the jump in slope. Such an element is counted in
    /// `nonSmoothCount` and judged against the nearer one-sided difference (the branch autodiff
    /// should have taken), which is also what `numeric` holds for it.
    public static func check(
        analytic: [Tensor], values: [Tensor], tolerance: Double = 1e-3, maxElements: Int = 64,
        generator: inout RandomGenerator, interrupted: () -> Bool = { false },
        lossInDouble: ([[Double]]) throws(TensorError) -> Double
    ) throws(TensorError) -> [Result] {
        let base = values.map { $0.scalars.map(Double.init) }
        let center = try lossInDouble(base)
        var results: [Result] = []
        for (pi, p) in values.enumerated() {
            let indices = sampleIndices(count: p.count, maxElements: maxElements, generator: &generator)
            var a: [Double] = [], central: [Double] = [], right: [Double] = [], left: [Double] = []
            var checked = indices
            for (k, i) in indices.enumerated() {
                if interrupted() { checked = Array(indices[..<k]); break }
                a.append(Double(analytic[pi][flat: i]))
                let h = 1e-6 * max(1, Swift.abs(base[pi][i]))
                var up = base, down = base
                up[pi][i] += h
                down[pi][i] -= h
                let lUp = try lossInDouble(up), lDown = try lossInDouble(down)
                central.append((lUp - lDown) / (up[pi][i] - down[pi][i]))
                right.append((lUp - center) / (up[pi][i] - base[pi][i]))
                left.append((center - lDown) / (base[pi][i] - down[pi][i]))
            }
            // The analytic side is float32: errors below ~1e-6 of the gradient's scale are its rounding.
            let scale = max(1e-12, central.map { Swift.abs($0) }.max() ?? 0, a.map { Swift.abs($0) }.max() ?? 0)
            let resolution = 1e-6 * scale, floor = relativeFloor * scale
            var numeric = central, kinks = 0
            for k in checked.indices {
                let jump = Swift.abs(right[k] - left[k])
                guard jump > tolerance * max(Swift.abs(right[k]), Swift.abs(left[k]), floor) + resolution else { continue }
                kinks += 1
                numeric[k] = Swift.abs(right[k] - a[k]) <= Swift.abs(left[k] - a[k]) ? right[k] : left[k]
            }
            let verdicts = checked.indices.map { k in
                judge(analytic: a[k], numeric: numeric[k], resolution: resolution, floor: floor, tolerance: tolerance)
            }
            results.append(Result(index: pi, checkedIndices: checked, analytic: a, numeric: numeric, verdicts: verdicts,
                                  tolerance: tolerance, nonSmoothCount: kinks))
        }
        return results
    }
}
