// AVX-512 kernels whose vectors run along k: the small A·Bᵀ product (both operands contiguous
// along k, so neither needs packing) and the matrix-vector product with rows contiguous along k.
// Both end in horizontal sums; the 16-to-1 transpose-reduce below does 16 of them in ~45 shuffles
// and adds instead of 16 separate reductions.
#include "CMatmulKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define GB_AVX512 __attribute__((target("avx512f,avx512vl,fma")))
#define GB_INLINE_AVX512 static inline __attribute__((always_inline, target("avx512f,avx512vl,fma")))

GB_INLINE_AVX512 __mmask16 lanes(long n) {
    return n >= 16 ? (__mmask16)0xFFFF : n <= 0 ? (__mmask16)0 : (__mmask16)((1u << n) - 1);
}

/// Sums within each 128-bit lane: for vectors x0..x3 returns, per lane, [Σx0, Σx1, Σx2, Σx3]
/// of that lane's four elements.
GB_INLINE_AVX512 __m512 reduce4_in_lanes(__m512 x0, __m512 x1, __m512 x2, __m512 x3) {
    const __m512 x01 = _mm512_add_ps(_mm512_unpacklo_ps(x0, x1), _mm512_unpackhi_ps(x0, x1));
    const __m512 x23 = _mm512_add_ps(_mm512_unpacklo_ps(x2, x3), _mm512_unpackhi_ps(x2, x3));
    return _mm512_add_ps(_mm512_shuffle_ps(x01, x23, 0x44), _mm512_shuffle_ps(x01, x23, 0xEE));
}

/// Horizontal sums of 16 vectors: element t of the result is Σ (all 16 lanes of) x[t].
GB_INLINE_AVX512 __m512 reduce16(const __m512 x[16]) {
    const __m512 y0 = reduce4_in_lanes(x[0], x[1], x[2], x[3]);
    const __m512 y1 = reduce4_in_lanes(x[4], x[5], x[6], x[7]);
    const __m512 y2 = reduce4_in_lanes(x[8], x[9], x[10], x[11]);
    const __m512 y3 = reduce4_in_lanes(x[12], x[13], x[14], x[15]);
    // Fold the four 128-bit lanes: [y0.L0+L2, y0.L1+L3, y1.L0+L2, y1.L1+L3], then pairwise again.
    const __m512 z01 = _mm512_add_ps(_mm512_shuffle_f32x4(y0, y1, 0x44), _mm512_shuffle_f32x4(y0, y1, 0xEE));
    const __m512 z23 = _mm512_add_ps(_mm512_shuffle_f32x4(y2, y3, 0x44), _mm512_shuffle_f32x4(y2, y3, 0xEE));
    return _mm512_add_ps(_mm512_shuffle_f32x4(z01, z23, 0x88), _mm512_shuffle_f32x4(z01, z23, 0xDD));
}

/// One 4×4 tile of C = A·Bᵀ: rows ≥ mr / columns ≥ nr reuse the last valid row (so nothing is
/// read out of bounds) and are not stored.
GB_INLINE_AVX512 void dot_tile(long k, const float *a, long lda, const float *b, long ldb,
                               float *c, long ldc, long mr, long nr, int accumulate) {
    const float *ar[4], *br[4];
    for (int r = 0; r < 4; r++) ar[r] = a + (r < mr ? r : mr - 1) * lda;
    for (int s = 0; s < 4; s++) br[s] = b + (s < nr ? s : nr - 1) * ldb;
    __m512 acc[16];
    for (int t = 0; t < 16; t++) acc[t] = _mm512_setzero_ps();
    for (long p = 0; p < k; p += 16) {
        const __mmask16 m = lanes(k - p);
        __m512 av[4], bv[4];
        for (int r = 0; r < 4; r++) av[r] = _mm512_maskz_loadu_ps(m, ar[r] + p);
        for (int s = 0; s < 4; s++) bv[s] = _mm512_maskz_loadu_ps(m, br[s] + p);
        for (int r = 0; r < 4; r++)
            for (int s = 0; s < 4; s++) acc[r * 4 + s] = _mm512_fmadd_ps(av[r], bv[s], acc[r * 4 + s]);
    }
    const __m512 sums = reduce16(acc);  // lane r holds row r's four dot products
    const __m128 rows[4] = {
        _mm512_extractf32x4_ps(sums, 0), _mm512_extractf32x4_ps(sums, 1),
        _mm512_extractf32x4_ps(sums, 2), _mm512_extractf32x4_ps(sums, 3),
    };
    const __mmask8 cols = (__mmask8)((1u << (nr < 4 ? nr : 4)) - 1);
    for (int r = 0; r < 4 && r < mr; r++) {
        float *cr = c + r * ldc;
        __m128 v = rows[r];
        if (accumulate) v = _mm_add_ps(v, _mm_maskz_loadu_ps(cols, cr));
        _mm_mask_storeu_ps(cr, cols, v);
    }
}

