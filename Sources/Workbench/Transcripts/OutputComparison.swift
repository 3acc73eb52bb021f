import Foundation

/// How `gradbook check` compares a saved output with a replayed one: text exactly, numbers
/// within the precision they were printed with (one unit in the last printed digit of the
/// mantissa, relative to the saved value), so that a last-digit rounding difference between
/// builds is not a failure but any real change is. A mantissa without decimals (`18049`,
/// `1e300`) is exact, and a saved number that overflows or underflows a Double (`1.0e999`)
/// matches only the same text: its digits, not its value, are what was saved.
public enum OutputComparison {
    /// A piece of an output line: literal text, or a number with its tolerance.
    enum Token: Equatable {
        case text(String)
        case number(Double, tolerance: Double)
        /// A number a Double cannot hold (it parsed to ±infinity, or to 0 from nonzero digits).
        case unrepresentable(String)
    }

    /// Whether `actual` matches `expected`.
    public static func matches(expected: String, actual: String) -> Bool {
        let e = lines(expected), a = lines(actual)
        guard e.count == a.count else { return false }
        return zip(e, a).allSatisfy { lineMatches(expected: $0, actual: $1) }
    }

    /// The index of the first line that differs, or nil.
    public static func firstDifference(expected: String, actual: String) -> Int? {
        let e = lines(expected), a = lines(actual)
        for i in 0..<max(e.count, a.count) {
            guard i < e.count, i < a.count, lineMatches(expected: e[i], actual: a[i]) else { return i }
        }
        return nil
    }

    static func lines(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingSpaces() }
    }

    static func lineMatches(expected: String, actual: String) -> Bool {
        if expected == actual { return true }
        let e = tokens(expected), a = tokens(actual)
        guard e.count == a.count else { return false }
        for (x, y) in zip(e, a) {
            switch (x, y) {
            case let (.text(s), .text(t)):
                guard s == t else { return false }
            case let (.unrepresentable(s), .unrepresentable(t)):
                guard s == t else { return false }
            case let (.number(u, tolerance), .number(v, _)):
                if u.isNaN && v.isNaN { continue }
                guard u == v || Swift.abs(u - v) <= tolerance * (1 + 1e-9) else { return false }
            default:
                return false
            }
        }
        return true
    }

    private static let numberPattern = try? NSRegularExpression(
        pattern: #"(?<![A-Za-z_0-9.])[-+]?(?:\d+\.\d+|\d+)(?:[eE][-+]?\d+)?(?![A-Za-z_0-9])"#)

    /// Splits a line into text and numbers; a number's tolerance is one unit in its last digit.
    static func tokens(_ line: String) -> [Token] {
        guard let pattern = numberPattern else { return [.text(line)] }
        let ns = line as NSString
        var result: [Token] = []
        var last = 0
        for match in pattern.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            if match.range.location > last {
                result.append(.text(ns.substring(with: NSRange(location: last, length: match.range.location - last))))
            }
            let text = ns.substring(with: match.range)
            if let value = Double(text) {
                result.append(representable(value, text) ? .number(value, tolerance: unitInLastPlace(text)) : .unrepresentable(text))
            } else {
                result.append(.text(text))
            }
            last = match.range.location + match.range.length
        }
        if last < ns.length { result.append(.text(ns.substring(from: last))) }
        return result
    }

    /// Whether `value` (parsed from `text`) is the number the digits say: not an overflow to
    /// infinity, not an underflow of nonzero digits to 0.
    static func representable(_ value: Double, _ text: String) -> Bool {
        guard value.isFinite else { return false }
        guard value == 0 else { return true }
        return !mantissa(of: text).contains { ("1"..."9").contains($0) }
    }

    private static func mantissa(of text: String) -> Substring {
        text.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? Substring(text)
    }

    /// One unit in the last digit of the mantissa, scaled as the value is: 1e-4 for `0.0624`,
    /// 1e-9 for `1.2345e-05`, 1e298 for `1.23e300`; 0 (exact) when the mantissa has no decimals
    /// (`18049`, `1e300`). Computed relative to the value, so that no power of ten in between
    /// overflows (`1.5e308`).
    static func unitInLastPlace(_ text: String) -> Double {
        let digits = mantissa(of: text)
        guard let dot = digits.firstIndex(of: "."), let m = Double(digits), let value = Double(text) else { return 0 }
        let decimals = digits.distance(from: digits.index(after: dot), to: digits.endIndex)
        let unit = pow(10, -Double(decimals))
        // A zero mantissa (`0.0000`, `0.00e5`): the unit in its own scale.
        guard m != 0 else { return unit * pow(10, Double(exponent(of: text))) }
        return Swift.abs(value) * (unit / Swift.abs(m))
    }

    private static func exponent(of text: String) -> Int {
        let parts = text.split(whereSeparator: { $0 == "e" || $0 == "E" })
        return parts.count == 2 ? Int(parts[1]) ?? 0 : 0
    }
}
