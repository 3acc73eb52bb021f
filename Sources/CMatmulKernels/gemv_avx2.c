// AVX2+FMA matrix-vector kernels: the n == 1 / m == 1 products, which a packed GEMM would spend
// almost all of its time packing for.
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

void gb_gemv_rows_avx2(long rows, long k, const float *x, long ldx, const float *y,
                       float *out, int accumulate) { __builtin_trap(); }
void gb_gemv_cols_avx2(long cols, long k, const float *x, long ldx, const float *y,
                       float *out, int accumulate) { __builtin_trap(); }

#endif
