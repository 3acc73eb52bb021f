#include "CMatmulKernels.h"

// Flush-to-zero (results below the smallest normal float become 0) and denormals-are-zero
// (such inputs are read as 0). Intel cores take a microcode assist of ~100+ cycles on every
// denormal operand or result; Adam's moments and the gradients of a trained net drift into
// that range, so without these bits a training step can run several times slower.

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

/// MXCSR bit 15 (FTZ) and bit 6 (DAZ).
static const unsigned int flush_bits = 0x8040u;

void gb_flush_denormals(void) {
    unsigned int csr = _mm_getcsr();
    if ((csr & flush_bits) != flush_bits) _mm_setcsr(csr | flush_bits);
}

int gb_denormals_flushed(void) { return (_mm_getcsr() & flush_bits) == flush_bits; }

void gb_keep_denormals(void) { _mm_setcsr(_mm_getcsr() & ~flush_bits); }

#elif defined(__aarch64__)
/// FPCR bit 24 (FZ): flushes denormal inputs and results of float arithmetic to zero.
static const unsigned long flush_bit = 1ul << 24;

static unsigned long read_fpcr(void) {
    unsigned long fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    return fpcr;
}

static void write_fpcr(unsigned long fpcr) { __asm__ volatile("msr fpcr, %0" : : "r"(fpcr)); }

void gb_flush_denormals(void) {
    unsigned long fpcr = read_fpcr();
    if ((fpcr & flush_bit) == 0) write_fpcr(fpcr | flush_bit);
}

int gb_denormals_flushed(void) { return (read_fpcr() & flush_bit) != 0; }

void gb_keep_denormals(void) { write_fpcr(read_fpcr() & ~flush_bit); }

#else
void gb_flush_denormals(void) {}
int gb_denormals_flushed(void) { return 0; }
void gb_keep_denormals(void) {}
#endif
