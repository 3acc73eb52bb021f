/// Autodiff checked against central finite differences, one param element at a time.
///
/// float32 makes naive differences unreliable: with step h the rounding error is about ε·|L|/h
/// and the truncation error about h²·|L‴|, so no h makes both small. Richardson extrapolation
/// of two central differences, D = (4·D(h/2) − D(h))/3, cancels the h² term, which lets h be
/// large (1e-2 relative). What rounding still leaves — a few ulps of L divided by h — is
/// estimated per element and not counted against autodiff: the relative error is
/// max(0, |a − n| − noise) / max(|a|, |n|). A wrong pullback is off by the size of the gradient
/// itself and cannot hide in that margin. Where both values lie within the noise, a relative
/// error means nothing and the absolute error is judged instead (see `judge`).
public enum GradientCheck {
    /// Relative step: h = stepScale · max(1, |θ|).
    public static let stepScale: Float = 1e-2
    /// Gradients smaller than this fraction of the largest numeric gradient of the same param
    /// are compared absolutely (relative error of noise around 0 means nothing).
    public static let relativeFloor: Double = 1e-3

    /// The verdict for one param.
    public struct Result: Sendable {
        /// The param's position in the list passed to `check`.
        public let index: Int
        /// The flat indices that were checked (all of them, or a seeded sample of large params).
        public let checkedIndices: [Int]
        /// Autodiff's and the finite-difference gradient at `checkedIndices`.
        public let analytic: [Double], numeric: [Double]
        /// Each checked element's judgement, in the order of `checkedIndices`.
        public let verdicts: [Verdict]
        /// The worst element's judgement (the one closest to failing, or failing), and its flat index.
        public let worst: Verdict
        public let worstIndex: Int
        public let tolerance: Double
        /// Checked elements where the loss has a kink within the smallest step tried.
        public let nonSmoothCount: Int
        public var passed: Bool { verdicts.allSatisfy(\.passed) }
        /// The largest relative error among the elements judged by relative error (0 if none).
        public var maxRelativeError: Double {
            verdicts.filter { $0.rule == .relative }.map(\.error).reduce(0) { !($1 <= $0) ? $1 : $0 }
        }

        init(index: Int, checkedIndices: [Int], analytic: [Double], numeric: [Double], verdicts: [Verdict],
             tolerance: Double, nonSmoothCount: Int) {
            self.index = index
            self.checkedIndices = checkedIndices
            self.analytic = analytic
            self.numeric = numeric
            self.verdicts = verdicts
            let worst = GradientCheck.worst(verdicts, at: checkedIndices)
            self.worst = worst?.verdict ?? Verdict(rule: .relative, error: 0, limit: tolerance)
            self.worstIndex = worst?.index ?? 0
            self.tolerance = tolerance
            self.nonSmoothCount = nonSmoothCount
        }
    }

    /// The most elements checked per param: each costs several evaluations of the loss
    /// (central differences with extrapolation), so more would run for minutes.
    public static let maxSamples = 4096

    /// Checks ∂L/∂p for each param p, where `loss` rebuilds the scalar L from the params.
    ///
    /// - `maxElements`: params with more elements are checked at that many sampled positions,
    ///   chosen by `generator` (deterministic for a seed).
    /// - `interrupted` is asked before each position (each costs a few forward passes); a yes
    ///   ends the check with the positions done so far (Ctrl-C during `samples=1000000`).
    public static func check(
        params: [Tensor], tolerance: Double = 1e-3, maxElements: Int = 64,
        generator: inout RandomGenerator, interrupted: () -> Bool = { false },
        loss: ([Tensor]) throws(TensorError) -> Tensor
    ) throws(TensorError) -> [Result] {
        let leaves = params.map { $0.node?.isLeaf == true ? $0 : $0.param() }
        let l = try loss(leaves)
        guard l.count == 1 else { throw .nonScalarBackward(shape: l.shape) }
        if l.requiresGrad { try l.backward() }

        var results: [Result] = []
        for (pi, p) in leaves.enumerated() {
            let analyticGrad = p.grad ?? Tensor(zerosOf: p.shape)
            let indices = sampleIndices(count: p.count, maxElements: maxElements, generator: &generator)
            var analytic: [Double] = [], numeric: [Double] = [], noise: [Double] = []
            var nonSmooth = 0
            var checked = indices
            for (k, i) in indices.enumerated() {
                if interrupted() { checked = Array(indices[..<k]); break }
                analytic.append(Double(analyticGrad[flat: i]))
                let estimate = try numericDerivative(params: leaves, param: pi, index: i, loss: loss)
                numeric.append(estimate.value)
                noise.append(estimate.noise)
                if !estimate.smooth { nonSmooth += 1 }
            }
            let scale = max(1e-12, numeric.map { Swift.abs($0) }.max() ?? 0, analytic.map { Swift.abs($0) }.max() ?? 0)
            let verdicts = checked.indices.map { k in
                judge(analytic: analytic[k], numeric: numeric[k], resolution: noise[k], floor: relativeFloor * scale, tolerance: tolerance)
            }
            results.append(Result(index: pi, checkedIndices: checked, analytic: analytic, numeric: numeric,
                                  verdicts: verdicts, tolerance: tolerance, nonSmoothCount: nonSmooth))
        }
        return results
    }

