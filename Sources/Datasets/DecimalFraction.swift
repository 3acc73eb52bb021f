/// A fraction of rows held as the decimal a person wrote, s × 10⁻ᵏ, so that ⌊n·f⌋ counts rows
/// as that decimal says: 10 rows × 0.7 is 7, where the binary float32 0.699999988 gives 6.
///
/// The language's numbers are float32, so the decimal is recovered from the value: the shortest
/// decimal that reads back as the same float32 (Swift's `description`). For any literal of up to
/// seven significant digits that is the literal as written (`0.7`, `0.29`, `1e-05`).
/// The products are then exact integer arithmetic, never a binary multiply.
public struct DecimalFraction: Equatable, Sendable {
    /// The decimal's digits as a whole number (s of s × 10⁻ᵏ); at most nine digits for a float32.
    public let significand: UInt64
    /// The number of places the point is moved left (k of s × 10⁻ᵏ).
    public let scale: Int

    /// The decimal of `value` (read as float32); nil unless 0 ≤ value < 1 and finite.
    public init?(_ value: Double) {
        let single = Float(value)
        guard single.isFinite, single >= 0, single < 1 else { return nil }
        guard let parts = Self.digits(of: single.description) else { return nil }
        significand = parts.significand
        scale = parts.scale
    }

    /// ⌊n·f⌋, exactly.
    public func floorTimes(_ n: Int) -> Int { product(n).floor }

    /// ⌈n·f⌉, exactly (so ⌊n·(1 − f)⌋ = n − ⌈n·f⌉ needs no subtraction of decimals).
    public func ceilingTimes(_ n: Int) -> Int {
        let p = product(n)
        return p.exact ? p.floor : p.floor + 1
    }

    /// n·s divided by 10ᵏ in 128-bit arithmetic: the floor, and whether nothing was cut off.
    /// n·s < 2⁶³·10⁹ fits in 128 bits; 10ᵏ is divided out in pieces of at most 10¹⁹ (which fit in
    /// 64 bits), and a floor of a floor is the floor of the whole quotient.
    private func product(_ n: Int) -> (floor: Int, exact: Bool) {
        guard n > 0 else { return (0, true) }
        var (high, low) = UInt64(n).multipliedFullWidth(by: significand)
        var exact = true, places = scale
        while places > 0 {
            let piece = Swift.min(places, 19)
            var divisor: UInt64 = 1
            for _ in 0..<piece { divisor *= 10 }
            let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: divisor)
            let (quotientLow, remainder) = divisor.dividingFullWidth((remainderHigh, low))
            if remainder != 0 { exact = false }
            high = quotientHigh
            low = quotientLow
            places -= piece
        }
        // f < 1, so the quotient is at most n and fits in an Int.
        return (Int(low), exact)
    }

    /// The digits and decimal exponent of a float's description (`0.29`, `1e-05`, `1.5e-07`).
    private static func digits(of text: String) -> (significand: UInt64, scale: Int)? {
        let parts = text.split(separator: "e", maxSplits: 1)
        guard let mantissa = parts.first else { return nil }
        var exponent = 0
        if parts.count == 2 {
            guard let e = Int(parts[1]) else { return nil }
            exponent = e
        }
        var significand: UInt64 = 0, fractionDigits = 0, afterPoint = false
        for c in mantissa {
            if c == "." { afterPoint = true; continue }
            guard let d = c.wholeNumberValue, significand < UInt64.max / 100 else { return nil }
            significand = significand * 10 + UInt64(d)
            if afterPoint { fractionDigits += 1 }
        }
        var scale = fractionDigits - exponent
        // A value below 1 has a non-negative scale; strip trailing zeros of the digits otherwise kept.
        while scale < 0 { significand *= 10; scale += 1 }
        while scale > 0, significand != 0, significand % 10 == 0 { significand /= 10; scale -= 1 }
        return (significand, scale)
    }
}
