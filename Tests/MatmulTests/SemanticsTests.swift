import Testing
@testable import Matmul

/// BLAS semantics that the kernels must keep on every path.
@Suite struct SemanticsTests {
    /// β = 0: C is written, never read, so NaNs already in C do not leak into the result.
    /// (The threaded driver gets the same check in ``ThreadingTests``.)
    @Test(arguments: supportedISAs)
    func nanInCIsNotRead(isa: MatmulISA) {
        for (m, n, k) in [(1, 1, 1), (1, 9, 4), (9, 1, 4), (5, 40, 7), (33, 33, 33), (20, 30, 1100)] {
            for (transA, transB) in transpositionPairs {
                let checker = GEMMChecker(GEMMCase(m: m, n: n, k: k, transA: transA,
                                                   transB: transB, padding: 1))
                for small in [true, false] {
                    let c = checker.run(isa: isa, smallProducts: small, initialC: .nan)
                    checker.expectMatches(c, "\(isa) NaN in C")
                }
            }
        }
    }

    /// k == 0 is an empty sum: C becomes 0, or stays as it is when accumulating.
    @Test(arguments: supportedISAs)
    func emptyDepth(isa: MatmulISA) {
        let a: [Float] = [1], b: [Float] = [1]
        var c = [Float](repeating: .nan, count: 6)
        sgemm(.none, .none, m: 2, n: 3, k: 0, a: a, lda: 0, b: b, ldb: 3, c: &c, ldc: 3,
              accumulate: false, isa: isa, threads: 2)
        #expect(c == [0, 0, 0, 0, 0, 0])
        var d: [Float] = [1, 2, 3, 4, 5, 6]
        sgemm(.transposed, .transposed, m: 2, n: 3, k: 0, a: a, lda: 2, b: b, ldb: 0, c: &d,
              ldc: 3, accumulate: true, isa: isa, threads: 1)
        #expect(d == [1, 2, 3, 4, 5, 6])
    }

    /// m == 0 or n == 0: nothing to write, nothing touched.
    @Test func emptyResult() {
        let a: [Float] = [1, 2], b: [Float] = [3, 4]
        var c: [Float] = [7]
        sgemm(.none, .none, m: 0, n: 1, k: 2, a: a, lda: 2, b: b, ldb: 1, c: &c, ldc: 1)
        sgemm(.none, .none, m: 1, n: 0, k: 2, a: a, lda: 2, b: b, ldb: 0, c: &c, ldc: 0)
        #expect(c == [7])
    }

    /// The public entry point (configuration from the environment) computes the same product.
    @Test func publicEntryPoint() {
        let checker = GEMMChecker(GEMMCase(m: 45, n: 67, k: 89, transA: .transposed, padding: 2))
        var c = checker.c0
        let s = checker.spec
        sgemm(s.transA, s.transB, m: s.m, n: s.n, k: s.k, a: checker.a, lda: checker.lda,
              b: checker.b, ldb: checker.ldb, c: &c, ldc: checker.ldc)
        checker.expectMatches(c, "sgemm")
    }

    /// A too-small leading dimension is a programmer error: a precondition naming the values.
    @Test func tooSmallLeadingDimensionTraps() async {
        await #expect(processExitsWith: .failure) {
            let a = [Float](repeating: 1, count: 16)
            var c = [Float](repeating: 0, count: 16)
            sgemm(.none, .none, m: 4, n: 4, k: 4, a: a, lda: 3, b: a, ldb: 4, c: &c, ldc: 4)
        }
    }
}
