import Testing
@testable import Matmul

/// Sizes past the small-product paths: primes (no size is a multiple of any block), tall and
/// skinny shapes, and depth beyond one kc block.
@Suite struct LargeShapeTests {
    static let shapes: [(Int, Int, Int)] = [
        (127, 131, 137),  // primes around one mc block
        (293, 211, 61),  // primes past mc, with a short depth
        (31, 29, BlockSizes.forISA(.best).kc + 77),  // depth beyond kc: a second, accumulating block
        (1000, 3, 7), (3, 1000, 5), (7, 5, 1000),  // tall, wide, deep
        (2, 300, 300), (300, 2, 300),  // one row / column strip of tiles
    ]

    @Test(arguments: 0..<shapes.count)
    func primesAndSkinnyShapes(index: Int) {
        let (m, n, k) = Self.shapes[index]
        for (variant, (transA, transB)) in transpositionPairs.enumerated() {
            let checker = GEMMChecker(GEMMCase(m: m, n: n, k: k, transA: transA, transB: transB,
                                               accumulate: variant % 2 == 1, padding: variant,
                                               seed: UInt64(index * 4 + variant)))
            for isa in supportedISAs {
                checker.expectMatches(checker.run(isa: isa), "\(isa)")
            }
        }
    }

    /// Vectors: n == 1 and m == 1 through the matrix-vector kernels, long enough for their
    /// unrolled main loops and their tails.
    @Test func matrixVectorProducts() {
        for (m, n, k) in [(200, 1, 77), (1, 200, 77), (1, 1, 300), (37, 1, 129), (1, 130, 16)] {
            for (transA, transB) in transpositionPairs {
                for accumulate in [false, true] {
                    let checker = GEMMChecker(GEMMCase(m: m, n: n, k: k, transA: transA,
                                                       transB: transB, accumulate: accumulate,
                                                       padding: 3))
                    for isa in supportedISAs {
                        checker.expectMatches(checker.run(isa: isa), "\(isa)")
                    }
                }
            }
        }
    }
}
