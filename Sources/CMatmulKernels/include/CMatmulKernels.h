#ifndef GRADBOOK_CMATMULKERNELS_H
#define GRADBOOK_CMATMULKERNELS_H
// SIMD microkernels for the matmul core, one per instruction set, chosen at run time.
// The module is compiled for baseline x86-64; each kernel carries its own target attribute.

/// 1 when the running CPU (and OS) supports the AVX-512F/VL kernels, else 0.
int gb_cpu_has_avx512(void);
/// 1 when the running CPU supports the AVX2+FMA kernels, else 0.
int gb_cpu_has_avx2_fma(void);

#endif
