import Testing
@testable import Workbench

/// `gradbook check`'s number comparison (docs/session-format.md): a saved number matches a replayed
/// one within one unit of its last printed mantissa digit, relative to the saved value. A saved
/// `#> 1e300` used to allow ±10³⁰⁰ and `#> 1.0e999` (infinite) anything at all.
struct OutputComparisonTests {
    private func matches(_ saved: String, _ replayed: String) -> Bool {
        OutputComparison.matches(expected: saved, actual: replayed)
    }

    @Test func aHugeExponentDoesNotWidenTheTolerance() {
        #expect(!matches("1e300", "5"))
        #expect(!matches("1e300", "0"))
        #expect(!matches("1e300", "1.5e300"))
        #expect(matches("1e300", "1e300"))
        #expect(matches("1e300", "1.0e300"))
        // Two decimals of mantissa: one unit is 0.01 × 10³⁰⁰.
        #expect(matches("1.23e300", "1.24e300"))
        #expect(!matches("1.23e300", "1.26e300"))
        #expect(!matches("loss 1e300", "loss 0.5"))
    }

    @Test func anOverflowingSavedNumberMatchesOnlyItself() {
        #expect(!matches("1.0e999", "3.5"))
        #expect(!matches("1.0e999", "1.0e308"))
        #expect(!matches("1.0e999", "2.0e999"))
        #expect(matches("1.0e999", "1.0e999"))
        #expect(!matches("-1.0e999", "-7"))
        // Underflow to zero is the same: the saved digits are what counts.
        #expect(!matches("5.0e-999", "0"))
        #expect(!matches("5.0e-999", "5.0e-998"))
    }

    @Test func ordinaryNumbersKeepTheirTolerance() {
        #expect(matches("0.0624", "0.0625"))      // one unit in the last digit
        #expect(!matches("0.0624", "0.0626"))
        #expect(matches("1.2345e-05", "1.2346e-05"))
        #expect(!matches("1.2345e-05", "1.2347e-05"))
        #expect(matches("18049", "18049"))
        #expect(!matches("18049", "18050"))      // counts are exact
        #expect(matches("-0.0000", "0.0000"))
        #expect(matches("0.0000", "0.0001"))
        #expect(!matches("0.0000", "0.0002"))
        #expect(matches("1.5e308", "1.6e308"))   // the tolerance itself does not overflow
        #expect(!matches("1.5e308", "1.7e308"))
    }
}
