import CMatmulKernels

/// Products too small for packing to pay off, and matrix-vector products.
///
/// Packing copies every element of A and B once; for the seed model's shapes (batch 32, a few
/// hundred columns) that copy costs as much as the product, so (docs/numerics.md: 2–20× at these sizes):
/// - n == 1 or m == 1: a matrix-vector kernel with vectors along whichever dimension is
///   contiguous (`gb_gemv_rows_*`: dot products along k; `gb_gemv_cols_*`: axpy along j);
/// - op(B) = B as stored (rows contiguous along n): the direct kernel, the packed microkernel's
///   register tile reading A and B in place;
/// - A·Bᵀ (both contiguous along k): tiles of dot products (4×4 on AVX-512, 3×4 on AVX2).
/// Everything else, and the portable ISA, goes to the blocked path.
enum SmallProducts {
    /// Products up to this many multiply-adds take the direct kernel whatever their shape:
    /// measured single-threaded, direct beat packed up to 128³ (245 vs 206 GFLOP/s) and tied at
    /// 160³, where packing is amortised.
    static let directMultiplyAdds = 160 * 160 * 160
    /// Up to this many rows of C, a single-threaded product takes the direct kernel at any size:
    /// packing B (k·n elements) is then amortised over too few rows (32×512×512: 245 vs 155
    /// GFLOP/s; 96×512×512: 240 vs 225).
    static let directRows = 96
    /// The direct kernel reads a k × 32 strip of B per row strip, straight from B's rows; past
    /// this depth the strip outgrows L2 and its rows their TLB entries, and packing wins.
    static let directDepth = 1024
    /// The dot-product kernel (A·Bᵀ) wins while C has few rows (32×128×128: 192 vs 141 GFLOP/s,
    /// 32×1024×1024: 154 vs 130); from 64 rows on the packed path catches up.
    static let dotRows = 48

    /// Runs the product if a small-product path applies; false means "use the blocked path".
    /// `threads` is the thread count the blocked path would use: a product big enough to be
    /// threaded takes a single-threaded small path only when it is small in total.
    static func run(_ p: GEMMProblem, isa: MatmulISA, threads: Int) -> Bool {
        guard isa != .baseline else { return false }
        if p.n == 1 || p.m == 1 {
            matrixVector(p, isa: isa)
            return true
        }
        let small = Double(p.m) * Double(p.n) * Double(p.k) <= Double(directMultiplyAdds)
        if p.b.columnStride == 1 && p.k <= directDepth
            && (small || (threads == 1 && p.m <= directRows)) {
            let direct = isa == .avx512 ? gb_direct_avx512 : gb_direct_avx2
            direct(p.m, p.n, p.k, p.a.base, p.a.rowStride, p.a.columnStride, p.b.base,
                   p.b.rowStride, p.c, p.ldc, p.accumulate ? 1 : 0)
            return true
        }
        if p.a.columnStride == 1 && p.b.rowStride == 1 && p.m <= dotRows
            && (small || threads == 1) {
            let dot = isa == .avx512 ? gb_dot_avx512 : gb_dot_avx2
            dot(p.m, p.n, p.k, p.a.base, p.a.rowStride, p.b.base, p.b.columnStride,
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
