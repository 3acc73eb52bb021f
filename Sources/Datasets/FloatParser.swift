/// Decimal text to the correctly rounded float32, read straight from bytes.
///
/// The CSV loader calls this for every field, so it works on a pointer with no allocation.
/// The bytes up to `end` may be read, and `end` itself holds a byte that cannot continue a
/// number (the loader's buffer ends with a NUL), so the byte-at-a-time scans stop by themselves
/// and only the 8-digits-at-a-time step needs the bound.
///
/// The grammar is that of `Float(String)` without hexadecimal: `[+-]` then digits with an
/// optional `.` (`1`, `1.`, `.5`), then an optional exponent `e±digits`; or `inf`, `infinity`,
/// `nan` in any case. The value is the one `Float(String)` gives, i.e. correctly rounded:
///
/// 1. Up to 18 significant digits accumulate into an integer `w` (up to eight at a time, see
///    `readDigits`), so the text is `w·10^q` (exactly, or just above `w·10^q` when later digits
///    were dropped — then w ≥ 10^17, so the dropped part is below 10⁻¹⁷ of the value).
/// 2. `w ≤ 2^24` and `|q| ≤ 10`: `Float(w)` and `10^|q|` are exact, and one multiplication or
///    division rounds once — the correctly rounded result (Clinger's fast path, for float32).
/// 3. Otherwise `d ≈ w·10^q` in Double with at most five roundings (relative error ≤ 5·2⁻⁵³).
///    The true value lies in `[d(1 − 2⁻⁴⁹), d(1 + 2⁻⁴⁹)]`; rounding to float32 is monotonic, so
///    if both ends round to the same float, so does the true value. They differ only when the
///    value sits within about 2⁻²⁵ ulp of a halfway point (about one in 10⁷ random inputs).
/// 4. Then, and for exponents outside the fast range, `Float(String)` decides (exact, slow).
enum FloatParser {
    /// The number at `cursor`, advancing past it; nil (and `cursor` unchanged) when none starts
    /// there. Stops at the first byte that cannot continue the number, like `strtof`.
    @inline(__always)
    static func parse(_ cursor: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Float? {
        var p = cursor
        var negative = false
        if p.pointee == UInt8(ascii: "-") {
            negative = true
            p += 1
        } else if p.pointee == UInt8(ascii: "+") {
            p += 1
        }
        let unsigned = p
        let letter = p.pointee | 0x20
        if letter == UInt8(ascii: "i") || letter == UInt8(ascii: "n") {
            guard let special = parseSpecial(&p) else { return nil }
            cursor = p
            return negative ? -special : special
        }

        var w: UInt64 = 0
        var kept = 0          // significant digits in w, at most 18 (w < 10^18 < 2^63: a signed convert)
        var q = 0             // the decimal exponent of w's last digit
        var truncated = false // a nonzero digit was dropped after the 18th
        readDigits(&p, end, &w, &kept, &q, &truncated, fraction: false)
        var sawDigit = p != unsigned
        if p.pointee == UInt8(ascii: ".") {
            p += 1
            let fraction = p
            if w == 0 { while p.pointee == UInt8(ascii: "0") { p += 1; q &-= 1 } }  // 0.000123: not significant
            readDigits(&p, end, &w, &kept, &q, &truncated, fraction: true)
            sawDigit = sawDigit || p != fraction
        }
        guard sawDigit else { return nil }
        if p.pointee | 0x20 == UInt8(ascii: "e") {
            // "1e" and "1e+" end the number before the "e", as strtof does.
            var e = p + 1
            var negativeExponent = false
            if e.pointee == UInt8(ascii: "-") { negativeExponent = true; e += 1 } else if e.pointee == UInt8(ascii: "+") { e += 1 }
            if e.pointee &- UInt8(ascii: "0") <= 9 {
                var exponent = 0
                while true {
                    let d = e.pointee &- UInt8(ascii: "0")
                    if d > 9 { break }
                    if exponent < 1_000_000 { exponent = exponent &* 10 &+ Int(d) }  // saturates: 1e9999999 is inf
                    e += 1
                }
                q &+= negativeExponent ? -exponent : exponent
                p = e
            }
        }
        cursor = p
        let magnitude = value(w: w, q: q, truncated: truncated, text: unsigned, end: p)
        return negative ? -magnitude : magnitude
    }

    /// A whole string as a number, or nil if any of it is not part of one (tests, the language).
    static func parse(_ text: String) -> Float? {
        let bytes = text.utf8CString  // NUL-terminated
        return bytes.withUnsafeBufferPointer { buffer -> Float? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: UInt8.self, capacity: buffer.count) { start in
                var cursor = UnsafePointer(start)
                let end = cursor + (buffer.count - 1)
                guard let value = parse(&cursor, end: end), cursor == end else { return nil }
                return value
            }
        }
    }

