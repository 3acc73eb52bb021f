#ifndef GRADBOOK_CSYSTEM_H
#define GRADBOOK_CSYSTEM_H
// Small system facts Swift's Glibc module does not expose (GNU extensions).
#include <stdint.h>

/// The lowest address of the calling thread's stack, or 0 when unknown.
uintptr_t gb_thread_stack_low(void);

#endif
