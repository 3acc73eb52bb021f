/// Whether an operand is used as stored or transposed.
///
/// Backprop needs `Aᵀ·B` (∂L/∂W = xᵀ·δ) and `A·Bᵀ` (∂L/∂x = δ·Wᵀ); the blocked core reads the
/// transposed operand straight from memory while packing, so no transposed copy is ever made.
public enum Transposition: Sendable, Equatable {
    case none
    case transposed
}

/// Single-precision general matrix product: `C = op(A)·op(B)`, or `C += op(A)·op(B)`.
///
/// - `op(A)` is `m×k`, `op(B)` is `k×n`, `C` is `m×n`; all three are row-major.
/// - `lda`, `ldb`, `ldc` are the row strides (in elements) of the matrices *as stored*: with
///   `transA == .transposed`, `A` is stored `k×m` and `lda ≥ m`.
/// - `accumulate == false` means C is written and never read (BLAS's β = 0: NaNs in C do not leak).
///
/// This entry point chooses the kernel for the CPU (see ``MatmulConfiguration``) and the number
/// of threads for the size of the product. Preconditions (non-negative sizes, strides that fit)
/// are programmer errors: callers validate shapes before they get here.
public func sgemm(
    _ transA: Transposition, _ transB: Transposition,
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    accumulate: Bool = false
) {
    let configuration = MatmulConfiguration.current
    MatmulClock.timing {
        _ = sgemm(transA, transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                  accumulate: accumulate, isa: configuration.isa, threads: configuration.threadCap)
    }
}

/// ``sgemm(_:_:m:n:k:a:lda:b:ldb:c:ldc:accumulate:)`` with the ISA and the thread cap chosen by
/// the caller (tests and the benchmark), instead of read from ``MatmulConfiguration``.
///
/// An ISA the CPU lacks is replaced by the best one it has (``MatmulISA/resolve(_:)``).
/// `threads` is a cap: small products use one thread, and with `adaptToLoad` a product uses
/// only cores that other processes leave idle (``SystemLoad``); tests turn that off so the
/// threaded path runs whatever the machine is doing. `smallProducts: false` sends every product
/// through the blocked path, so tests can sweep its edge tiles at small sizes; `blocks` replaces
/// the process's cache blocks (tests sweep other blocks' edges).
/// Denormals are flushed to zero on the calling thread and on every worker (``Denormals``).
/// Returns the number of threads the product used.
@discardableResult
public func sgemm(
    _ transA: Transposition, _ transB: Transposition,
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    accumulate: Bool, isa: MatmulISA, threads: Int, adaptToLoad: Bool = true,
    smallProducts: Bool = true, blocks: BlockSizes? = nil
) -> Int {
    precondition(m >= 0 && n >= 0 && k >= 0, "sgemm: negative size m=\(m) n=\(n) k=\(k)")
    Denormals.flushOnThisThread()
    // Row strides must cover the stored rows, whenever the operand is read at all.
    let aColumns = transA == .none ? k : m, bColumns = transB == .none ? n : k
    let reads = m > 0 && n > 0 && k > 0
    precondition(!reads || lda >= aColumns,
                 "sgemm: lda=\(lda) < \(aColumns) (A stored \(transA == .none ? "m×k" : "k×m"), m=\(m) k=\(k))")
    precondition(!reads || ldb >= bColumns,
                 "sgemm: ldb=\(ldb) < \(bColumns) (B stored \(transB == .none ? "k×n" : "n×k"), k=\(k) n=\(n))")
    precondition(m == 0 || n == 0 || ldc >= n, "sgemm: ldc=\(ldc) < n=\(n) (C is m×n, m=\(m))")
    guard m > 0, n > 0 else { return 1 }
    guard k > 0 else {
        // An empty sum: C = 0, or C unchanged when accumulating.
        if !accumulate {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        }
        return 1
    }
    let isa = MatmulISA.resolve(isa)
    let problem = GEMMProblem(
        m: m, n: n, k: k,
        a: StridedMatrix(a, ld: lda, transA), b: StridedMatrix(b, ld: ldb, transB),
        c: c, ldc: ldc, accumulate: accumulate)
    var threadCount = Threading.threadCount(for: problem, cap: threads)
    if threadCount > 1 && adaptToLoad {
        let cores = ProcessEnvironment.activeProcessorCount
        threadCount = min(threadCount, SystemLoad.idleCores(of: cores))
    }
    if smallProducts && SmallProducts.run(problem, isa: isa, threads: threadCount) { return 1 }
    let tile = BlockSizes.tile(for: isa)
    let sizes = blocks.map { BlockSizes(mr: tile.mr, nr: tile.nr, mc: $0.mc, kc: $0.kc, nc: $0.nc) }
    let gemm = BlockedGEMM(problem: problem, kernel: Microkernel(isa: isa, sizes: sizes))
    if threadCount > 1 {
        Threading.run(gemm, threads: threadCount)
    } else {
        gemm.runSingleThreaded()
    }
    return threadCount
}
