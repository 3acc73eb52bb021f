#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A number literal's value, read once from its digits.
///
/// Three readings of the same text, each correctly rounded from the decimal as written:
/// - `value`, a Double, for numbers used as such (`split(data, 0.29)`, `tol=1e-300`);
/// - `float`, the float32 a tensor holds. Rounding `value` to float32 again would round twice
///   and can land on the wrong side of a halfway point (`1.00000005960464477539062501` is
///   1.0000001, not 1.0): this is the CSV reader's rounding, so a literal and a CSV field agree;
/// - `integer`, the exact whole number when the literal is one, so that counts and sizes above
///   2^24 (where float32 no longer holds every whole number) keep their last unit.
public struct NumberLiteral: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// The nearest Double.
    public let value: Double
    /// The nearest float32 (infinite beyond float32's range, ±3.4028235e38).
    public let float: Float
    /// The exact value when the literal is a whole number that fits in an `Int`.
    public let integer: Int?
    /// The digits as written (for messages). Equality compares `value` and `float`: the
    /// text and the integer reading follow from the digits.
    public let text: String

    /// The literal `text` (digits, an optional fraction and exponent); nil when it is beyond
    /// Double's range.
    public init?(text: String) {
        guard let value = Double(text), value.isFinite else { return nil }
        self.text = text
        self.value = value
        float = NumberLiteral.float32(text)
        integer = NumberLiteral.exactInteger(text)
    }

    public init(_ value: Double) {
        self.value = value
        text = value.literalText
        float = Float(value)
        integer = value == value.rounded() && Swift.abs(value) < 0x1p53 ? Int(value) : nil
    }

    public init(integerLiteral value: Int) { self.init(Double(value)) }

    public init(floatLiteral value: Double) { self.init(value) }

    /// The literal's digits without the point, and the power of ten they are multiplied by:
    /// `12.5e3` is `("125", 2)`. The exponent is clamped to ±100000 (beyond it every float32
    /// is 0 or inf already, and the sum stays in range).
    private static func decompose(_ text: String) -> (digits: String, exponent: Int) {
        var digits = "", fractionDigits = 0, exponent = 0, inFraction = false
        var mantissa = Substring(text)
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            let written = text[text.index(after: e)...]
            exponent = Int(written).map { Swift.max(-100_000, Swift.min(100_000, $0)) } ?? (written.hasPrefix("-") ? -100_000 : 100_000)
        }
        for character in mantissa {
            if character == "." { inFraction = true; continue }
            digits.append(character)
            if inFraction { fractionDigits += 1 }
        }
        return (digits, exponent - fractionDigits)
    }

    /// The correctly rounded float32 of scanned digits (`digits [. digits] [e [±] digits]`).
    ///
    /// C's `strtof` rounds once, from the decimal. The point is moved into the exponent first,
    /// so the conversion does not depend on the locale's decimal separator.
    static func float32(_ text: String) -> Float {
        let (digits, exponent) = decompose(text)
        return strtof(digits + "e" + String(exponent), nil)
    }

    /// The literal's exact value when it is a whole number that fits in an `Int` (`16777217`,
    /// `1.6777217e7`, `2.50e1`), decided from the digits, never from a rounded Double.
    static func exactInteger(_ text: String) -> Int? {
        var (digits, exponent) = decompose(text)
        while exponent < 0, digits.last == "0" {
            digits.removeLast()
            exponent += 1
        }
        guard exponent >= 0, exponent <= 19, var n = Int(digits.isEmpty ? "0" : digits) else { return nil }
        for _ in 0..<exponent {
            let (product, overflow) = n.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            n = product
        }
        return n
    }

    public static func == (a: NumberLiteral, b: NumberLiteral) -> Bool {
        a.value == b.value && a.float.bitPattern == b.float.bitPattern
    }
}
