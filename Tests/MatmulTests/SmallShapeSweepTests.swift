import Testing
@testable import Matmul

/// Every m, n, k in 1…17 (every edge residue of the 12×32, 6×16 and 6×8 tiles, and the
/// matrix-vector, direct and dot-product paths), for each ISA the CPU has.
///
/// Each shape uses one transposition pair and accumulate flag (cycled over the sweep, so each
/// combination sees ~1200 shapes covering all residues); padded leading dimensions throughout.
@Suite struct SmallShapeSweepTests {
    static let sizes = 1...17

    static func cases() -> [GEMMCase] {
        var cases: [GEMMCase] = []
        for m in sizes { for n in sizes { for k in sizes {
            let variant = m + 3 * n + 5 * k
            let (transA, transB) = transpositionPairs[variant % 4]
            cases.append(GEMMCase(m: m, n: n, k: k, transA: transA, transB: transB,
                                  accumulate: variant / 4 % 2 == 1, padding: variant % 3,
                                  seed: UInt64(variant)))
        } } }
        return cases
    }

    @Test(arguments: supportedISAs)
    func everySmallShape(isa: MatmulISA) {
        var failures = 0
        for spec in Self.cases() {
            let checker = GEMMChecker(spec)
            var routes: [(String, Bool)] = [("auto", true)]
            if isa != .baseline { routes.append(("blocked", false)) }
            for (label, small) in routes {
                if let mismatch = checker.firstMismatch(checker.run(isa: isa, smallProducts: small)) {
                    failures += 1
                    if failures <= 5 { Issue.record("\(isa) \(spec) [\(label)]: \(mismatch)") }
                }
            }
        }
        #expect(failures == 0)
    }

    /// All four transposition pairs with and without accumulation, at shapes that straddle
    /// each tile's edges.
    @Test(arguments: supportedISAs)
    func allTranspositionsAndAccumulate(isa: MatmulISA) {
        for (m, n, k) in [(1, 1, 1), (5, 7, 3), (12, 32, 8), (13, 33, 17), (6, 16, 16), (7, 17, 9)] {
            for (transA, transB) in transpositionPairs {
                for accumulate in [false, true] {
                    let checker = GEMMChecker(GEMMCase(m: m, n: n, k: k, transA: transA,
                                                       transB: transB, accumulate: accumulate,
                                                       padding: 2))
                    checker.expectMatches(checker.run(isa: isa), "\(isa)")
                    checker.expectMatches(checker.run(isa: isa, smallProducts: false),
                                          "\(isa) blocked")
                }
            }
        }
    }
}
