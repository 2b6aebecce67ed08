import Foundation
import Synchronization

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
private final class ResumeOnce<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var pending: Result<T, any Error>?
        var done = false
        var cleanup: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        let pending = state.withLock { state -> Result<T, any Error>? in
            if state.pending == nil { state.continuation = continuation }
            return state.pending
        }
        if let pending { continuation.resume(with: pending) }
    }

    /// Runs `action` once the result is in (immediately if it already is).
    func onResume(_ action: @escaping @Sendable () -> Void) {
        let done = state.withLock { state -> Bool in
            if !state.done { state.cleanup = action }
            return state.done
        }
        if done { action() }
    }

    /// True when this call delivered the result.
    @discardableResult
    func resume(_ result: Result<T, any Error>) -> Bool {
        let taken = state.withLock { state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?)? in
            guard !state.done else { return nil }
            state.done = true
            defer { state.continuation = nil; state.cleanup = nil }
            if state.continuation == nil { state.pending = result }
            return (state.continuation, state.cleanup)
        }
        guard let (continuation, cleanup) = taken else { return false }
        continuation?.resume(with: result)
        cleanup?()
        return true
    }
}
