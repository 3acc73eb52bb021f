import Foundation
import Testing
@testable import Autodiff
@testable import Workbench

/// Number literals are read once, correctly rounded to float32 (as the CSV reader reads a
/// field), counts are exact whole numbers, and a literal beyond float32's range is flagged.
struct LiteralTests {
    /// Decimal strings and the bits of their exact float32 rounding, from
    /// Fixtures/make_float32_literals.py (exact rationals, checked against glibc's strtof too).
    @Test func literalsRoundOnceToFloat32() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/float32_literals.txt")
        let cases = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(cases.count > 600)
        let s = RecordingSession()
        for chunk in stride(from: 0, to: cases.count, by: 100) {
            let part = cases[chunk..<min(chunk + 100, cases.count)]
            s.output("x = [" + part.map { String($0[0]) }.joined(separator: ", ") + "]")
            let got = s.tensor("x")?.scalars.map(\.bitPattern) ?? []
            for (c, bits) in zip(part, got) {
                #expect(String(format: "%08x", bits) == String(c[1]), "\(c[0])")
            }
        }
        s.output("y = 1.00000005960464477539062501")
        #expect(s.tensor("y")?.scalar == Float(bitPattern: 0x3f80_0001))
    }

    @Test func countsAboveTwoToThe24AreExact() {
        let s = RecordingSession()
        #expect(s.output("zeros(16777217).size") == "16777217")
        #expect(s.output("16777217") == "16777217")
        #expect(s.output("-16777217") == "-16777217")
        // Sums and products of exact whole numbers stay exact; a count computed in float32
        // beyond 2^24 cannot be trusted to its last unit, and is an error.
        #expect(s.output("zeros(16777216 + 1).size") == "16777217")
        #expect(s.output("n = 4097 * 4097\nn") == "16785409")
        let computed = s.error("zeros(2^24 * 1.5)")
        #expect(computed.contains("2^24"), "\(computed)")
        #expect(s.error("zeros(2.5)").contains("whole number"))
    }

    @Test func literalsBeyondFloat32RangeWarn() {
        let s = RecordingSession()
        let shown = s.output("x = 3.5e38")
        #expect(shown.contains("warning") && shown.contains("3.5e38") && shown.contains("inf"), "\(shown)")
        #expect(s.tensor("x")?.scalar == .infinity)
        #expect(!s.output("y = 3.4e38").contains("warning"))
        #expect(s.output("z = 1e-50").isEmpty)   // underflow to 0 is ordinary rounding
    }
}
