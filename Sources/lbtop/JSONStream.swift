import Foundation
import LBTopCore
import LBTopUI

/// `lbtop --json URL…` without `--once`: one snapshot per interval, one JSON line each (the
/// `--once` document), until interrupted or the reader closes the pipe.
enum JSONStream {
    static func run(_ monitor: Monitor, interval: Double, onEnd: @escaping @Sendable () async -> Void) async {
        StandardOutput.ignoreBrokenPipe()
        let interrupted = SignalWaiter.endOnInterrupt(onEnd)
        defer { withExtendedLifetime(interrupted) {} }
        let updates = await monitor.updates()
        await monitor.start()
        // Lines start from the first snapshot built from polls (the recorded ones, with --record).
        for await _ in updates { break }
        let start = MonotonicTime.now()
        var tick = 1
        while !Task.isCancelled {
            let wait = start + Double(tick) * interval - MonotonicTime.now()
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
            tick = max(tick + 1, Int(((MonotonicTime.now() - start) / interval).rounded(.down)) + 1)
            guard let line = try? SnapshotJSON.encodeLine(await monitor.latestSnapshot()),
                  StandardOutput.write(line) else { break }
        }
        await onEnd()
    }
}

/// Ends the process on SIGINT or SIGTERM after `onEnd` (which closes the recording), with the
/// usual status (130, 143). The signals arrive on a self-pipe read by a thread of its own.
enum SignalWaiter {
    static func endOnInterrupt(_ onEnd: @escaping @Sendable () async -> Void) -> SignalPipe? {
        guard let pipe = try? SignalPipe(signals: [SIGINT, SIGTERM]) else { return nil }
        Thread {
            var watched = pollfd(fd: pipe.readFD, events: Int16(POLLIN), revents: 0)
            var received: [Int32] = []
            while received.isEmpty {
                _ = poll(&watched, 1, -1)
                received = pipe.drain()
            }
            let done = DispatchSemaphore(value: 0)
            Task {
                await onEnd()
                done.signal()
            }
            done.wait()
            exit(128 + received[0])
        }.start()
        return pipe
    }
}
