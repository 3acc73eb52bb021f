import Testing
@testable import Benchmarks

/// The median every benchmark reports, against NumPy's `np.median` on the same values
/// (3.0, 3.0, 3.0, 3.875, computed with numpy 1.x), and NaN for no samples.
@Suite struct MedianTests {
    @Test(arguments: [
        ([3.0], 3.0),
        ([5.0, 1.0], 3.0),
        ([4.0, 1.0, 3.0], 3.0),
        ([0.25, 9.0, -2.0, 7.5], 3.875),
    ])
    func agreesWithNumPy(values: [Double], median: Double) {
        #expect(values.median == median)
    }

    @Test func noSamplesHaveNoMedian() {
        #expect([Double]().median.isNaN)
    }
}
