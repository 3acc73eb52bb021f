#include "CMatmulKernels.h"

#if defined(__x86_64__) || defined(__i386__)
int gb_cpu_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
}
int gb_cpu_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#else
int gb_cpu_has_avx512(void) { return 0; }
int gb_cpu_has_avx2_fma(void) { return 0; }
#endif
