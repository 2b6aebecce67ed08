#include "CMallocTuning.h"
#include <stdlib.h>   // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#include <string.h>

/// Runs before main and before the Swift runtime starts any thread: a limit set later (from
/// Swift code) does not undo the per-thread arenas already made.
/// `lbtop report` is left the default: its stretches are replayed side by side, each allocating
/// all the time, and one arena's lock would be taken in turn by every core. (glibc hands
/// constructors the program's arguments.)
__attribute__((constructor(101))) static void lbtop_single_malloc_arena(int argc, char **argv, char **envp) {
    (void)envp;
    if (argc > 1 && strcmp(argv[1], "report") == 0) return;
    mallopt(M_ARENA_MAX, 1);
}

void lbtop_release_free_memory(void) { malloc_trim(0); }
#else
void lbtop_release_free_memory(void) {}
#endif
