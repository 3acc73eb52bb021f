/// Runs of decimal digits, up to eight at a time with SWAR arithmetic (SIMD within a register)
/// on one 64-bit load, after Lemire's fast_float — the branch per digit of a plain loop costs
/// a misprediction per field, more than the rest of the parse.
extension FloatParser {
    /// Reads the digits at `p` into `w` (`w = 10·w + d` per digit), keeping at most 18
    /// significant ones: `kept` counts them (leading zeros do not count), and past 18 a dropped
    /// nonzero digit sets `truncated`. For the integer part a dropped digit raises `q` by one;
    /// for the fraction (`fraction`) a kept digit lowers it by one.
    @inline(__always)
    static func readDigits(
        _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ w: inout UInt64, _ kept: inout Int,
        _ q: inout Int, _ truncated: inout Bool, fraction: Bool
    ) {
        while end - p >= 8 {
            let v = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            // A byte's high bit is set here if it is not in 0x30...0x39 (x + 0x46 or x − 0x30
            // overflows a byte's 7 bits). A carry or borrow only runs towards later bytes, so
            // the first flagged byte is the first non-digit.
            let nonDigits = ((v &+ 0x4646_4646_4646_4646) | (v &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
            let n = nonDigits == 0 ? 8 : nonDigits.trailingZeroBitCount >> 3
            if n == 0 { return }
            guard kept + n <= 18 else { break }  // one at a time below, dropping digits past the 18th
            // The n digits moved to the end of the word, '0's in front: the same value.
            let digits = n == 8 ? v : v &<< UInt64(64 - 8 * n) | 0x3030_3030_3030_3030 &>> UInt64(8 * n)
            // Leading zeros are not significant: while w is 0, count the run's digits from its
            // first nonzero one (its '0' bytes are zero after the xor; trailing zero bits / 8).
            let zeros = Swift.min(n, (v ^ 0x3030_3030_3030_3030).trailingZeroBitCount >> 3)
            kept = w == 0 ? n - zeros : kept + n
            w = w &* integerPowersOfTen[n] &+ eightDigitsValue(digits)
            if fraction { q &-= n }
            p += n
            if n < 8 { return }
        }
        // The last bytes before `end`, and digits past the 18th: one at a time.
        while true {
            let d = p.pointee &- UInt8(ascii: "0")
            if d > 9 { return }
            if kept < 18 {
                w = w &* 10 &+ UInt64(d)
                kept = w == 0 ? 0 : kept + 1
                if fraction { q &-= 1 }
            } else {
                if !fraction { q &+= 1 }
                truncated = truncated || d != 0
            }
            p += 1
        }
    }

    /// The value of eight ASCII digits in a little-endian word (the first digit in the lowest
    /// byte): pairs, then quadruples, then the whole, in three multiply-adds
    /// (fast_float's `parse_eight_digits_unrolled`).
    @inline(__always)
    static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        var v = word &- 0x3030_3030_3030_3030
        v = v &* 10 &+ (v >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        v = ((v & mask) &* (100 + (1_000_000 << 32)) &+ ((v >> 16) & mask) &* (1 + (10_000 << 32))) >> 32
        return v & 0xFFFF_FFFF
    }

    /// 10^k for k in 0...8.
    static let integerPowersOfTen: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000]
}
