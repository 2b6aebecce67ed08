// glibc allocator settings for lbtop.
//
// One malloc arena instead of one per thread that ever allocated, set when the module is linked
// in (nothing to call). lbtop's work is a poll, a snapshot and a frame per second, handed between
// a few threads, so more arenas only keep more freed memory resident (the rig watching 1,000
// servers: peak RSS 43 MB with the default, 38 MB with one arena, CPU unchanged). `lbtop report`
// keeps the default: it replays stretches of a recording side by side, each thread allocating
// all the time, and through one arena every core waits on the same lock.
// See malloc_tuning.c.
#ifndef LBTOP_CMALLOCTUNING_H
#define LBTOP_CMALLOCTUNING_H

/// Gives the pages of freed memory inside the heap back to the system (glibc `malloc_trim`):
/// free() only returns memory at the heap's top, so a snapshot freed below the history that
/// stays would otherwise keep its pages resident. Does nothing on other C libraries.
void lbtop_release_free_memory(void);

#endif
