// The AVX2+FMA microkernel (6×16 register tile) and the no-packing direct path built on it.
//
// Why 6×16: 16 ymm registers hold 12 accumulators (6 rows × 2 vectors of 8 floats), the two B
// vectors of one k step and a broadcast of A: 15 registers, no spills (a Swift 6×16 kernel
// spilled; docs/numerics.md). Each k step is 2 loads, 6 broadcasts and 12 FMAs.
#include "CMatmulKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define GB_AVX2 __attribute__((target("avx2,fma")))
#define GB_INLINE_AVX2 static inline __attribute__((always_inline, target("avx2,fma")))

enum { MR = GB_AVX2_MR, NR = GB_AVX2_NR };

/// Lane mask (all bits set in lane l when l < n) for _mm256_maskload_ps/_mm256_maskstore_ps.
GB_INLINE_AVX2 __m256i lanes(long n) {
    const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const int clamped = n < 0 ? 0 : n > 8 ? 8 : (int)n;
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(clamped), index);
}

/// The register tile, as in kernel_avx512.c: ROWS rows × 16 columns, acc(i, j) = Σ_p
/// a[i*rsa + p*csa]·b[p*rsb + j]; the first `mr` rows and `nr` columns are stored (or added).
/// With FULL_B (a compile-time constant) B is loaded unmasked: packed panels are zero-padded and
/// full direct strips are 16 wide; a narrower direct strip is masked so it is never over-read.
GB_INLINE_AVX2 void tile(const int ROWS, const int FULL_B, long k, const float *a, long rsa, long csa,
                         const float *b, long rsb, float *c, long ldc, long mr, long nr,
                         int accumulate) {
    const __m256i m0 = lanes(nr), m1 = lanes(nr - 8);
    // Ask for the C tile now (see kernel_avx512.c): its rows are far apart and cold.
    for (int i = 0; i < ROWS; i++) {
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * ldc + 8), _MM_HINT_T0);
    }
    __m256 acc0[MR], acc1[MR];
    for (int i = 0; i < ROWS; i++) {
        acc0[i] = _mm256_setzero_ps();
        acc1[i] = _mm256_setzero_ps();
    }
    if (FULL_B) {
        for (long p = 0; p < k; p++) {
            const __m256 b0 = _mm256_loadu_ps(b + p * rsb), b1 = _mm256_loadu_ps(b + p * rsb + 8);
            const float *ap = a + p * csa;
            for (int i = 0; i < ROWS; i++) {
                const __m256 ai = _mm256_broadcast_ss(ap + i * rsa);
                acc0[i] = _mm256_fmadd_ps(ai, b0, acc0[i]);
                acc1[i] = _mm256_fmadd_ps(ai, b1, acc1[i]);
            }
        }
    } else {
        for (long p = 0; p < k; p++) {
            const __m256 b0 = _mm256_maskload_ps(b + p * rsb, m0);
            const __m256 b1 = _mm256_maskload_ps(b + p * rsb + 8, m1);
            const float *ap = a + p * csa;
            for (int i = 0; i < ROWS; i++) {
                const __m256 ai = _mm256_broadcast_ss(ap + i * rsa);
                acc0[i] = _mm256_fmadd_ps(ai, b0, acc0[i]);
                acc1[i] = _mm256_fmadd_ps(ai, b1, acc1[i]);
            }
        }
    }
    for (int i = 0; i < ROWS; i++) {
        if (i >= mr) break;
        float *ci = c + i * ldc;
        if (accumulate) {
            acc0[i] = _mm256_add_ps(acc0[i], _mm256_maskload_ps(ci, m0));
            acc1[i] = _mm256_add_ps(acc1[i], _mm256_maskload_ps(ci + 8, m1));
        }
        _mm256_maskstore_ps(ci, m0, acc0[i]);
        _mm256_maskstore_ps(ci + 8, m1, acc1[i]);
    }
}

/// A packed tile with its row count known at compile time (edge panels do only their rows).
/// The packed B panel is zero-padded to 16 columns: it is read whole, only the stores are masked.
#define GB_PACKED_CASE(R) \
    case R: tile(R, 1, kc, ap, 1, MR, bp, NR, c, ldc, R, nr, accumulate); break;

GB_AVX2 void gb_kernel_avx2(long kc, const float *ap, const float *bp, float *c, long ldc,
                            long mr, long nr, int accumulate) {
    switch (mr) {
        GB_PACKED_CASE(6) GB_PACKED_CASE(5) GB_PACKED_CASE(4)
        GB_PACKED_CASE(3) GB_PACKED_CASE(2) GB_PACKED_CASE(1)
    }
}

#define GB_DIRECT_CASE(R)                                                                    \
    case R:                                                                                  \
        if (nr == NR && csa == 1) tile(R, 1, k, ai, rsa, 1, bj, ldb, cij, ldc, R, nr, accumulate); \
        else if (nr == NR) tile(R, 1, k, ai, 1, csa, bj, ldb, cij, ldc, R, nr, accumulate);      \
        else if (csa == 1) tile(R, 0, k, ai, rsa, 1, bj, ldb, cij, ldc, R, nr, accumulate);      \
        else tile(R, 0, k, ai, 1, csa, bj, ldb, cij, ldc, R, nr, accumulate);                    \
        break;

GB_AVX2 void gb_direct_avx2(long m, long n, long k, const float *a, long rsa, long csa,
                            const float *b, long ldb, float *c, long ldc, int accumulate) {
    for (long j = 0; j < n; j += NR) {
        const long nr = n - j < NR ? n - j : NR;
        for (long i = 0; i < m; i += MR) {
            const long mr = m - i < MR ? m - i : MR;
            const float *ai = a + i * rsa;
            const float *bj = b + j;
            float *cij = c + i * ldc + j;
            switch (mr) {
                GB_DIRECT_CASE(6) GB_DIRECT_CASE(5) GB_DIRECT_CASE(4)
                GB_DIRECT_CASE(3) GB_DIRECT_CASE(2) GB_DIRECT_CASE(1)
            }
        }
    }
}

#else

void gb_kernel_avx2(long kc, const float *ap, const float *bp, float *c, long ldc,
                    long mr, long nr, int accumulate) { __builtin_trap(); }
void gb_direct_avx2(long m, long n, long k, const float *a, long rsa, long csa,
                    const float *b, long ldb, float *c, long ldc, int accumulate) {
    __builtin_trap();
}

#endif
