#ifndef GRADBOOK_CMATMULKERNELS_H
#define GRADBOOK_CMATMULKERNELS_H
// SIMD kernels for the matmul core, one set per instruction set, chosen at run time by the Swift
// side. The module is compiled for baseline x86-64 (or any arm64); each x86 kernel carries its own
// `__attribute__((target(...)))`, so one binary runs on every x86-64. On other architectures the
// ISA-specific entry points are stubs that trap: the Swift side never calls them there, because
// the feature checks below answer 0.
//
// Conventions shared by every function:
// - Matrices are row-major float32; an operand with element (i, p) at `x[i*rs + p*cs]` is given
//   as (x, rs, cs). Sizes and strides are `long` (Swift `Int`).
// - `accumulate == 0` means C is written and never read (BLAS β = 0: NaNs in C do not leak);
//   `accumulate != 0` means C += product.

/// 1 when the running CPU (and OS) supports the AVX-512F/VL kernels, else 0.
int gb_cpu_has_avx512(void);
/// 1 when the running CPU supports the AVX2+FMA kernels, else 0.
int gb_cpu_has_avx2_fma(void);

// MARK: - Denormals (denormals.c)

/// Sets flush-to-zero and denormals-are-zero on the calling thread (MXCSR FTZ/DAZ on x86-64,
/// FPCR.FZ on arm64), so float arithmetic on this thread reads and writes values below
/// 1.2e-38 as zero. Cheap when already set (one register read).
void gb_flush_denormals(void);
/// 1 when the calling thread flushes denormals (both bits set), else 0.
int gb_denormals_flushed(void);
/// Clears both bits on the calling thread (IEEE gradual underflow; for tests).
void gb_keep_denormals(void);

// MARK: - Packing (packing.c, baseline ISA)

/// Packs `count` lines of a strided matrix into zero-padded panels of `width` lines, k-major.
///
/// Line r, position p of the source is `src[r*sr + p*sk]`. Panel q (lines q*width ..< q*width+width)
/// lands at `dst + q*width*k`, holding `dst[q*width*k + p*width + r']` for r' < width; lines at or
/// past `count` are zeros. A panels use width MR (lines = rows of op(A)); B panels use width NR
/// (lines = columns of op(B)).
void gb_pack_panels(float *dst, const float *src, long count, long k, long sr, long sk, long width);

/// As `gb_pack_panels`, with the transposing case (sk == 1) done by AVX-512 16×16 register
/// transposes (packing_avx512.c). Only for CPUs with AVX-512F/VL.
void gb_pack_panels_avx512(float *dst, const float *src, long count, long k, long sr, long sk,
                           long width);

// MARK: - AVX-512 (kernel_avx512.c, dot_avx512.c)

/// Register-tile sizes of the AVX-512 microkernel: 12 rows × 32 columns (two zmm per row).
enum { GB_AVX512_MR = 12, GB_AVX512_NR = 32 };

/// C[0..<mr, 0..<nr] (=|+=) Σ_p Ap[p][i]·Bp[p][j] over packed panels: Ap is kc×12, Bp is kc×32,
/// both zero-padded and k-major. Rows ≥ mr are not computed and columns ≥ nr not stored (masked
/// stores), so edge tiles need no scratch tile.
void gb_kernel_avx512(long kc, const float *ap, const float *bp, float *c, long ldc,
                      long mr, long nr, int accumulate);

/// C (=|+=) op(A)·B without packing, for products small enough to live in L1/L2.
/// op(A)(i, p) = a[i*rsa + p*csa] with rsa == 1 or csa == 1; B(p, j) = b[p*ldb + j].
void gb_direct_avx512(long m, long n, long k, const float *a, long rsa, long csa,
                      const float *b, long ldb, float *c, long ldc, int accumulate);

/// C (=|+=) A·Bᵀ for A m×k and B n×k, both contiguous along k: 4×4 tiles of dot products.
void gb_dot_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                   float *c, long ldc, int accumulate);

/// out[r] (=|+=) Σ_p x[r*ldx + p]·y[p] for r < rows: matrix-vector, rows contiguous along k.
void gb_gemv_rows_avx512(long rows, long k, const float *x, long ldx, const float *y,
                         float *out, int accumulate);

/// out[j] (=|+=) Σ_p y[p]·x[p*ldx + j] for j < cols: vector-matrix, rows contiguous along j.
void gb_gemv_cols_avx512(long cols, long k, const float *x, long ldx, const float *y,
                         float *out, int accumulate);

// MARK: - AVX2 + FMA (kernel_avx2.c, gemv_avx2.c: matrix-vector and A·Bᵀ dot products)

/// Register-tile sizes of the AVX2 microkernel: 6 rows × 16 columns (two ymm per row).
enum { GB_AVX2_MR = 6, GB_AVX2_NR = 16 };

/// As `gb_kernel_avx512`, with Ap kc×6 and Bp kc×16.
void gb_kernel_avx2(long kc, const float *ap, const float *bp, float *c, long ldc,
                    long mr, long nr, int accumulate);
/// As `gb_direct_avx512`, with 6×16 tiles.
void gb_direct_avx2(long m, long n, long k, const float *a, long rsa, long csa,
                    const float *b, long ldb, float *c, long ldc, int accumulate);
/// As `gb_dot_avx512`, with 3×4 tiles.
void gb_dot_avx2(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                 float *c, long ldc, int accumulate);
/// As `gb_gemv_rows_avx512`.
void gb_gemv_rows_avx2(long rows, long k, const float *x, long ldx, const float *y,
                       float *out, int accumulate);
/// As `gb_gemv_cols_avx512`.
void gb_gemv_cols_avx2(long cols, long k, const float *x, long ldx, const float *y,
                       float *out, int accumulate);

// MARK: - Peak (fma_peak.c)

/// Runs `iterations` rounds of independent FMA chains and returns the floating-point operations
/// done (2 per lane per FMA); the caller times it. The result feeds `*sink` so it is not elided.
double gb_fma_peak_avx512(long iterations, float *sink);
/// As `gb_fma_peak_avx512`, with ymm FMAs.
double gb_fma_peak_avx2(long iterations, float *sink);

#endif
