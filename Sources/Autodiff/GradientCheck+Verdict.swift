extension GradientCheck {
    /// Which test judged an element: relative error, or absolute error where both values are
    /// too small for a relative error to mean anything.
    public enum Rule: Sendable, Equatable {
        /// max(0, |a − n| − resolution) / max(|a|, |n|, floor) ≤ tolerance.
        case relative
        /// |a − n| ≤ resolution, where |a| and |n| are both at most the resolution.
        case absolute
    }

    /// One element's judgement: the rule that decided, the error under that rule, and its limit.
    public struct Verdict: Sendable, Equatable {
        public let rule: Rule
        public let error: Double
        public let limit: Double
        public var passed: Bool { error <= limit }  // NaN fails
        /// How close to failing (error / limit), to find the worst element across both rules.
        var severity: Double { limit > 0 ? error / limit : (error > 0 ? .infinity : 0) }
    }

    /// Judges autodiff's `a` against the numeric `n`.
    ///
    /// `resolution` is the smallest difference the numeric side can tell apart (its rounding
    /// noise). When both values lie within it — autodiff −6.56e−11 against numeric −1.11e−10,
    /// with differences good to 1e−7 — their relative error is noise divided by noise, so the
    /// absolute error is judged and shown instead. Otherwise the relative error, with the
    /// resolution forgiven and `floor` keeping near-zero elements of a large gradient from
    /// dividing by almost nothing.
    static func judge(analytic a: Double, numeric n: Double, resolution: Double, floor: Double, tolerance: Double) -> Verdict {
        let gap = Swift.abs(a - n)
        let resolution = Swift.max(resolution, Double(Float.leastNormalMagnitude))
        if Swift.abs(a) <= resolution, Swift.abs(n) <= resolution {
            return Verdict(rule: .absolute, error: gap, limit: resolution)
        }
        let error = Swift.max(0, gap - resolution) / Swift.max(Swift.abs(a), Swift.abs(n), floor)
        return Verdict(rule: .relative, error: gap.isNaN ? .nan : error, limit: tolerance)
    }

    /// The worst of the elements' verdicts (a failing or NaN one first) and its position.
    static func worst(_ verdicts: [Verdict], at indices: [Int]) -> (verdict: Verdict, index: Int)? {
        var worst: (verdict: Verdict, index: Int)?
        for (verdict, i) in zip(verdicts, indices) {
            guard let current = worst else { worst = (verdict, i); continue }
            if !(verdict.severity <= current.verdict.severity) { worst = (verdict, i) }  // NaN counts as worst
        }
        return worst
    }
}