GB_AVX512 void gb_dot_avx512(long m, long n, long k, const float *a, long lda, const float *b,
                             long ldb, float *c, long ldc, int accumulate) {
    for (long j = 0; j < n; j += 4) {
        for (long i = 0; i < m; i += 4) {
            dot_tile(k, a + i * lda, lda, b + j * ldb, ldb, c + i * ldc + j, ldc,
                     m - i, n - j, accumulate);
        }
    }
}

GB_AVX512 void gb_gemv_rows_avx512(long rows, long k, const float *x, long ldx, const float *y,
                                   float *out, int accumulate) {
    // 16 rows at a time, one accumulator each: 16 independent FMA chains, one reduce16.
    for (long r0 = 0; r0 < rows; r0 += 16) {
        const long rn = rows - r0 < 16 ? rows - r0 : 16;
        const float *xr[16];
        for (int r = 0; r < 16; r++) xr[r] = x + (r0 + (r < rn ? r : rn - 1)) * ldx;
        __m512 acc[16];
        for (int r = 0; r < 16; r++) acc[r] = _mm512_setzero_ps();
        for (long p = 0; p < k; p += 16) {
            const __mmask16 m = lanes(k - p);
            const __m512 yv = _mm512_maskz_loadu_ps(m, y + p);
            for (int r = 0; r < 16; r++)
                acc[r] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, xr[r] + p), yv, acc[r]);
        }
        const __mmask16 keep = lanes(rn);
        __m512 sums = reduce16(acc);
        if (accumulate) sums = _mm512_add_ps(sums, _mm512_maskz_loadu_ps(keep, out + r0));
        _mm512_mask_storeu_ps(out + r0, keep, sums);
    }
}

GB_AVX512 void gb_gemv_cols_avx512(long cols, long k, const float *x, long ldx, const float *y,
                                   float *out, int accumulate) {
    // 128 columns at a time: 8 accumulators cover the FMA latency on both pipes.
    for (long j0 = 0; j0 < cols; j0 += 128) {
        __mmask16 m[8];
        for (int v = 0; v < 8; v++) m[v] = lanes(cols - j0 - 16 * v);
        __m512 acc[8];
        for (int v = 0; v < 8; v++) acc[v] = _mm512_setzero_ps();
        for (long p = 0; p < k; p++) {
            const __m512 yp = _mm512_set1_ps(y[p]);
            const float *xp = x + p * ldx + j0;
            for (int v = 0; v < 8; v++)
                acc[v] = _mm512_fmadd_ps(yp, _mm512_maskz_loadu_ps(m[v], xp + 16 * v), acc[v]);
        }
        for (int v = 0; v < 8; v++) {
            float *o = out + j0 + 16 * v;
            if (accumulate) acc[v] = _mm512_add_ps(acc[v], _mm512_maskz_loadu_ps(m[v], o));
            _mm512_mask_storeu_ps(o, m[v], acc[v]);
        }
    }
}

#else

void gb_dot_avx512(long m, long n, long k, const float *a, long lda, const float *b, long ldb,
                   float *c, long ldc, int accumulate) { __builtin_trap(); }
void gb_gemv_rows_avx512(long rows, long k, const float *x, long ldx, const float *y,
                         float *out, int accumulate) { __builtin_trap(); }
void gb_gemv_cols_avx512(long cols, long k, const float *x, long ldx, const float *y,
                         float *out, int accumulate) { __builtin_trap(); }

#endif
