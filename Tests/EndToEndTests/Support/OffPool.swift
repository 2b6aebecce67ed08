import Foundation

/// Runs blocking work (process start, socket I/O, sleeps) on its own thread, so async tests never
/// hold one of the few cooperative threads every other test's tasks need.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
