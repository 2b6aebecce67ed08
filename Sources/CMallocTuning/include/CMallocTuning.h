// glibc allocator settings the Swift overlay does not expose (<malloc.h>'s mallopt).
#ifndef LBTOP_CMALLOCTUNING_H
#define LBTOP_CMALLOCTUNING_H

/// Limits glibc malloc to `count` arenas; returns 1 when applied, 0 when not (other libc).
/// Linking this module also sets one arena before main (a constructor), which is what counts.
int lbtop_limit_malloc_arenas(int count);

#endif