    /// (4·D(h/2) − D(h))/3 for param `param` at flat `index`, D a central difference, with an
    /// estimate of its rounding noise: each evaluation of L is good to a few ulps, and
    /// Richardson's weights turn an error e in L into at most 1.5·e/h.
    ///
    /// A kink (relu at 0, max with a close runner-up) within h of θ makes the difference
    /// meaningless; `smooth` is false when the estimate with h/10 disagrees, which flags it.
    /// (Model checks avoid the problem altogether with a Float64 twin of the loss.)
    static func numericDerivative(
        params: [Tensor], param: Int, index: Int, loss: ([Tensor]) throws(TensorError) -> Tensor
    ) throws(TensorError) -> (value: Double, noise: Double, smooth: Bool) {
        let x = params[param][flat: index]
        let h = stepScale * max(1, Swift.abs(x))
        let estimate = try richardson(params, param, index, x, h, loss)
        let finer = try richardson(params, param, index, x, h / 10, loss)
        let scale = max(Swift.abs(estimate.value), Swift.abs(finer.value))
        let smooth = Swift.abs(estimate.value - finer.value) <= 1e-2 * scale + finer.noise + estimate.noise
        return (estimate.value, estimate.noise, smooth)
    }

    private static func richardson(
        _ params: [Tensor], _ param: Int, _ index: Int, _ x: Float, _ h: Float,
        _ loss: ([Tensor]) throws(TensorError) -> Tensor
    ) throws(TensorError) -> (value: Double, noise: Double) {
        var largest: Float = 0
        func central(_ step: Float) throws(TensorError) -> Double {
            // The step actually taken is what float32 can represent: (x + h) − x.
            let up = x + step, down = x - step
            let fUp = try evaluate(params, param, index, up, loss)
            let fDown = try evaluate(params, param, index, down, loss)
            largest = Swift.max(largest, Float(Swift.abs(fUp)), Float(Swift.abs(fDown)))
            return (fUp - fDown) / (Double(up) - Double(down))
        }
        let coarse = try central(h), fine = try central(h / 2)
        let noise = noiseUlps * Double(largest.ulp) / Double(h)
        return ((4 * fine - coarse) / 3, noise)
    }

    /// Ulps of L assumed lost per evaluation, times Richardson's amplification: generous,
    /// because the ops inside L round too, and a wrong pullback is off by far more.
    static let noiseUlps: Double = 8

    private static func evaluate(
        _ params: [Tensor], _ param: Int, _ index: Int, _ value: Float,
        _ loss: ([Tensor]) throws(TensorError) -> Tensor
    ) throws(TensorError) -> Double {
        var perturbed = params.map(\.detached)
        perturbed[param].withUnsafeMutableBufferPointer { $0[index] = value }
        let l = try loss(perturbed)
        return Double(l[flat: 0])
    }

    static func sampleIndices(count: Int, maxElements: Int, generator: inout RandomGenerator) -> [Int] {
        guard count > maxElements else { return Array(0..<count) }
        var all = Array(0..<count)
        for i in 0..<maxElements { all.swapAt(i, i + generator.nextInt(below: count - i)) }
        return all[..<maxElements].sorted()
    }
}
