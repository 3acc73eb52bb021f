// Packing: copies a block of op(A) or op(B) into the k-major, zero-padded panels the microkernels
// stream through. Baseline ISA (SSE2 on x86-64 is part of every x86-64 CPU).
//
// Two layouts reach this file, and exactly one source stride is 1 in each:
// - lines contiguous at a fixed p (sr == 1: B as stored, or Aᵀ): each panel row is a plain copy;
// - each line contiguous along p (sk == 1: A as stored, or Bᵀ): a transposition, done in 4×4
//   register blocks on x86-64 so that neither the loads nor the stores are scalar and strided.
#include "CMatmulKernels.h"
#include <string.h>

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

/// One panel, lines contiguous at fixed p: dst[p*width + r] = src[r + p*sk].
static void pack_copy(float *dst, const float *src, long count, long k, long sk, long width) {
    for (long p = 0; p < k; p++) {
        const float *s = src + p * sk;
        float *d = dst + p * width;
        long r = 0;
        for (; r < count; r++) d[r] = s[r];
        for (; r < width; r++) d[r] = 0.0f;
    }
}

/// One panel, lines contiguous along p: dst[p*width + r] = src[r*sr + p].
static void pack_transpose(float *dst, const float *src, long count, long k, long sr, long width) {
    long r = 0;
#if defined(__x86_64__)
    // Four lines at a time: load 4 lines × 4 positions, transpose in registers, store 4 rows.
    for (; r + 4 <= count; r += 4) {
        const float *s0 = src + r * sr, *s1 = s0 + sr, *s2 = s1 + sr, *s3 = s2 + sr;
        long p = 0;
        for (; p + 4 <= k; p += 4) {
            __m128 x0 = _mm_loadu_ps(s0 + p), x1 = _mm_loadu_ps(s1 + p);
            __m128 x2 = _mm_loadu_ps(s2 + p), x3 = _mm_loadu_ps(s3 + p);
            _MM_TRANSPOSE4_PS(x0, x1, x2, x3);
            float *d = dst + p * width + r;
            _mm_storeu_ps(d, x0);
            _mm_storeu_ps(d + width, x1);
            _mm_storeu_ps(d + 2 * width, x2);
            _mm_storeu_ps(d + 3 * width, x3);
        }
        for (; p < k; p++) {
            float *d = dst + p * width + r;
            d[0] = s0[p]; d[1] = s1[p]; d[2] = s2[p]; d[3] = s3[p];
        }
    }
#endif
    for (; r < count; r++) {
        const float *s = src + r * sr;
        for (long p = 0; p < k; p++) dst[p * width + r] = s[p];
    }
    for (long p = 0; p < k && count < width; p++) {
        memset(dst + p * width + count, 0, (size_t)(width - count) * sizeof(float));
    }
}

/// Any strides: the obviously correct twin of the two above.
static void pack_general(float *dst, const float *src, long count, long k, long sr, long sk,
                         long width) {
    for (long p = 0; p < k; p++) {
        for (long r = 0; r < width; r++) {
            dst[p * width + r] = r < count ? src[r * sr + p * sk] : 0.0f;
        }
    }
}

void gb_pack_panels(float *dst, const float *src, long count, long k, long sr, long sk,
                    long width) {
    for (long first = 0; first < count; first += width) {
        long lines = count - first < width ? count - first : width;
        const float *s = src + first * sr;
        float *d = dst + first * k;  // panel q starts at q*width*k, and first == q*width
        if (sr == 1) {
            pack_copy(d, s, lines, k, sk, width);
        } else if (sk == 1) {
            pack_transpose(d, s, lines, k, sr, width);
        } else {
            pack_general(d, s, lines, k, sr, sk, width);
        }
    }
}
