import Testing
@testable import Autodiff

/// `Tensor.isFinite` (a vectorised C kernel) against Swift's element-by-element `isFinite`.
struct FinitenessTests {
    /// Every length up to a few vectors' worth, with each kind of non-finite value at every
    /// position: the kernel's unrolled body, its vector remainder and its scalar tail all see one.
    @Test func agreesWithElementwiseCheckAtEveryPosition() throws {
        let specials: [Float] = [.infinity, -.infinity, .nan, -.nan, .signalingNaN]
        var generator = RandomGenerator(seed: 9)
        for n in 0...140 {
            var values = (0..<n).map { _ in (generator.nextFloat() * 2 - 1) * 1e3 }
            let clean = try Tensor(shape: [n], scalars: values)
            #expect(clean.isFinite, "length \(n)")
            for position in 0..<n {
                for special in specials {
                    let kept = values[position]
                    values[position] = special
                    let t = try Tensor(shape: [n], scalars: values)
                    #expect(t.isFinite == values.allSatisfy(\.isFinite), "length \(n), \(special) at \(position)")
                    #expect(!t.isFinite)
                    values[position] = kept
                }
            }
        }
    }

    /// Extremes that are finite stay finite: the largest float, the smallest subnormal, −0.
    @Test func extremeFiniteValuesAreFinite() throws {
        let t = Tensor([.greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                        .leastNonzeroMagnitude, -.leastNormalMagnitude, -0.0, 0])
        #expect(t.isFinite)
    }
}
