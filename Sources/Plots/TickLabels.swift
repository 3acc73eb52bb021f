import Foundation

/// Labels for tick values: every label of one axis in one notation with the decimals its
/// step needs (`0.25, 0.50, 0.75`; `0, 500, 1000`), switching to short scientific notation
/// (`1e6`, `2.5e-7`) when fixed notation would need more than 6 digits before or after the point.
public enum TickLabels {
    public static func labels(for ticks: [Double], step: Double) -> [String] {
        let magnitude = ticks.map { Swift.abs($0) }.max() ?? 0
        let stepExponent = step > 0 && step.isFinite ? Int(log10(step).rounded(.down)) : 0
        if magnitude >= 1e6 || stepExponent < -5 {
            let topExponent = magnitude > 0 && magnitude.isFinite ? Int(log10(magnitude).rounded(.down)) : 0
            let digits = Swift.min(Swift.max(topExponent - stepExponent, 0), 6)
            return ticks.map { scientific($0, digits: digits) }
        }
        let decimals = Swift.min(Swift.max(-stepExponent, 0), 6)
        return ticks.map { fixed($0, decimals: decimals) }
    }

    /// `x` with `decimals` digits after the point, never `-0`.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(decimals)f", x)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    /// `x` as `m.mmme±k` trimmed to its shortest form: `1e6`, `2.5e-7`, `-3e-12`.
    public static func scientific(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return fixed(x, decimals: 0) }
        if x == 0 { return "0" }
        let text = String(format: "%.\(digits)e", x)
        guard let e = text.firstIndex(of: "e") else { return text }
        var mantissa = String(text[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return "\(mantissa)e\(exponent)"
    }

    /// A value in running text (means, ranges): 4 significant decimals, or scientific.
    public static func value(_ x: Double) -> String {
        let magnitude = Swift.abs(x)
        if x != 0, x.isFinite, magnitude >= 1e6 || magnitude < 1e-4 { return scientific(x, digits: 3) }
        return fixed(x, decimals: 4)
    }
}
