#include "CMallocTuning.h"
#include <stdlib.h>   // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>

/// Runs before main and before the Swift runtime starts any thread: a limit set later (from
/// Swift code) does not undo the per-thread arenas already made.
__attribute__((constructor(101))) static void lbtop_single_malloc_arena(void) { mallopt(M_ARENA_MAX, 1); }

void lbtop_release_free_memory(void) { malloc_trim(0); }
#else
void lbtop_release_free_memory(void) {}
#endif
