import CMallocTuning

/// Allocator settings for a long-running, mostly idle process.
enum MallocTuning {
    /// One malloc arena instead of one per thread that ever allocated: lbtop's work is a poll, a
    /// snapshot and a frame per second, handed between a few threads, so more arenas only hold
    /// more freed memory resident (measured with the rig watching 1,000 servers: peak RSS 43 MB
    /// with the default, 38 MB with one arena, CPU unchanged).
    /// The limit is already set before main by the C module's constructor; calling this keeps the
    /// module linked and says so in the code that runs.
    static func singleArena() {
        _ = lbtop_limit_malloc_arenas(1)
    }
}
