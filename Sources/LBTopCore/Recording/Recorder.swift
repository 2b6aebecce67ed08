import Foundation
import Synchronization

/// Appends what lbtop received and did to a recording file (`--record`): every poll result's
/// bytes or error, every snapshot built, every alert transition and action, in the order they
/// happened. Compression and SQLite run on the recorder's own queue, never on the poll path; a
/// write that fails stops the recording (the reason is in `failure`) and nothing else.
public final class Recorder: Sendable {
    /// `max_size` by default: 1 GiB, the oldest data dropped first beyond it.
    public static let defaultMaxSize: Int64 = 1 << 30

    private let queue = DispatchQueue(label: "lbtop.recorder")
    private let writer: Mutex<RecordingWriter?>
    private let failed = Mutex<String?>(nil)
    /// Commits once a second; a dispatch source is thread-safe (set up in `init`, cancelled once).
    nonisolated(unsafe) private let timer: any DispatchSourceTimer
    public let path: String

    /// Creates the recording at `path` (which must not exist) for a run with these targets.
    /// `commitEvery` seconds bound what a `kill -9` loses.
    public init(path: String, maxSize: Int64 = Recorder.defaultMaxSize, targets: [RecordedTarget],
                nodes: [NodeTargetSpec], options: MonitorOptions, commitEvery: Double = 1) throws(RecordingError) {
        self.path = path
        let meta = ["interval": "\(options.interval)", "window": "\(options.window)", "logWindow": "\(options.logWindow)",
                    "started": "\(Date().timeIntervalSince1970)"]
        let writer = try RecordingWriter(creating: path, maxSize: maxSize, commitEvery: commitEvery, meta: meta)
        do {
            for target in targets { try writer.register(target) }
            for node in nodes { try writer.register(node: node) }
        } catch {
            throw RecordingError("cannot write recording \(path): \(error.message)")
        }
        self.writer = Mutex(writer)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + max(0.1, commitEvery), repeating: max(0.1, commitEvery))
        timer.setEventHandler { [weak self] in self?.write { try $0.commit() } }
        timer.resume()
    }

    deinit { timer.cancel() }

    /// Why the recording stopped, if it did.
    public var failure: String? { failed.withLock { $0 } }

    public func record(_ result: PollResult, wall: Date) {
        enqueue { try $0.poll(result, wall: wall.timeIntervalSince1970) }
    }

    /// A snapshot was built from everything recorded so far, at these times.
    public func recordSnapshot(mono: Double, wall: Date) {
        enqueue { try $0.snapshot(mono: mono, wall: wall.timeIntervalSince1970) }
    }

    public func record(alerts: [AlertLogRecord]) {
        guard !alerts.isEmpty else { return }
        enqueue { try $0.alerts(alerts) }
    }

    /// An action taken from the dashboard (`acknowledge` with alert ids as subjects), by `user`.
    public func record(action: String, subjects: [String], user: String, mono: Double, wall: Date) {
        enqueue { try $0.action(action, subjects: subjects, user: user, mono: mono, wall: wall.timeIntervalSince1970) }
    }

    /// Commits everything recorded so far and returns once it is written: a `kill -9` after this
    /// returns loses none of it.
    public func flush() {
        queue.sync { write { try $0.commit() } }
    }

    /// Commits what is pending and closes the file; later records are ignored.
    public func close() {
        flush()
        queue.sync {
            timer.cancel()
            writer.withLock { $0 = nil }
        }
    }

    private func enqueue(_ work: @escaping @Sendable (RecordingWriter) throws -> Void) {
        queue.async { [self] in write(work) }
    }

    /// Runs on `queue`.
    private func write(_ work: (RecordingWriter) throws -> Void) {
        writer.withLock { current in
            guard let active = current else { return }
            do {
                try work(active)
            } catch {
                failed.withLock { $0 = "recording \(path) stopped: \(error)" }
                current = nil
            }
        }
    }
}
