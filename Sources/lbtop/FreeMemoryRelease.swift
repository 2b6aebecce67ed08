import CMallocTuning

/// Hands freed heap pages back to the system every few seconds while the dashboard runs. Each
/// poll frees the snapshot before it (a megabyte or so for 1,000 servers) among the history that
/// stays, and glibc keeps such pages resident until trimmed: one trim of an lbtop watching 1,000
/// servers with a full 15-minute window gave back 1.2 MB, for a walk of the free lists.
enum FreeMemoryRelease {
    static let period: Duration = .seconds(5)

    /// Runs until cancelled.
    static func run() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: period) } catch { return }
            lbtop_release_free_memory()
        }
    }
}
