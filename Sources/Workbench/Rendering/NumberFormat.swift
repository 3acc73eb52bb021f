import Foundation

/// How numbers print (docs/language.md, "Output"): `precision` decimals; scientific notation for magnitudes
/// below 10⁻ᴺ (but not 0) or at least 10⁶; `nan`, `inf`, `-inf`; no negative zero.
public struct NumberFormat: Sendable, Equatable {
    /// Decimals after the point (`precision N`).
    public var precision: Int

    public init(precision: Int = 4) {
        self.precision = precision
    }

    /// Whether `x` needs scientific notation at this precision.
    public func needsScientific(_ x: Double) -> Bool {
        guard x.isFinite, x != 0 else { return false }
        let magnitude = Swift.abs(x)
        return magnitude >= 1e6 || magnitude < pow(10, Double(-precision))
    }

    /// One number, choosing fixed or scientific notation for it alone.
    public func format(_ x: Double) -> String {
        format(x, scientific: needsScientific(x))
    }

    /// One number in the given notation.
    public func format(_ x: Double, scientific: Bool) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        let text = String(format: scientific ? "%.\(precision)e" : "%.\(precision)f", x)
        // "-0.0000" says nothing a person can use; print the zero plainly.
        if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
        return text
    }

    public func format(_ x: Float) -> String { format(Double(x)) }
}
