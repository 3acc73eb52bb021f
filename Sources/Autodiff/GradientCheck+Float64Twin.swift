extension GradientCheck {
    /// The fraction of the model's largest gradient below which a param's whole float32
    /// gradient is rounding: sums of thousands of float32 terms that cancel keep ~1e-6 of their
    /// size (up to 9e-7 of the largest gradient for a conv bias before batchnorm on 64 digits),
    /// and 1e-5 leaves a margin of 10.
    public static let negligibleFraction: Double = 1e-5

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
    ///
    /// A gradient that is 0 in exact arithmetic — a bias before batchnorm, whose mean the
    /// normalization removes — comes out of float32 autodiff as the rounding of terms that
    /// cancelled, far from 0 relative to itself; a param whose every checked value, on both
    /// sides, is below `negligibleFraction` of the model's largest gradient is therefore judged
    /// absolutely. (So is a param whose gradient vanished by more than that factor: a bug that
    /// keeps it that small goes unseen.)
    public static func check(
        analytic: [Tensor], values: [Tensor], tolerance: Double = 1e-3, maxElements: Int = 64,
        generator: inout RandomGenerator, interrupted: () -> Bool = { false },
        lossInDouble: ([[Double]]) throws(TensorError) -> Double
    ) throws(TensorError) -> [Result] {
        let base = values.map { $0.scalars.map(Double.init) }
        let center = try lossInDouble(base)
        var measured: [Differences] = []
        for (pi, p) in values.enumerated() {
            let indices = sampleIndices(count: p.count, maxElements: maxElements, generator: &generator)
            var d = Differences(indices: indices)
            for (k, i) in indices.enumerated() {
                if interrupted() { d.indices = Array(indices[..<k]); break }
                d.analytic.append(Double(analytic[pi][flat: i]))
                let h = 1e-6 * max(1, Swift.abs(base[pi][i]))
                var up = base, down = base
                up[pi][i] += h
                down[pi][i] -= h
                let lUp = try lossInDouble(up), lDown = try lossInDouble(down)
                d.central.append((lUp - lDown) / (up[pi][i] - down[pi][i]))
                d.right.append((lUp - center) / (up[pi][i] - base[pi][i]))
                d.left.append((center - lDown) / (base[pi][i] - down[pi][i]))
            }
            measured.append(d)
        }
        let negligible = negligibleFraction * (measured.map(\.scale).max() ?? 0)
        var results: [Result] = []
        for (pi, d) in measured.enumerated() {
            guard d.scale > negligible else {
                // Rounding on both sides: no relative error, and no kink, means anything here.
                let verdicts = zip(d.analytic, d.central).map { Verdict(rule: .absolute, error: Swift.abs($0 - $1), limit: negligible) }
                results.append(Result(index: pi, checkedIndices: d.indices, analytic: d.analytic, numeric: d.central, verdicts: verdicts,
                                      tolerance: tolerance, nonSmoothCount: 0))
                continue
            }
            // The analytic side is float32: errors below ~1e-6 of the gradient's scale are its rounding.
            let resolution = 1e-6 * d.scale, floor = relativeFloor * d.scale
            var numeric = d.central, kinks = 0
            for k in d.indices.indices {
                let jump = Swift.abs(d.right[k] - d.left[k])
                guard jump > tolerance * max(Swift.abs(d.right[k]), Swift.abs(d.left[k]), floor) + resolution else { continue }
                kinks += 1
                numeric[k] = Swift.abs(d.right[k] - d.analytic[k]) <= Swift.abs(d.left[k] - d.analytic[k]) ? d.right[k] : d.left[k]
            }
            let verdicts = d.indices.indices.map { k in
                judge(analytic: d.analytic[k], numeric: numeric[k], resolution: resolution, floor: floor, tolerance: tolerance)
            }
            results.append(Result(index: pi, checkedIndices: d.indices, analytic: d.analytic, numeric: numeric, verdicts: verdicts,
                                  tolerance: tolerance, nonSmoothCount: kinks))
        }
        return results
    }
}

/// One param's measurements in the Float64 check: the checked flat indices, autodiff's values
/// and the central and one-sided differences at each.
private struct Differences {
    var indices: [Int]
    var analytic: [Double] = [], central: [Double] = [], right: [Double] = [], left: [Double] = []

    /// The size of the param's gradient: its largest value on either side.
    var scale: Double {
        max(1e-12, central.map { Swift.abs($0) }.max() ?? 0, analytic.map { Swift.abs($0) }.max() ?? 0)
    }
}
