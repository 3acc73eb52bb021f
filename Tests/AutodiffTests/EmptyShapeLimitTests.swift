import Testing
@testable import Autodiff

/// An empty tensor has no elements, but its other sizes still size what is computed from it
/// (a sum over its empty axis, a one-hot of its rows, a dataset's column names), so a shape is
/// checked by the product of its nonzero sizes: `[0, 10¹²]` is refused where it is made.
struct EmptyShapeLimitTests {
    let limit = TensorAllocationLimit.elements

    @Test func emptyShapesAreCheckedByTheirOtherSizes() {
        #expect(throws: TensorError.tooLarge(shape: [0, 1_000_000_000_000], limit: limit)) {
            try Tensor.zeros([0, 1_000_000_000_000])
        }
        #expect(throws: TensorError.tooLarge(shape: [1_000_000_000_000, 0], limit: limit)) {
            try Tensor(shape: [1_000_000_000_000, 0], repeating: 1)
        }
        #expect(throws: TensorError.tooLarge(shape: [0, Int.max], limit: limit)) {
            try Tensor(shape: [0, Int.max], scalars: [])
        }
        #expect(throws: TensorError.tooLarge(shape: [0, Int.max, 2], limit: limit)) {
            try Tensor.uninitialized([0, Int.max, 2])
        }
        // Small empty shapes are still fine, and their reductions are what NumPy gives.
        #expect((try? Tensor.zeros([0, 3]).sum(axis: 0).scalars) == [0, 0, 0])
        #expect((try? Tensor.zeros([0, 3]).sum(axis: 1).shape) == [0])
        #expect((try? Tensor.zeros([0, 3]).sum(axis: 0, keepDims: true).shape) == [1, 3])
    }

    /// Slice lengths against a naive walk of Python's `range(*slice(start, stop, step).indices(n))`.
    @Test func sliceLengthsMatchANaiveWalk() throws {
        let bounds: [Int?] = [nil, -7, -3, -1, 0, 1, 2, 4, 6, 9]
        for n in [0, 1, 2, 5, 6] {
            let t = try Tensor(shape: [n], scalars: (0..<n).map(Float.init))
            for start in bounds { for stop in bounds { for step in [-3, -2, -1, 1, 2, 3, Int.max, Int.min] {
                let expected = naiveSlice(n: n, start: start, stop: stop, step: step)
                let got = try t.slice([.range(start: start, stop: stop, step: step)]).scalars
                #expect(got == expected.map(Float.init), "n=\(n) [\(start as Any):\(stop as Any):\(step)]")
            } } }
        }
    }

    /// Python's `slice.indices`, then stepping one index at a time.
    private func naiveSlice(n: Int, start: Int?, stop: Int?, step: Int) -> [Int] {
        func adjust(_ b: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
            guard var b else { return fallback }
            if b < 0 { b += n }
            return Swift.min(Swift.max(b, low), high)
        }
        var out: [Int] = []
        if step > 0 {
            var i = adjust(start, 0, low: 0, high: n)
            let hi = adjust(stop, n, low: 0, high: n)
            while i < hi { out.append(i); let (next, o) = i.addingReportingOverflow(step); if o { break }; i = next }
        } else {
            var i = adjust(start, n - 1, low: -1, high: n - 1)
            let lo = adjust(stop, -1, low: -1, high: n - 1)
            while i > lo { out.append(i); let (next, o) = i.addingReportingOverflow(step); if o { break }; i = next }
        }
        return out
    }
}
