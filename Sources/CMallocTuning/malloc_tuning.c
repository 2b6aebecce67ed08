#include "CMallocTuning.h"
#include <stdlib.h>   // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
int lbtop_limit_malloc_arenas(int count) { return mallopt(M_ARENA_MAX, count); }

/// Before main and before the Swift runtime starts any thread: an arena limit set later does
/// not undo the per-thread arenas already made.
__attribute__((constructor(101))) static void lbtop_single_malloc_arena(void) { mallopt(M_ARENA_MAX, 1); }
#else
int lbtop_limit_malloc_arenas(int count) { (void)count; return 0; }
#endif
