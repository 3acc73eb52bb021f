import Testing
import Autodiff
import Matmul
@testable import Datasets

/// FloatParser against the standard library's `Float(String)` (strtof: correctly rounded),
/// compared bit for bit.
struct FloatParserTests {
    private func expectSameAsStandardLibrary(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = FloatParser.parse(text), reference = Float(text)
        let same = ours?.bitPattern == reference?.bitPattern || (ours?.isNaN == true && reference?.isNaN == true)
        #expect(same, "\"\(text)\": \(String(describing: ours)) vs Float(String) \(String(describing: reference))",
                sourceLocation: sourceLocation)
    }

    @Test func simpleNumbers() {
        for text in ["0", "-0", "1", "+1", "-1", "1.5", "-2.25", ".5", "5.", "-.5e-3", "1e10", "1E+10", "1e-10",
                     "0.1", "3.14159265358979323846", "123456789", "16777217", "0000123.4500", "1e0", "-0.0e5"] {
            expectSameAsStandardLibrary(text)
        }
    }

    @Test func specialValues() {
        for text in ["inf", "-inf", "+Inf", "INFINITY", "-Infinity", "nan", "NaN", "-nan"] {
            expectSameAsStandardLibrary(text)
        }
    }

    @Test func rejectsWhatIsNotANumber() {
        for text in ["", "-", "+", ".", "e5", "abc", "1e", "1e+", "1.5x", "--1", "1 ", " 1", "in", "infin", "na", "1,5", "1..2"] {
            #expect(FloatParser.parse(text) == nil, "\"\(text)\"")
            #expect(Float(text) == nil, "the standard library agrees on \"\(text)\"")
        }
    }

    @Test func extremesOverflowAndUnderflow() {
        for text in ["3.4028235e38", "3.40282356e38", "3.4028236e38", "1e39", "1e400", "-1e400", "1e99999999999",
                     "1.17549435e-38", "1.1754942e-38", "1.4e-45", "1e-45", "7.006e-46", "7e-46", "7.1e-46",
                     "1e-46", "1e-400", "0.0000000000000000000000000000000000000000000014",
                     "1" + String(repeating: "0", count: 38), "1" + String(repeating: "0", count: 39),
                     "0." + String(repeating: "0", count: 60) + "1e60"] {
            expectSameAsStandardLibrary(text)
        }
    }

    /// A thread that flushes denormals (every thread that has run a matrix product) still reads
    /// a denormal in a file exactly (expected bits from NumPy's float32 parse).
    @Test func denormalsAreReadExactlyOnAFlushingThread() {
        let wasFlushed = Denormals.flushedOnThisThread
        Denormals.flushOnThisThread()
        defer { if !wasFlushed { Denormals.keepOnThisThread() } }
        let expected: [(String, UInt32)] = [("1e-45", 1), ("1e-40", 71362), ("1.1754942e-38", 8_388_607),
                                            ("3e-39", 2_140_872), ("-3e-39", 0x8000_0000 | 2_140_872)]
        for (text, bits) in expected {
            #expect(FloatParser.parse(text)?.bitPattern == bits, "\"\(text)\"")
        }
    }

    @Test func longMantissas() {
        for text in ["1.00000005960464477539062500000000001", "1.000000059604644775390625",
                     "1.0000000596046447753906249999999", "0.12345678901234567890123456789",
                     "9999999999999999999999999", "123456789012345678901234567890e-20",
                     String(repeating: "9", count: 300), "0." + String(repeating: "3", count: 500)] {
            expectSameAsStandardLibrary(text)
        }
    }

    /// Exact decimal expansions of float32 halfway points (m + ½ulp), which must round to even,
    /// and their neighbours one digit away: the cases a double-rounding parser gets wrong.
    @Test func exactHalfwayPoints() {
        var generator = RandomGenerator(seed: 11)
        for _ in 0..<2000 {
            // A random float in [1, 2^24) and the midpoint above it: (2·bits + 1)·2^(e − 1).
            let f = Float(bitPattern: 0x3F80_0000 + UInt32(generator.nextInt(below: 0x0B80_0000)))
            let exponent = Int(f.exponent) - 23 - 1  // the midpoint's binary exponent
            let mantissa = UInt128(2 * (UInt32(f.significandBitPattern) | 0x80_0000) + 1)
            let text: String
            if exponent >= 0 {
                text = String(mantissa << exponent)
            } else {
                // m·2^e = m·5^(−e) / 10^(−e): an exact decimal with −e fraction digits.
                var scaled = mantissa
                for _ in 0 ..< -exponent { scaled *= 5 }
                let digits = String(scaled)
                let point = digits.count - (-exponent)
                text = point > 0
                    ? String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
                    : "0." + String(repeating: "0", count: -point) + digits
            }
            expectSameAsStandardLibrary(text)
            expectSameAsStandardLibrary(text + "1")
            expectSameAsStandardLibrary(String(text.dropLast()) + "4")
        }
    }

    /// Random decimal strings of every length and exponent.
    @Test func randomDecimalStrings() {
        var generator = RandomGenerator(seed: 2024)
        for _ in 0..<60_000 {
            var text = generator.nextInt(below: 3) == 0 ? "-" : ""
            let digits = 1 + generator.nextInt(below: generator.nextInt(below: 4) == 0 ? 40 : 12)
            let point = generator.nextInt(below: digits + 2) - 1  // −1: no point
            for i in 0..<digits {
                if i == point { text += "." }
                text += String(generator.nextInt(below: 10))
            }
            if point == digits { text += "." }
            if generator.nextInt(below: 2) == 0 {
                text += "e" + String(generator.nextInt(below: 100) - 55)
            }
            expectSameAsStandardLibrary(text)
        }
    }

    /// Every float printed with 9 significant digits (the round-trip precision) parses back to itself.
    @Test func roundTripsRandomFloats() {
        var generator = RandomGenerator(seed: 5)
        for _ in 0..<20_000 {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            guard value.isFinite else { continue }
            let text = "\(value)"
            #expect(FloatParser.parse(text) == value, "\(text)")
        }
    }

    /// Eight digits at a time where eight follow, one at a time near the end and at a non-digit.
    @Test func longDigitRunsInEveryPosition() {
        let digits = "31415926535897932384626433832795028841971"
        for length in 1...digits.count {
            for point in 0...length {
                let run = String(digits.prefix(length))
                let text = point == length ? run : String(run.prefix(point)) + "." + String(run.dropFirst(point))
                expectSameAsStandardLibrary(text)
                expectSameAsStandardLibrary("0.0000" + run + "e-3")
            }
        }
    }

    @Test func stopsAtTheFirstByteThatCannotContinueANumber() {
        var bytes = Array("12.5e3,7".utf8) + [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let end = base + buffer.count - 1
            var cursor = base
            #expect(FloatParser.parse(&cursor, end: end) == 12500)
            #expect(cursor - base == 6)
            cursor += 1
            #expect(FloatParser.parse(&cursor, end: end) == 7)
            var none = base + 6
            #expect(FloatParser.parse(&none, end: end) == nil)
            #expect(none == base + 6)
        }
        bytes = Array("1e+x".utf8) + [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var cursor = base
            #expect(FloatParser.parse(&cursor, end: base + buffer.count - 1) == 1)
            #expect(cursor - base == 1, "an exponent without digits is not part of the number")
        }
    }
}
