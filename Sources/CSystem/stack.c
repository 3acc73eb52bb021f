#define _GNU_SOURCE
#include "CSystem.h"
#include <pthread.h>

uintptr_t gb_thread_stack_low(void) {
    pthread_attr_t attr;
    void *base = 0;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    pthread_attr_getstack(&attr, &base, &size);
    pthread_attr_destroy(&attr);
    return (uintptr_t)base;
}
