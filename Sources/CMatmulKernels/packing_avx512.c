// AVX-512 packing (the layouts of packing.c; that file's routines are the fallback and the
// twins these are tested against through the whole product). Packing reads sources that are
// often in L2, where the baseline routines were the bottleneck (measured in cache: transposing
// 0.17 → 0.14 ns per element at 256², 32-wide copies 0.13 → 0.05):
// - lines contiguous along k (A as stored, or Bᵀ): 16×16 transposes in registers;
// - lines contiguous at fixed p (B as stored, or Aᵀ): masked vector copies that also zero-pad.
#include "CMatmulKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define GB_AVX512 __attribute__((target("avx512f,avx512vl")))
#define GB_INLINE_AVX512 static inline __attribute__((always_inline, target("avx512f,avx512vl")))

GB_INLINE_AVX512 __mmask16 lanes(long n) {
    return n >= 16 ? (__mmask16)0xFFFF : n <= 0 ? (__mmask16)0 : (__mmask16)((1u << n) - 1);
}

/// Transposes 16 vectors in place: afterwards x[t] lane r holds what was x[r] lane t.
GB_INLINE_AVX512 void transpose16(__m512 x[16]) {
    __m512 t[16];
    for (int i = 0; i < 16; i += 2) {  // interleave pairs of rows: 2×2 blocks of floats
        t[i] = _mm512_unpacklo_ps(x[i], x[i + 1]);
        t[i + 1] = _mm512_unpackhi_ps(x[i], x[i + 1]);
    }
    for (int i = 0; i < 16; i += 4) {  // 4×4 blocks within each 128-bit lane
        for (int j = 0; j < 2; j++) {
            __m512d a = _mm512_castps_pd(t[i + j]), b = _mm512_castps_pd(t[i + j + 2]);
            x[i + 2 * j] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, b));
            x[i + 2 * j + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, b));
        }
    }
    for (int i = 0; i < 16; i += 8) {  // exchange 128-bit lanes between groups 4 apart
        for (int j = 0; j < 4; j++) {
            t[i + j] = _mm512_shuffle_f32x4(x[i + j], x[i + j + 4], 0x88);
            t[i + j + 4] = _mm512_shuffle_f32x4(x[i + j], x[i + j + 4], 0xDD);
        }
    }
    for (int j = 0; j < 8; j++) {  // and between groups 8 apart
        x[j] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0x88);
        x[j + 8] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0xDD);
    }
}

/// Up to 16 lines (`lines` ≤ 16) starting at `src`, each contiguous along p, written as
/// dst[p*width + r] for r < lines. Lines past `lines` are read as zeros and not stored.
GB_INLINE_AVX512 void pack_group(float *dst, const float *src, long lines, long k, long sr,
                                 long width) {
    const __mmask16 keep = lanes(lines);
    for (long p = 0; p < k; p += 16) {
        const __mmask16 valid = lanes(k - p);
        __m512 x[16];
        for (int r = 0; r < 16; r++) {
            x[r] = r < lines ? _mm512_maskz_loadu_ps(valid, src + r * sr + p) : _mm512_setzero_ps();
        }
        transpose16(x);  // x[t] = column p + t, lines in lanes
        const long columns = k - p < 16 ? k - p : 16;
        for (int t = 0; t < columns; t++) _mm512_mask_storeu_ps(dst + (p + t) * width, keep, x[t]);
    }
}

/// One panel whose lines are contiguous at fixed p (B as stored, or Aᵀ), width ≤ 32: per p, two
/// masked loads and two masked stores; the load masks zero the padding lines for free.
GB_INLINE_AVX512 void pack_copy(float *dst, const float *src, long lines, long k, long sk,
                                long width) {
    const __mmask16 load0 = lanes(lines), load1 = lanes(lines - 16);
    const __mmask16 store0 = lanes(width), store1 = lanes(width - 16);
    for (long p = 0; p < k; p++) {
        const float *s = src + p * sk;
        float *d = dst + p * width;
        _mm512_mask_storeu_ps(d, store0, _mm512_maskz_loadu_ps(load0, s));
        if (width > 16) _mm512_mask_storeu_ps(d + 16, store1, _mm512_maskz_loadu_ps(load1, s + 16));
    }
}

GB_AVX512 void gb_pack_panels_avx512(float *dst, const float *src, long count, long k, long sr,
                                     long sk, long width) {
    // Narrow copies (Aᵀ panels of 12) measured slower masked than plain: only B's 32-wide ones.
    if (sr == 1 && width > 16 && width <= 32) {
        for (long first = 0; first < count; first += width) {
            const long lines = count - first < width ? count - first : width;
            pack_copy(dst + first * k, src + first, lines, k, sk, width);
        }
        return;
    }
    if (sk != 1) {
        gb_pack_panels(dst, src, count, k, sr, sk, width);
        return;
    }
    for (long first = 0; first < count; first += width) {
        const long lines = count - first < width ? count - first : width;
        float *panel = dst + first * k;
        for (long r0 = 0; r0 < width; r0 += 16) {  // 16-line groups within the panel
            const long group = width - r0 < 16 ? width - r0 : 16;
            const long real = lines - r0 < group ? (lines - r0 > 0 ? lines - r0 : 0) : group;
            if (real == group) {
                pack_group(panel + r0, src + (first + r0) * sr, group, k, sr, width);
            } else {
                // Edge of the operand: zero the group's slots, then write the lines that exist.
                for (long p = 0; p < k; p++) {
                    for (long r = 0; r < group; r++) panel[p * width + r0 + r] = 0.0f;
                }
                if (real > 0) pack_group(panel + r0, src + (first + r0) * sr, real, k, sr, width);
            }
        }
    }
}

#else

void gb_pack_panels_avx512(float *dst, const float *src, long count, long k, long sr, long sk,
                           long width) {
    gb_pack_panels(dst, src, count, k, sr, sk, width);
}

#endif
