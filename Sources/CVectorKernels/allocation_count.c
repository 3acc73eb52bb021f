#include "CVectorKernels.h"

// Per thread, so that a test counting one training loop's allocations is not disturbed by the
// tests running beside it on other threads.
static _Thread_local long tensor_allocations = 0;

void gb_count_tensor_allocation(void) { tensor_allocations += 1; }

long gb_tensor_allocations_on_this_thread(void) { return tensor_allocations; }
