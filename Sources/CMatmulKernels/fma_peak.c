// Single-core FP32 FMA throughput: many independent FMA chains on registers only, so the loop is
// bound by the FMA pipes alone. The benchmark divides the returned operation count by the time.
#include "CMatmulKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// 12 chains: more than latency (4) × pipes (2), so every cycle can issue two FMAs.
enum { CHAINS = 12 };

__attribute__((target("avx512f")))
double gb_fma_peak_avx512(long iterations, float *sink) {
    __m512 acc[CHAINS];
    for (int i = 0; i < CHAINS; i++) acc[i] = _mm512_set1_ps((float)i * 1e-3f);
    const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
    for (long n = 0; n < iterations; n++) {
        for (int i = 0; i < CHAINS; i++) acc[i] = _mm512_fmadd_ps(acc[i], x, y);
        __asm__ volatile("" ::: "memory");  // keep the loop from being folded away
    }
    __m512 total = acc[0];
    for (int i = 1; i < CHAINS; i++) total = _mm512_add_ps(total, acc[i]);
    *sink = _mm512_reduce_add_ps(total);
    return (double)iterations * CHAINS * 16 * 2;
}

__attribute__((target("avx2,fma")))
double gb_fma_peak_avx2(long iterations, float *sink) {
    __m256 acc[CHAINS];
    for (int i = 0; i < CHAINS; i++) acc[i] = _mm256_set1_ps((float)i * 1e-3f);
    const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
    for (long n = 0; n < iterations; n++) {
        for (int i = 0; i < CHAINS; i++) acc[i] = _mm256_fmadd_ps(acc[i], x, y);
        __asm__ volatile("" ::: "memory");
    }
    __m256 total = acc[0];
    for (int i = 1; i < CHAINS; i++) total = _mm256_add_ps(total, acc[i]);
    float lanes[8];
    _mm256_storeu_ps(lanes, total);
    float s = 0;
    for (int i = 0; i < 8; i++) s += lanes[i];
    *sink = s;
    return (double)iterations * CHAINS * 8 * 2;
}

#else

double gb_fma_peak_avx512(long iterations, float *sink) { *sink = 0; return 0; }
double gb_fma_peak_avx2(long iterations, float *sink) { *sink = 0; return 0; }

#endif
