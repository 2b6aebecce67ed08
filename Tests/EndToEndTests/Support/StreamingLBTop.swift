import Foundation

/// The lbtop binary running with its stdout read line by line as it comes (`--json` streaming),
/// stopped by a signal the test chooses.
final class StreamingLBTop: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var received: [String] = []
    private var errors = Data()
    private let reading = DispatchGroup()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try LBTopBinary.path())
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        reading.enter()
        Thread { [self] in
            var pending = Data()
            while true {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lock.withLock { received.append(line) }
                }
            }
            reading.leave()
        }.start()
        reading.enter()
        Thread { [self] in
            let data = err.fileHandleForReading.readDataToEndOfFile()
            lock.withLock { errors = data }
            reading.leave()
        }.start()
    }

    var pid: Int32 { process.processIdentifier }
    var lines: [String] { lock.withLock { received } }
    var stderr: String { lock.withLock { String(decoding: errors, as: UTF8.self) } }

    /// Waits until `count` lines have arrived; throws after `timeout` seconds.
    func waitForLines(_ count: Int, timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while lines.count < count {
            guard Date() < deadline, process.isRunning else {
                throw LoopbackError("lbtop printed \(lines.count) of \(count) lines (running: \(process.isRunning)); stderr: \(stderr)")
            }
            usleep(50_000)
        }
    }

    /// Sends `signal` and waits for the exit; returns the exit status (or the signal number).
    @discardableResult
    func stop(with signal: Int32, timeout: Double = 15) -> Int32? {
        kill(process.processIdentifier, signal)
        let status = process.exitStatus(waitingAtMost: timeout)
        if status == nil { kill(process.processIdentifier, SIGKILL) }
        reading.wait()
        return status
    }
}
