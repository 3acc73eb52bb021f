import Testing
@testable import Matmul

/// One product to check against ``sgemmReference``: random operands stored with padded leading
/// dimensions, C's padding filled with a sentinel that must survive.
struct GEMMCase: CustomStringConvertible, Sendable {
    var m: Int, n: Int, k: Int
    var transA: Transposition = .none
    var transB: Transposition = .none
    var accumulate = false
    /// Extra elements per stored row beyond what the shape needs (lda > needed, etc.).
    var padding = 0
    var seed: UInt64 = 1

    var description: String {
        "m=\(m) n=\(n) k=\(k) \(transA == .none ? "A" : "Aᵀ")·\(transB == .none ? "B" : "Bᵀ")"
            + (accumulate ? " +=" : "") + (padding > 0 ? " pad=\(padding)" : "")
    }
}

/// Fills and checks ``GEMMCase``s. The reference result is computed once per case, so one
/// checker can compare several ISAs and thread counts cheaply.
struct GEMMChecker {
    let spec: GEMMCase
    let lda: Int, ldb: Int, ldc: Int
    let a: [Float], b: [Float], c0: [Float]
    /// The reference result, and the scale (|op(A)|·|op(B)|)[i, j] for the error bound.
    let expected: [Float], scale: [Float]

    /// Marks C's padding: any kernel that writes past column n overwrites it.
    static let sentinel: Float = -12345.5

    init(_ spec: GEMMCase) {
        self.spec = spec
        let (aRows, aCols) = spec.transA == .none ? (spec.m, spec.k) : (spec.k, spec.m)
        let (bRows, bCols) = spec.transB == .none ? (spec.k, spec.n) : (spec.n, spec.k)
        lda = aCols + spec.padding
        ldb = bCols + spec.padding
        ldc = spec.n + spec.padding
        var random = SplitMix(seed: spec.seed)
        a = (0..<max(1, aRows * lda)).map { _ in random.nextSigned() }
        b = (0..<max(1, bRows * ldb)).map { _ in random.nextSigned() }
        var c = (0..<max(1, spec.m * ldc)).map { _ in random.nextSigned() }
        for i in 0..<spec.m { for j in spec.n..<ldc { c[i * ldc + j] = Self.sentinel } }
        c0 = c
        var reference = c
        sgemmReference(spec.transA, spec.transB, m: spec.m, n: spec.n, k: spec.k, a: a, lda: lda,
                       b: b, ldb: ldb, c: &reference, ldc: ldc, accumulate: spec.accumulate)
        expected = reference
        var magnitude = [Float](repeating: 0, count: c.count)
        sgemmReference(spec.transA, spec.transB, m: spec.m, n: spec.n, k: spec.k,
                       a: a.map(abs), lda: lda, b: b.map(abs), ldb: ldb, c: &magnitude, ldc: ldc)
        scale = magnitude
    }

    /// C as the product under test leaves it, starting from `initialC` (default: random values).
    func run(isa: MatmulISA, threads: Int = 1, smallProducts: Bool = true,
             initialC: Float? = nil, blocks: BlockSizes? = nil) -> [Float] {
        var c = c0
        if let initialC {
            for i in 0..<spec.m { for j in 0..<spec.n { c[i * ldc + j] = initialC } }
        }
        sgemm(spec.transA, spec.transB, m: spec.m, n: spec.n, k: spec.k, a: a, lda: lda, b: b,
              ldb: ldb, c: &c, ldc: ldc, accumulate: spec.accumulate, isa: isa,
              threads: threads, adaptToLoad: false, smallProducts: smallProducts, blocks: blocks)
        return c
    }

    /// The first element of `c` outside the float32 error bound, described; nil when all pass.
    ///
    /// Bound: |C − ref| ≤ 2(k + 2)·ε·(|op(A)|·|op(B)|)[i, j] + 2ε·|C₀[i, j]| (the second term
    /// only when accumulating), ε = float32 ulp of 1: a k-term sum's worst-case rounding plus the
    /// final addition into C, with a factor 2 of slack for FMA versus separate rounding.
    func firstMismatch(_ c: [Float]) -> String? {
        let epsilon = Float.ulpOfOne
        for i in 0..<spec.m {
            for j in 0..<ldc {
                let index = i * ldc + j
                if j >= spec.n {
                    if c[index] != Self.sentinel { return "padding (\(i), \(j)) overwritten: \(c[index])" }
                    continue
                }
                let initial = spec.accumulate ? abs(c0[index]) : 0
                let bound = 2 * Float(spec.k + 2) * epsilon * scale[index] + 2 * epsilon * initial
                let error = abs(c[index] - expected[index])
                if !(error <= bound) {
                    return "C[\(i), \(j)] = \(c[index]), expected \(expected[index]) (bound \(bound))"
                }
            }
        }
        return nil
    }

    /// Records an issue, at the caller's location, if `c` is not the product.
    func expectMatches(_ c: [Float], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let mismatch = firstMismatch(c) {
            Issue.record("\(spec) [\(label)]: \(mismatch)", sourceLocation: sourceLocation)
        }
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func nextSigned() -> Float {
        Float(next() >> 40) / Float(1 << 23) - 1
    }
}

/// The ISAs this CPU can run (forcing one it lacks is tested separately).
let supportedISAs = MatmulISA.allCases.filter(\.isSupported)
let transpositionPairs: [(Transposition, Transposition)] = [
    (.none, .none), (.transposed, .none), (.none, .transposed), (.transposed, .transposed),
]
