import Testing
@testable import Matmul

/// Two threads must give the same products as one, whichever way C is split.
@Suite struct ThreadingTests {
    /// Big enough to be threaded by size (≥ `Threading.minimumFlopsForThreads`), in both
    /// split directions (n ≥ m splits columns, m > n splits rows), with edges everywhere; one
    /// transposition pair each (the debug-built reference is the cost here; every pair is run
    /// through the threaded driver below).
    static let shapes: [(Int, Int, Int, Transposition, Transposition)] = [
        (211, 203, 173, .none, .none), (419, 97, 181, .transposed, .none),
        (64, 900, 130, .none, .transposed), (200, 230, 160, .transposed, .transposed),
    ]

    @Test(arguments: 0..<shapes.count)
    func twoThreadsMatchTheReference(index: Int) {
        let (m, n, k, transA, transB) = Self.shapes[index]
        #expect(Threading.threadCount(for: problem(GEMMCase(m: m, n: n, k: k)), cap: 2) == 2)
        let checker = GEMMChecker(GEMMCase(m: m, n: n, k: k, transA: transA, transB: transB,
                                           accumulate: index % 2 == 1, padding: 1))
        for isa in supportedISAs {
            checker.expectMatches(checker.run(isa: isa, threads: 1), "\(isa) 1 thread")
            checker.expectMatches(checker.run(isa: isa, threads: 2), "\(isa) 2 threads")
        }
    }

    /// The threaded driver on shapes too small to be threaded by size: pieces narrower than a
    /// tile, a shared operand with a ragged last panel, more threads than pieces, depth past kc;
    /// C starts as NaN, which β = 0 must never read.
    @Test func threadedDriverOnSmallShapes() {
        for (m, n, k) in [(1, 1, 1), (13, 70, 5), (70, 13, 9), (25, 25, 400), (3, 65, 2), (20, 40, 1100)] {
            for (transA, transB) in transpositionPairs {
                let checker = GEMMChecker(GEMMCase(m: m, n: n, k: k, transA: transA,
                                                   transB: transB, padding: 2))
                for isa in supportedISAs {
                    var c = checker.c0
                    for i in 0..<m { for j in 0..<n { c[i * checker.ldc + j] = .nan } }
                    let s = checker.spec
                    c.withUnsafeMutableBufferPointer { cBuffer in
                        let gemm = BlockedGEMM(
                            problem: GEMMProblem(
                                m: m, n: n, k: k,
                                a: StridedMatrix(checker.a, ld: checker.lda, s.transA),
                                b: StridedMatrix(checker.b, ld: checker.ldb, s.transB),
                                c: cBuffer.baseAddress!, ldc: checker.ldc, accumulate: false),
                            kernel: Microkernel(isa: isa))
                        Threading.run(gemm, threads: 3)
                    }
                    checker.expectMatches(c, "\(isa) threaded driver")
                }
            }
        }
    }

    @Test func smallProductsStaySingleThreaded() {
        #expect(Threading.threadCount(for: problem(GEMMCase(m: 32, n: 128, k: 128)), cap: 2) == 1)
        #expect(Threading.threadCount(for: problem(GEMMCase(m: 512, n: 512, k: 512)), cap: 1) == 1)
    }

    @Test func splitCoversTheRangeOnPanelBoundaries() {
        for (count, width, threads) in [(1, 12, 2), (100, 12, 2), (1000, 32, 2), (33, 32, 4)] {
            let pieces = Threading.split(count, width: width, threads: threads)
            #expect(pieces.first?.lowerBound == 0)
            #expect(pieces.last?.upperBound == count)
            for (left, right) in zip(pieces, pieces.dropFirst()) {
                #expect(left.upperBound == right.lowerBound)
                #expect(right.lowerBound % width == 0)
            }
            #expect(pieces.allSatisfy { !$0.isEmpty })
        }
    }

    private func problem(_ spec: GEMMCase) -> GEMMProblem {
        let dummy = UnsafeMutablePointer<Float>.allocate(capacity: 1)
        defer { dummy.deallocate() }
        return GEMMProblem(m: spec.m, n: spec.n, k: spec.k,
                           a: StridedMatrix(dummy, ld: spec.k, .none),
                           b: StridedMatrix(dummy, ld: spec.n, .none),
                           c: dummy, ldc: spec.n, accumulate: false)
    }
}

@Suite struct SystemLoadTests {
    @Test func parsesTheRunnableCount() {
        #expect(SystemLoad.parseRunnable("0.41 0.23 0.09 2/123 4567\n") == 2)
        #expect(SystemLoad.parseRunnable("1.00 1.00 1.00 17/900 1") == 17)
        #expect(SystemLoad.parseRunnable("garbage") == nil)
    }

    @Test func idleCoresIsAtLeastOne() {
        #expect(SystemLoad.idleCores(of: 1) == 1)
        #expect((1...64).contains(SystemLoad.idleCores(of: 64)))
    }
}
