import Testing
@testable import Plots

struct AxisScaleTests {
    @Test func looseScalesEndOnNiceTicks() {
        let s = AxisScale(low: 0.1, high: 0.95, targetTicks: 6, loose: true)
        #expect(s.lower == 0 && s.upper == 1)
        #expect(TickLabels.labels(for: s.ticks, step: s.step) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func tightScalesKeepTheDataRange() {
        let s = AxisScale(low: 1, high: 10, targetTicks: 6, loose: false, integerSteps: true)
        #expect(s.lower == 1 && s.upper == 10)
        #expect(s.ticks == [2, 4, 6, 8, 10])
        #expect(AxisScale(low: 1, high: 3, targetTicks: 10, loose: false, integerSteps: true).ticks == [1, 2, 3])
    }

    @Test func degenerateRangesAreWidened() {
        let constant = AxisScale(low: 3, high: 3, targetTicks: 5, loose: true)
        #expect(constant.lower < 3 && constant.upper > 3)
        let zero = AxisScale(low: 0, high: 0, targetTicks: 5, loose: true)
        #expect(zero.lower <= -1 && zero.upper >= 1)
        let oneEpoch = AxisScale(low: 1, high: 1, targetTicks: 5, loose: false, integerSteps: true)
        #expect(oneEpoch.ticks == [1])
        let rounding = AxisScale(low: 1, high: 1 + 1e-15, targetTicks: 5, loose: true)
        #expect(rounding.upper - rounding.lower > 0.01)
    }

    static let extremes: [(Double, Double)] = [
        (-.greatestFiniteMagnitude, .greatestFiniteMagnitude), (-1e308, 1e308), (.leastNonzeroMagnitude * 2000, .leastNonzeroMagnitude * 4000),
        (.nan, 1), (-.infinity, .infinity), (0, 1e300), (.leastNonzeroMagnitude, .leastNonzeroMagnitude),
    ]

    @Test(arguments: extremes)
    func extremeRangesStayFinite(low: Double, high: Double) {
        let s = AxisScale(low: low, high: high, targetTicks: 6, loose: true)
        #expect(s.lower.isFinite && s.upper.isFinite && s.lower < s.upper)
        #expect(!s.ticks.isEmpty && s.ticks.count <= 100 && s.ticks.allSatisfy(\.isFinite))
        #expect((0...1).contains(s.fraction(s.ticks[0])))
        _ = TickLabels.labels(for: s.ticks, step: s.step)
    }

    @Test func labelsSwitchToShortScientific() {
        #expect(TickLabels.labels(for: [0, 1e6, 2e6], step: 1e6) == ["0", "1e6", "2e6"])
        #expect(TickLabels.labels(for: [1e-7, 1.5e-7, 2e-7], step: 5e-8) == ["1e-7", "1.5e-7", "2e-7"])
        #expect(TickLabels.labels(for: [-0.5, 0, 0.5], step: 0.5) == ["-0.5", "0.0", "0.5"])
        #expect(TickLabels.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(TickLabels.value(0.01318) == "0.0132")
        #expect(TickLabels.value(-2.5e-9) == "-2.5e-9")
    }

    @Test func clampedIndexNeverTraps() {
        #expect(clampedIndex(.nan, 0...9) == 0)
        #expect(clampedIndex(.infinity, 0...9) == 9)
        #expect(clampedIndex(-.infinity, 0...9) == 0)
        #expect(clampedIndex(1e300, 0...9) == 9)
        #expect(clampedIndex(4.6, 0...9) == 5)
    }
}
