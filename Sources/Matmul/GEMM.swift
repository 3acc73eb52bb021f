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
    sgemmReference(transA, transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                   c: c, ldc: ldc, accumulate: accumulate)
}
