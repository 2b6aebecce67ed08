import Foundation

/// Runs async work with a deadline. On timeout the caller gets `CollectError.timeout` at once and
/// the work is cancelled; the caller never waits for work that ignores cancellation.
public enum TimeLimit {
    public static func run<T: Sendable>(
        seconds: Double, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let once = ResumeOnce<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.install(continuation)
                let task = Task {
                    do { once.resume(.success(try await work())) } catch { once.resume(.failure(error)) }
                }
                // A dispatch timer, not a sleeping task: cancelled when the work ends in time (the
                // usual case), it never runs, where a cancelled sleep still wakes its task to end it.
                let timer = DeadlineTimer(DispatchWorkItem {
                    if once.resume(.failure(CollectError.timeout(after: seconds))) { task.cancel() }
                })
                DispatchQueue.global().asyncAfter(deadline: .now() + max(0, seconds), execute: timer.item)
                once.onResume { task.cancel(); timer.item.cancel() }
            }
        } onCancel: {
            once.resume(.failure(CancellationError()))
        }
    }
}

/// The timeout's work item. `DispatchWorkItem.cancel()` may be called from any thread; the type
/// is just not marked `Sendable` in the Linux Dispatch module.
private struct DeadlineTimer: @unchecked Sendable {
    let item: DispatchWorkItem
    init(_ item: DispatchWorkItem) { self.item = item }
}

/// Resumes a continuation exactly once, whichever side gets there first.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var pending: Result<T, any Error>?
    private var done = false
    private var cleanup: (@Sendable () -> Void)?

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        if let pending {
            lock.unlock()
            continuation.resume(with: pending)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// Runs `action` once the result is in (immediately if it already is).
    func onResume(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        if done {
            lock.unlock()
            action()
            return
        }
        cleanup = action
        lock.unlock()
    }

    /// True when this call delivered the result.
    @discardableResult
    func resume(_ result: Result<T, any Error>) -> Bool {
        lock.lock()
        guard !done else { lock.unlock(); return false }
        done = true
        let continuation = self.continuation
        self.continuation = nil
        if continuation == nil { pending = result }
        let cleanup = self.cleanup
        self.cleanup = nil
        lock.unlock()
        continuation?.resume(with: result)
        cleanup?()
        return true
    }
}
