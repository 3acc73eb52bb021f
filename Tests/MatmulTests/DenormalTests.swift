import Testing
@testable import Matmul

/// Denormal operands are read as zero and denormal results written as zero, on every path of
/// the product (direct small kernel, packed blocked kernel, threaded workers). Under IEEE the
/// results would differ from those of zero operands only below the smallest normal float
/// (1.2e-38), which the float64 reference shows.
@Suite struct DenormalTests {
    /// (m, n, k, small-product path allowed, threads): the direct kernel, the blocked kernel
    /// with edge tiles, and a product large enough for two workers.
    static let paths: [(Int, Int, Int, Bool, Int)] = [
        (8, 8, 8, true, 1), (37, 45, 29, false, 1), (256, 256, 256, false, 2),
    ]

    @Test(arguments: supportedISAs)
    func denormalOperandsGiveTheResultOfZeros(isa: MatmulISA) {
        for (m, n, k, small, threads) in Self.paths {
            // Denormals of both signs against ordinary values, on the A side and on the B side.
            // (Made from bit patterns: arithmetic on this thread may already flush.)
            let tiny: [Float] = (0..<max(m * k, k * n)).map { i in
                let magnitude = UInt32(1 + i % 3 * 40_000)
                let sign: UInt32 = i % 2 == 0 ? 0 : 0x8000_0000
                return Float(bitPattern: magnitude | sign)
            }
            let ordinary = (0..<max(m * k, k * n)).map { Float(($0 % 11) - 5) * 0.1 }
            for (a, b) in [(tiny, ordinary), (ordinary, tiny)] {
                // The reference first: float64 sums of exact products, with IEEE gradual underflow
                // (DAZ would read the float32 denormals as zero when they are widened).
                Denormals.keepOnThisThread()
                let ieee = float64Product(m: m, n: n, k: k, a: a, b: b)
                var c = [Float](repeating: .nan, count: m * n)
                sgemm(.none, .none, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &c, ldc: n,
                      accumulate: false, isa: isa, threads: threads, adaptToLoad: false,
                      smallProducts: small)
                let largest = ieee.map(abs).max() ?? 0
                #expect(largest > 0 && largest < Double(Float.leastNormalMagnitude),
                        "the IEEE product differs from zero, and only below 1.2e-38")
                #expect(c.allSatisfy { $0 == 0 },
                        "\(isa) \(m)×\(n)×\(k) threads \(threads): \(c.first { $0 != 0 } ?? 0)")
            }
        }
    }

    /// The calling thread flushes from its first product on, whatever it did before.
    @Test func aProductSetsTheCallingThread() {
        Denormals.keepOnThisThread()
        #expect(!Denormals.flushedOnThisThread)
        var c: [Float] = [0]
        sgemm(.none, .none, m: 1, n: 1, k: 1, a: [1], lda: 1, b: [1], ldb: 1, c: &c, ldc: 1)
        #expect(Denormals.flushedOnThisThread)
    }

    private func float64Product(m: Int, n: Int, k: Int, a: [Float], b: [Float]) -> [Double] {
        (0..<m * n).map { index in
            let i = index / n, j = index % n
            return (0..<k).reduce(0.0) { $0 + Double(a[i * k + $1]) * Double(b[$1 * n + j]) }
        }
    }
}
