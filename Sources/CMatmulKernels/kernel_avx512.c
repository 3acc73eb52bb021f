// The AVX-512 microkernel (12×32 register tile) and the no-packing direct path built on it.
//
// Why 12×32: 32 zmm registers hold 24 accumulators (12 rows × 2 vectors of 16 floats), the two
// B vectors of one k step and a broadcast of A. Each k step is 2 loads, 12 broadcasts and 24
// FMAs, enough independent chains to cover the FMA latency on both FMA pipes.
#include "CMatmulKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define GB_AVX512 __attribute__((target("avx512f,avx512vl,fma")))
#define GB_INLINE_AVX512 static inline __attribute__((always_inline, target("avx512f,avx512vl,fma")))

enum { MR = GB_AVX512_MR, NR = GB_AVX512_NR };

/// Lanes mask for the first `n` of 16 lanes (n clamped to 0...16).
GB_INLINE_AVX512 __mmask16 lanes(long n) {
    return n >= 16 ? (__mmask16)0xFFFF : n <= 0 ? (__mmask16)0 : (__mmask16)((1u << n) - 1);
}

/// The register tile: for ROWS rows (a compile-time constant after inlining) and 32 columns,
/// acc(i, j) = Σ_p a[i*rsa + p*csa] · b[p*rsb + j], then the first `mr` rows and `nr` columns are
/// stored to C (added to C when accumulating). With FULL_B (a compile-time constant) B is loaded
/// unmasked: packed panels are zero-padded and full direct strips are 32 wide; a narrower direct
/// strip is read with the column masks, so it is never read past its edge.
GB_INLINE_AVX512 void tile(const int ROWS, const int FULL_B, long k, const float *a, long rsa, long csa,
                           const float *b, long rsb, float *c, long ldc, long mr, long nr,
                           int accumulate) {
    const __mmask16 m0 = lanes(nr), m1 = lanes(nr - 16);
    // Ask for the C tile now: its rows are ldc apart (often pages apart) and were last touched
    // a whole macrokernel pass ago, so without this the final loads/stores wait on L3 or DRAM.
    for (int i = 0; i < ROWS; i++) {
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * ldc + 16), _MM_HINT_T0);
    }
    __m512 acc0[MR], acc1[MR];
    for (int i = 0; i < ROWS; i++) {
        acc0[i] = _mm512_setzero_ps();
        acc1[i] = _mm512_setzero_ps();
    }
    for (long p = 0; p < k; p++) {
        const __m512 b0 = FULL_B ? _mm512_loadu_ps(b + p * rsb) : _mm512_maskz_loadu_ps(m0, b + p * rsb);
        const __m512 b1 = FULL_B ? _mm512_loadu_ps(b + p * rsb + 16)
                                 : _mm512_maskz_loadu_ps(m1, b + p * rsb + 16);
        const float *ap = a + p * csa;
        for (int i = 0; i < ROWS; i++) {
            const __m512 ai = _mm512_set1_ps(ap[i * rsa]);
            acc0[i] = _mm512_fmadd_ps(ai, b0, acc0[i]);
            acc1[i] = _mm512_fmadd_ps(ai, b1, acc1[i]);
        }
    }
    for (int i = 0; i < ROWS; i++) {
        if (i >= mr) break;
        float *ci = c + i * ldc;
        if (accumulate) {
            acc0[i] = _mm512_add_ps(acc0[i], _mm512_maskz_loadu_ps(m0, ci));
            acc1[i] = _mm512_add_ps(acc1[i], _mm512_maskz_loadu_ps(m1, ci + 16));
        }
        _mm512_mask_storeu_ps(ci, m0, acc0[i]);
        _mm512_mask_storeu_ps(ci + 16, m1, acc1[i]);
    }
}

/// A packed tile with its row count known at compile time: an edge panel of 4 rows costs 4
/// rows of FMAs, not 12 (a 256-row product is 21 full panels and one of 4).
#define GB_PACKED_CASE(R) \
    case R: tile(R, 1, kc, ap, 1, MR, bp, NR, c, ldc, R, nr, accumulate); break;

GB_AVX512 void gb_kernel_avx512(long kc, const float *ap, const float *bp, float *c, long ldc,
                                long mr, long nr, int accumulate) {
    switch (mr) {
        GB_PACKED_CASE(12) GB_PACKED_CASE(11) GB_PACKED_CASE(10) GB_PACKED_CASE(9)
        GB_PACKED_CASE(8) GB_PACKED_CASE(7) GB_PACKED_CASE(6) GB_PACKED_CASE(5)
        GB_PACKED_CASE(4) GB_PACKED_CASE(3) GB_PACKED_CASE(2) GB_PACKED_CASE(1)
    }
}

/// One row strip of the direct path with the row count known at compile time: the A addressing
/// is specialised for the two layouts (rows contiguous along k, or columns contiguous along m).
#define GB_DIRECT_CASE(R)                                                                    \
    case R:                                                                                  \
        if (nr == NR && csa == 1) tile(R, 1, k, ai, rsa, 1, bj, ldb, cij, ldc, R, nr, accumulate); \
        else if (nr == NR) tile(R, 1, k, ai, 1, csa, bj, ldb, cij, ldc, R, nr, accumulate);      \
        else if (csa == 1) tile(R, 0, k, ai, rsa, 1, bj, ldb, cij, ldc, R, nr, accumulate);      \
        else tile(R, 0, k, ai, 1, csa, bj, ldb, cij, ldc, R, nr, accumulate);                    \
        break;

GB_AVX512 void gb_direct_avx512(long m, long n, long k, const float *a, long rsa, long csa,
                                const float *b, long ldb, float *c, long ldc, int accumulate) {
    // JR outer, IR inner: a 32-column strip of B stays in L1 while the row strips of A pass.
    for (long j = 0; j < n; j += NR) {
        const long nr = n - j < NR ? n - j : NR;
        for (long i = 0; i < m; i += MR) {
            const long mr = m - i < MR ? m - i : MR;
            const float *ai = a + i * rsa;
            const float *bj = b + j;
            float *cij = c + i * ldc + j;
            switch (mr) {
                GB_DIRECT_CASE(12) GB_DIRECT_CASE(11) GB_DIRECT_CASE(10) GB_DIRECT_CASE(9)
                GB_DIRECT_CASE(8) GB_DIRECT_CASE(7) GB_DIRECT_CASE(6) GB_DIRECT_CASE(5)
                GB_DIRECT_CASE(4) GB_DIRECT_CASE(3) GB_DIRECT_CASE(2) GB_DIRECT_CASE(1)
            }
        }
    }
}

#else  // not x86-64: never called (the feature check answers 0), present so the module links.

void gb_kernel_avx512(long kc, const float *ap, const float *bp, float *c, long ldc,
                      long mr, long nr, int accumulate) { __builtin_trap(); }
void gb_direct_avx512(long m, long n, long k, const float *a, long rsa, long csa,
                      const float *b, long ldb, float *c, long ldc, int accumulate) {
    __builtin_trap();
}

#endif
