import CMatmulKernels

/// Products too small for packing to pay off, and matrix-vector products.
///
/// Packing copies every element of A and B once; for the seed model's shapes (batch 32, a few
/// hundred columns) that copy costs as much as the product, so (MATMUL.md: 2–20× at these sizes):
/// - n == 1 or m == 1: a matrix-vector kernel with vectors along whichever dimension is
///   contiguous (`gb_gemv_rows_*`: dot products along k; `gb_gemv_cols_*`: axpy along j);
/// - op(B) = B as stored (rows contiguous along n): the direct kernel, the packed microkernel's
///   register tile reading A and B in place;
/// - A·Bᵀ (both contiguous along k), AVX-512: 4×4 tiles of dot products.
/// Everything else, and the portable ISA, goes to the blocked path.
enum SmallProducts {
    /// Products up to this many multiply-adds (2·mnk/2) use the direct kernel: at 64³ the
    /// operands (48 KiB) still sit in L1/L2 and the unpacked tile runs as fast as the packed one.
    static let directLimit = 96 * 96 * 96
    /// The direct kernel re-reads each B strip per row strip from cache; past this depth the
    /// strip (k × 32 floats) no longer fits L1 and packing wins.
    static let directDepthLimit = 512

    /// Runs the product if a small-product path applies; false means "use the blocked path".
    static func run(_ p: GEMMProblem, isa: MatmulISA) -> Bool {
        guard isa != .baseline else { return false }
        if p.n == 1 || p.m == 1 {
            matrixVector(p, isa: isa)
            return true
        }
        guard p.m * p.n * p.k <= directLimit, p.k <= directDepthLimit else { return false }
        if p.b.columnStride == 1 {
            let direct = isa == .avx512 ? gb_direct_avx512 : gb_direct_avx2
            direct(p.m, p.n, p.k, p.a.base, p.a.rowStride, p.a.columnStride, p.b.base,
                   p.b.rowStride, p.c, p.ldc, p.accumulate ? 1 : 0)
            return true
        }
        if isa == .avx512 && p.a.columnStride == 1 && p.b.rowStride == 1 {
            gb_dot_avx512(p.m, p.n, p.k, p.a.base, p.a.rowStride, p.b.base, p.b.columnStride,
                          p.c, p.ldc, p.accumulate ? 1 : 0)
            return true
        }
        return false
    }

    /// n == 1 (a column of C) or m == 1 (a row of C): `out = X·y` with the matrix X and the
    /// vector y read where they lie; a strided vector or output goes through a contiguous copy.
    private static func matrixVector(_ p: GEMMProblem, isa: MatmulISA) {
        // n == 1: out[i] = Σ_p op(A)[i, p]·op(B)[p, 0]; m == 1: out[j] = Σ_p op(A)[0, p]·op(B)[p, j].
        let (matrix, vector, count, outStride) = p.n == 1
            ? (p.a, p.b.transposed, p.m, p.ldc)
            : (p.b.transposed, p.a, p.n, 1)
        // `matrix` is count×k; `vector` is 1×k (its column stride steps along k).
        let rowsKernel = isa == .avx512 ? gb_gemv_rows_avx512 : gb_gemv_rows_avx2
        let colsKernel = isa == .avx512 ? gb_gemv_cols_avx512 : gb_gemv_cols_avx2
        withContiguous(vector.base, count: p.k, stride: vector.columnStride) { y in
            withOutput(p.c, count: count, stride: outStride, accumulate: p.accumulate) { out, acc in
                if matrix.columnStride == 1 {
                    rowsKernel(count, p.k, matrix.base, matrix.rowStride, y, out, acc ? 1 : 0)
                } else {
                    colsKernel(count, p.k, matrix.base, matrix.columnStride, y, out, acc ? 1 : 0)
                }
            }
        }
    }

    /// Calls `body` with `count` elements `base[i·stride]` as a contiguous buffer.
    private static func withContiguous(
        _ base: UnsafePointer<Float>, count: Int, stride: Int,
        _ body: (UnsafePointer<Float>) -> Void
    ) {
        if stride == 1 || count <= 1 { return body(base) }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { copy in
            for i in 0..<count { copy[i] = base[i * stride] }
            body(copy.baseAddress!)
        }
    }

    /// Calls `body(out, accumulate)` with a contiguous output of `count` elements that lands in
    /// `base[i·stride]`; a strided output is computed into a scratch vector and then added or
    /// stored (never read when not accumulating).
    private static func withOutput(
        _ base: UnsafeMutablePointer<Float>, count: Int, stride: Int, accumulate: Bool,
        _ body: (UnsafeMutablePointer<Float>, Bool) -> Void
    ) {
        if stride == 1 || count <= 1 { return body(base, accumulate) }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { scratch in
            body(scratch.baseAddress!, false)
            for i in 0..<count {
                base[i * stride] = accumulate ? base[i * stride] + scratch[i] : scratch[i]
            }
        }
    }
}
