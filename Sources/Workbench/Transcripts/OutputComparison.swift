import Foundation

/// How `gradbook check` compares a saved output with a replayed one: text exactly, numbers
/// within the precision they were printed with (one unit in the last printed digit), so that
/// a last-digit rounding difference between builds is not a failure but any real change is.
public enum OutputComparison {
    /// A piece of an output line: literal text, or a number with its tolerance.
    enum Token: Equatable {
        case text(String)
        case number(Double, tolerance: Double)
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
                result.append(.number(value, tolerance: unitInLastPlace(text)))
            } else {
                result.append(.text(text))
            }
            last = match.range.location + match.range.length
        }
        if last < ns.length { result.append(.text(ns.substring(from: last))) }
        return result
    }

    /// 1e-4 for `0.0624`, 1e-9 for `1.2345e-05`, 0 for `18049`.
    static func unitInLastPlace(_ text: String) -> Double {
        let lower = text.lowercased()
        let mantissa = lower.split(separator: "e").first.map(String.init) ?? lower
        let exponent = lower.contains("e") ? Int(lower.split(separator: "e").last ?? "0") ?? 0 : 0
        guard let dot = mantissa.firstIndex(of: ".") else {
            return exponent == 0 ? 0 : pow(10, Double(exponent))
        }
        let decimals = mantissa.distance(from: mantissa.index(after: dot), to: mantissa.endIndex)
        return pow(10, Double(exponent - decimals))
    }
}
