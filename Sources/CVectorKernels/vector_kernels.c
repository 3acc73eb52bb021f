#include "CVectorKernels.h"
#include <math.h>

// The loops, written once and instantiated per instruction set. `restrict` tells the compiler
// the buffers do not overlap, which is what lets it vectorise (Swift cannot say so).
#define GB_ADAM_BODY                                                        \
    for (size_t i = 0; i < n; i++) {                                        \
        float g = grad[i];                                                  \
        float mi = m[i] + c1 * (g - m[i]);                                  \
        float vi = v[i] + c2 * (g * g - v[i]);                              \
        m[i] = mi;                                                          \
        v[i] = vi;                                                          \
        theta[i] -= alpha * mi / (sqrtf(vi) + eps);                         \
    }

// x − x is 0 for a finite x and NaN for ±inf or NaN (so the comparison is false). The flags
// are OR-ed as integers: an OR reduction vectorises, where a float sum (the first version,
// acc += x·0) is a chain of dependent adds the compiler may not reorder — a quarter of a
// training step went into it.
#define GB_FINITE_BODY                                                      \
    int bad = 0;                                                            \
    for (size_t i = 0; i < n; i++) bad |= !(x[i] - x[i] == 0.0f);           \
    return !bad;

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512vl")))
static void adam_avx512(float *restrict theta, const float *restrict grad, float *restrict m,
                        float *restrict v, size_t n, float c1, float c2, float alpha, float eps) {
    GB_ADAM_BODY
}
__attribute__((target("avx2,fma")))
static void adam_avx2(float *restrict theta, const float *restrict grad, float *restrict m,
                      float *restrict v, size_t n, float c1, float c2, float alpha, float eps) {
    GB_ADAM_BODY
}
__attribute__((target("avx512f,avx512vl")))
static int finite_avx512(const float *restrict x, size_t n) { GB_FINITE_BODY }
__attribute__((target("avx2,fma")))
static int finite_avx2(const float *restrict x, size_t n) { GB_FINITE_BODY }
#endif

static void adam_baseline(float *restrict theta, const float *restrict grad, float *restrict m,
                          float *restrict v, size_t n, float c1, float c2, float alpha, float eps) {
    GB_ADAM_BODY
}
static int finite_baseline(const float *restrict x, size_t n) { GB_FINITE_BODY }

int gb_cpu_has_avx512(void);
int gb_cpu_has_avx2_fma(void);

int gb_vector_level(void) {
    static int level = -1;  // benign race: every thread computes the same value
    if (level < 0) level = gb_cpu_has_avx512() ? 2 : (gb_cpu_has_avx2_fma() ? 1 : 0);
    return level;
}

void gb_adam_update(float *theta, const float *grad, float *m, float *v, size_t n,
                    float c1, float c2, float alpha, float eps) {
#if defined(__x86_64__)
    switch (gb_vector_level()) {
    case 2: adam_avx512(theta, grad, m, v, n, c1, c2, alpha, eps); return;
    case 1: adam_avx2(theta, grad, m, v, n, c1, c2, alpha, eps); return;
    default: break;
    }
#endif
    adam_baseline(theta, grad, m, v, n, c1, c2, alpha, eps);
}

int gb_all_finite(const float *x, size_t n) {
#if defined(__x86_64__)
    switch (gb_vector_level()) {
    case 2: return finite_avx512(x, n);
    case 1: return finite_avx2(x, n);
    default: break;
    }
#endif
    return finite_baseline(x, n);
}
