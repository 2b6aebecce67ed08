import Foundation
import Logging
import Synchronization

/// The `on_alert` notification hook: for each alert transition and each action, runs
/// `/bin/sh -c COMMAND` with it as one JSON object on stdin (the alert log's line). Commands run detached from the
/// caller, at most `maxConcurrent` at a time, and are killed after `timeout` seconds. Their output
/// is discarded: the terminal belongs to the dashboard.
public final class AlertHook: Sendable {
    public let command: String
    public let timeout: Double
    private let queue: AsyncStream<[UInt8]>.Continuation
    private let worker: Task<Void, Never>

    public init(command: String, timeout: Double = 10, maxConcurrent: Int = 4,
                logger: Logger = .silent("lbtop.alert-hook")) {
        self.command = command
        self.timeout = timeout
        let (stream, queue) = AsyncStream.makeStream(of: [UInt8].self,
                                                     bufferingPolicy: .bufferingNewest(256))
        self.queue = queue
        worker = Task.detached {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await line in stream {
                    if running >= max(1, maxConcurrent) {
                        await group.next()
                        running -= 1
                    }
                    group.addTask { await Self.run(command, line, timeout: timeout, logger: logger) }
                    running += 1
                }
            }
        }
    }

    /// Queues one command run per record and returns at once.
    public func notify(_ records: [AlertLogRecord]) {
        for record in records { if let line = try? record.jsonLine() { queue.yield(line) } }
    }

    /// Queues one command run per action and returns at once.
    public func notify(actions: [ActionRecord]) {
        for action in actions { if let line = try? action.jsonLine() { queue.yield(line) } }
    }

    /// Stops taking new transitions and waits until every queued command has ended or timed out.
    public func finish() async {
        queue.finish()
        await worker.value
    }

    private static func run(_ command: String, _ line: [UInt8], timeout: Double, logger: Logger) async {
        let input: FileHandle
        do {
            input = try stdinFile(line)
        } catch {
            logger.error("on_alert: cannot prepare input: \(error)")
            return
        }
        defer { try? input.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended = Flag()
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { finished in
                ended.set()
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                logger.error("on_alert: cannot run \(command): \(error)")
                continuation.resume(returning: nil)
                return
            }
            let pid = process.processIdentifier
            Task.detached {
                try? await Task.sleep(for: .seconds(timeout))
                guard !ended.isSet else { return }
                logger.warning("on_alert: \(command) still running after \(timeout)s, killed")
                // The shell may have children: kill its process group when it leads one.
                kill(getpgid(pid) == pid ? -pid : pid, SIGKILL)
            }
        }
        if let status, status != 0 { logger.warning("on_alert: \(command) exited with status \(status)") }
    }

    /// The JSON in an unlinked temporary file: a command that never reads stdin cannot block or
    /// SIGPIPE anyone, as it could with a pipe.
    private static func stdinFile(_ bytes: [UInt8]) throws -> FileHandle {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lbtop-alert-\(UUID().uuidString).json").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes),
                                             attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forReadingAtPath: path) else {
            throw AlertLogError(path: path, message: "cannot create the hook's input file")
        }
        unlink(path)
        return handle
    }
}

/// A flag set once from any thread.
private final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

extension Logger {
    /// A logger that drops everything: LBTopCore's default, since the terminal belongs to the UI.
    public static func silent(_ label: String) -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
