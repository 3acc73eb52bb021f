import Foundation

/// One axis: the extent it covers and its tick values, rounded to 1, 2 or 5 × 10ᵏ
/// (Heckbert's "nice numbers", as most plotting libraries choose them).
///
/// Every input is survivable: equal bounds are widened around the value, bounds whose
/// difference overflows are handled at half scale, and nothing here converts a non-finite
/// Double to an integer (which would trap).
public struct AxisScale: Sendable, Equatable {
    /// The extent drawn; data maps linearly onto it.
    public let lower: Double, upper: Double
    /// Tick values inside [lower, upper], ascending.
    public let ticks: [Double]
    /// The distance between ticks (what label precision follows from).
    public let step: Double

    /// A scale over finite data bounds `low...high` with about `targetTicks` ticks. `loose`
    /// widens the extent to the enclosing ticks (a y axis reads better ending on labels);
    /// otherwise the extent is the data's and the ticks fall inside it. `integerSteps` keeps
    /// the step at 1 or more (epochs, counts).
    public init(low: Double, high: Double, targetTicks: Int, loose: Bool, integerSteps: Bool = false) {
        var lo = Swift.min(low, high), hi = Swift.max(low, high)
        if !lo.isFinite || !hi.isFinite { lo = -1; hi = 1 }
        let magnitude = Swift.max(Swift.abs(lo), Swift.abs(hi))
        // A range that is zero, or lost in the values' rounding, is drawn around its value.
        if hi - lo <= magnitude * 1e-12 {
            let half = integerSteps ? 0.5 : (magnitude > 1e-300 ? magnitude * 0.1 : 1)
            lo -= half
            hi += half
        }
        let span = hi - lo
        var step = span.isFinite
            ? AxisScale.niceStep(span: span, targetTicks: targetTicks)
            : AxisScale.niceStep(span: hi / 2 - lo / 2, targetTicks: targetTicks) * 2
        if integerSteps { step = Swift.max(step, 1) }
        if loose, step.isFinite {
            let looseLo = (lo / step).rounded(.down) * step, looseHi = (hi / step).rounded(.up) * step
            if looseLo.isFinite, looseHi.isFinite { lo = looseLo; hi = looseHi }
        }
        lower = lo
        upper = hi
        self.step = step
        ticks = AxisScale.ticks(lo, hi, step: step)
    }

    /// The nice number nearest `span / (targetTicks − 1)` (Heckbert's rounding thresholds).
    static func niceStep(span: Double, targetTicks: Int) -> Double {
        let raw = span / Double(Swift.max(targetTicks - 1, 1))
        guard raw.isFinite, raw > 0 else { return 1 }
        let power = Double.pow10(Int(log10(raw).rounded(.down)))
        let residual = raw / power
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * power
    }

    /// The multiples of `step` in [lo, hi], at most 100 of them.
    static func ticks(_ lo: Double, _ hi: Double, step: Double) -> [Double] {
        guard step.isFinite, step > 0 else { return [lo, hi] }
        // The tolerance keeps a bound like 0.30000000000000004 (3 × 0.1) from losing its tick.
        let first = (lo / step - 1e-9).rounded(.up)
        guard first.isFinite, Swift.abs(first) < 1e15 else { return [lo, hi] }
        var result: [Double] = []
        var k = first
        while result.count < 100 {
            let t = k * step
            guard t.isFinite, t <= hi + step * 1e-9 else { break }
            // Snap values like 0.30000000000000004 and -0.0 to what the label will say.
            result.append(t == 0 ? 0 : t)
            k += 1
        }
        return result.isEmpty ? [lo, hi] : result
    }

    /// Where `value` lies between lower (0) and upper (1); computed at half scale so that
    /// a range of ±1e308 does not overflow.
    public func fraction(_ value: Double) -> Double {
        let span = upper / 2 - lower / 2
        guard span > 0 else { return 0.5 }
        return (value / 2 - lower / 2) / span
    }
}

extension Double {
    /// 10ᵏ for an integer exponent, exact for the exponents labels use.
    static func pow10(_ k: Int) -> Double {
        var result = 1.0
        let base = k < 0 ? 0.1 : 10.0
        for _ in 0..<Swift.min(Swift.abs(k), 400) { result *= base }
        // Repeated multiplication by 0.1 drifts; division by 10ᵏ does not for k ≤ 22.
        if k < 0, k >= -22 { return 1 / pow10(-k) }
        return result
    }
}

/// The nearest integer to `x`, clamped into `range`; NaN goes to the lower bound. Every
/// Double-to-Int conversion in the plots goes through here, since `Int(x)` traps on NaN,
/// infinity and values beyond Int's range.
@inline(__always)
func clampedIndex(_ x: Double, _ range: ClosedRange<Int>) -> Int {
    guard x.isFinite else { return x == .infinity ? range.upperBound : range.lowerBound }
    let r = x.rounded()
    if r <= Double(range.lowerBound) { return range.lowerBound }
    if r >= Double(range.upperBound) { return range.upperBound }
    return Int(r)
}