    /// `w·10^q` (plus a dropped tail when `truncated`) correctly rounded to float32.
    @inline(__always)
    private static func value(
        w: UInt64, q: Int, truncated: Bool, text: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>
    ) -> Float {
        if w == 0 { return 0 }
        if !truncated, w <= 1 << 24, q >= -10, q <= 10 {
            return q >= 0 ? Float(w) * powersOfTen[q] : Float(w) / powersOfTen[-q]
        }
        // w < 10^18, so below 10^-64 the value is under half the smallest subnormal (7e-46),
        // and from 10^39 on it is above the largest float (3.4e38).
        if q > 38 { return .infinity }
        if q < -64 { return 0 }
        var d = Double(Int64(bitPattern: w))
        switch q {
        case 0...22: d *= exactPowersOfTen[q]
        case 23...: d = d * 1e22 * exactPowersOfTen[q - 22]
        case -22..<0: d *= negativePowersOfTen[-q]
        case -44 ..< -22: d = d * 1e-22 * negativePowersOfTen[-q - 22]
        default: d = d * 1e-22 * 1e-22 * negativePowersOfTen[-q - 44]
        }
        // Below the smallest normal float the result is a denormal, and a thread that flushes
        // denormals (see `Denormals`) would round it to zero in the conversion: strtof builds
        // the bits with integer arithmetic instead.
        if d < Double(Float.leastNormalMagnitude) { return slowPath(text, end) ?? Float(d) }
        let margin = d * 0x1p-49
        let low = Float(d - margin)
        if low == Float(d + margin) { return low }
        return slowPath(text, end) ?? Float(d)
    }

    /// The exact conversion, via the standard library (strtof in the C locale).
    private static func slowPath(_ text: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Float? {
        Float(String(decoding: UnsafeBufferPointer(start: text, count: end - text), as: UTF8.self))
    }

    /// `inf`, `infinity` or `nan`, in any case, at `p`.
    private static func parseSpecial(_ p: inout UnsafePointer<UInt8>) -> Float? {
        func matches(_ word: StaticString, at q: UnsafePointer<UInt8>) -> Bool {
            for i in 0..<word.utf8CodeUnitCount where q[i] | 0x20 != word.utf8Start[i] { return false }
            return true
        }
        if matches("nan", at: p) {
            p += 3
            return .nan
        }
        guard matches("inf", at: p) else { return nil }
        p += matches("infinity", at: p) ? 8 : 3
        return .infinity
    }

    /// 10^k for k in 0...10, each exact in float32 (5^10 < 2^24).
    private static let powersOfTen: [Float] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    /// 10^−k for k in 0...22, each correctly rounded (one rounding: multiplying by these is
    /// cheaper than dividing by 10^k, and the error bound of step 3 allows for it).
    private static let negativePowersOfTen: [Double] = [
        1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11,
        1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20, 1e-21, 1e-22,
    ]

    /// 10^k for k in 0...22, each exact in Double (5^22 < 2^53).
    private static let exactPowersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
