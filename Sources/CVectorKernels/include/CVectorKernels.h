#ifndef GRADBOOK_CVECTORKERNELS_H
#define GRADBOOK_CVECTORKERNELS_H
// Elementwise loops on the training hot path, compiled three times (AVX-512, AVX2+FMA, and the
// baseline) from one source with target attributes; the entry points pick the best the CPU has.
// Plain C loops: the compiler vectorises them (sqrtps/divps instead of per-element sqrtf calls).
#include <stddef.h>

/// One Keras Adam update over n params (see NN/Training/Optimizer.swift for the formula):
/// m += c1·(g − m); v += c2·(g² − v); θ −= alpha·m/(√v + eps).
void gb_adam_update(float *theta, const float *grad, float *m, float *v, size_t n,
                    float c1, float c2, float alpha, float eps);

/// 1 when every one of the n values is finite, else 0.
int gb_all_finite(const float *x, size_t n);

/// The level the entry points use: 2 = AVX-512, 1 = AVX2+FMA, 0 = baseline.
int gb_vector_level(void);

/// Counts one tensor buffer made on the calling thread (allocation_count.c; debug builds call it).
void gb_count_tensor_allocation(void);
/// Tensor buffers made so far on the calling thread.
long gb_tensor_allocations_on_this_thread(void);

#endif
