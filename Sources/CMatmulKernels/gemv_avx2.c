// AVX2+FMA kernels whose vectors run along k: the matrix-vector products (n == 1 / m == 1),
// which a packed GEMM would spend almost all of its time packing for, and the small A·Bᵀ
// product (both operands contiguous along k) as 3×4 tiles of dot products.
#include "CMatmulKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define GB_AVX2 __attribute__((target("avx2,fma")))
#define GB_INLINE_AVX2 static inline __attribute__((always_inline, target("avx2,fma")))

GB_INLINE_AVX2 __m256i lanes(long n) {
    const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const int clamped = n < 0 ? 0 : n > 8 ? 8 : (int)n;
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(clamped), index);
}

/// Sum of the eight lanes of each of x0..x3, returned as one 4-lane vector.
GB_INLINE_AVX2 __m128 reduce4(__m256 x0, __m256 x1, __m256 x2, __m256 x3) {
    const __m256 h = _mm256_hadd_ps(_mm256_hadd_ps(x0, x1), _mm256_hadd_ps(x2, x3));
    return _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
}

/// One 3×4 tile of C = A·Bᵀ: 12 accumulators and 3 rows of A in registers, B read as memory
/// operands (15 of the 16 ymm registers). Rows ≥ mr / columns ≥ nr reuse the last valid one (so
/// nothing is read out of bounds) and are not stored.
GB_INLINE_AVX2 void dot_tile(long k, const float *a, long lda, const float *b, long ldb,
                             float *c, long ldc, long mr, long nr, int accumulate) {
    const float *ar[3], *br[4];
    for (int r = 0; r < 3; r++) ar[r] = a + (r < mr ? r : mr - 1) * lda;
    for (int s = 0; s < 4; s++) br[s] = b + (s < nr ? s : nr - 1) * ldb;
    __m256 acc[3][4];
    for (int r = 0; r < 3; r++)
        for (int s = 0; s < 4; s++) acc[r][s] = _mm256_setzero_ps();
    long p = 0;
    for (; p + 8 <= k; p += 8) {
        __m256 av[3];
        for (int r = 0; r < 3; r++) av[r] = _mm256_loadu_ps(ar[r] + p);
        for (int s = 0; s < 4; s++) {
            const __m256 bv = _mm256_loadu_ps(br[s] + p);
            for (int r = 0; r < 3; r++) acc[r][s] = _mm256_fmadd_ps(av[r], bv, acc[r][s]);
        }
    }
    if (p < k) {
        const __m256i m = lanes(k - p);
        __m256 av[3];
        for (int r = 0; r < 3; r++) av[r] = _mm256_maskload_ps(ar[r] + p, m);
        for (int s = 0; s < 4; s++) {
            const __m256 bv = _mm256_maskload_ps(br[s] + p, m);
            for (int r = 0; r < 3; r++) acc[r][s] = _mm256_fmadd_ps(av[r], bv, acc[r][s]);
        }
    }
    const __m128i cols = _mm_castps_si128(_mm256_castps256_ps128(_mm256_castsi256_ps(lanes(nr))));
    for (int r = 0; r < 3 && r < mr; r++) {
        __m128 v = reduce4(acc[r][0], acc[r][1], acc[r][2], acc[r][3]);
        float *cr = c + r * ldc;
        if (accumulate) v = _mm_add_ps(v, _mm_maskload_ps(cr, cols));
        _mm_maskstore_ps(cr, cols, v);
    }
}

GB_AVX2 void gb_dot_avx2(long m, long n, long k, const float *a, long lda, const float *b,
                         long ldb, float *c, long ldc, int accumulate) {
    for (long j = 0; j < n; j += 4) {
        for (long i = 0; i < m; i += 3) {
            dot_tile(k, a + i * lda, lda, b + j * ldb, ldb, c + i * ldc + j, ldc,
                     m - i, n - j, accumulate);
        }
    }
}

GB_AVX2 void gb_gemv_rows_avx2(long rows, long k, const float *x, long ldx, const float *y,
                               float *out, int accumulate) {
    // 4 rows at a time, two accumulators each (k unrolled by 16): 8 independent FMA chains.
    for (long r0 = 0; r0 < rows; r0 += 4) {
        const long rn = rows - r0 < 4 ? rows - r0 : 4;
        const float *xr[4];
        for (int r = 0; r < 4; r++) xr[r] = x + (r0 + (r < rn ? r : rn - 1)) * ldx;
        __m256 lo[4], hi[4];
        for (int r = 0; r < 4; r++) lo[r] = hi[r] = _mm256_setzero_ps();
        long p = 0;
        for (; p + 16 <= k; p += 16) {
            const __m256 y0 = _mm256_loadu_ps(y + p), y1 = _mm256_loadu_ps(y + p + 8);
            for (int r = 0; r < 4; r++) {
                lo[r] = _mm256_fmadd_ps(_mm256_loadu_ps(xr[r] + p), y0, lo[r]);
                hi[r] = _mm256_fmadd_ps(_mm256_loadu_ps(xr[r] + p + 8), y1, hi[r]);
            }
        }
        for (; p < k; p += 8) {
            const __m256i m = lanes(k - p);
            const __m256 yv = _mm256_maskload_ps(y + p, m);
            for (int r = 0; r < 4; r++)
                lo[r] = _mm256_fmadd_ps(_mm256_maskload_ps(xr[r] + p, m), yv, lo[r]);
        }
        for (int r = 0; r < 4; r++) lo[r] = _mm256_add_ps(lo[r], hi[r]);
        float sums[4];
        _mm_storeu_ps(sums, reduce4(lo[0], lo[1], lo[2], lo[3]));
        for (long r = 0; r < rn; r++) out[r0 + r] = accumulate ? out[r0 + r] + sums[r] : sums[r];
    }
}

GB_AVX2 void gb_gemv_cols_avx2(long cols, long k, const float *x, long ldx, const float *y,
                               float *out, int accumulate) {
    // 64 columns at a time: 8 accumulators cover the FMA latency on both pipes.
    for (long j0 = 0; j0 < cols; j0 += 64) {
        __m256i m[8];
        for (int v = 0; v < 8; v++) m[v] = lanes(cols - j0 - 8 * v);
        __m256 acc[8];
        for (int v = 0; v < 8; v++) acc[v] = _mm256_setzero_ps();
        for (long p = 0; p < k; p++) {
            const __m256 yp = _mm256_broadcast_ss(y + p);
            const float *xp = x + p * ldx + j0;
            for (int v = 0; v < 8; v++)
                acc[v] = _mm256_fmadd_ps(yp, _mm256_maskload_ps(xp + 8 * v, m[v]), acc[v]);
        }
        for (int v = 0; v < 8; v++) {
            float *o = out + j0 + 8 * v;
            if (accumulate) acc[v] = _mm256_add_ps(acc[v], _mm256_maskload_ps(o, m[v]));
            _mm256_maskstore_ps(o, m[v], acc[v]);
        }
    }
}

#else

void gb_dot_avx2(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                 float *c, long ldc, int accumulate) { __builtin_trap(); }
void gb_gemv_rows_avx2(long rows, long k, const float *x, long ldx, const float *y,
                       float *out, int accumulate) { __builtin_trap(); }
void gb_gemv_cols_avx2(long cols, long k, const float *x, long ldx, const float *y,
                       float *out, int accumulate) { __builtin_trap(); }

#endif
