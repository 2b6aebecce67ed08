import Foundation

/// Sends GET requests through a haproxy frontend on a thread of its own, every `every` seconds,
/// until stopped, `limit` requests are sent or `seconds` pass: bounded in count and time.
final class RequestLoop: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var sent = 0
    private let done = DispatchSemaphore(value: 0)

    /// Starts sending to `path` on 127.0.0.1:`port` with `headers`.
    init(port: Int, path: String, headers: [String] = [], http11: Bool = false, every: Double, limit: Int = 2000,
         seconds: Double = 20) {
        let deadline = Date().addingTimeInterval(seconds)
        Thread { [self] in
            while Date() < deadline, lock.withLock({ !stopped && sent < limit }) {
                _ = try? Loopback.get(port: port, path: path, headers: headers, http11: http11)
                lock.withLock { sent += 1 }
                usleep(useconds_t(every * 1_000_000))
            }
            done.signal()
        }.start()
    }

    /// Stops sending and waits for the thread; returns how many requests were sent.
    @discardableResult
    func stop() -> Int {
        lock.withLock { stopped = true }
        done.wait()
        return lock.withLock { sent }
    }
}
