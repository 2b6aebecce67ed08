import Foundation

/// A real server program (caddy, nginx, prometheus) run in the foreground in a private temp dir
/// until it listens on its port; stopped by PID in `stop()` (also on deinit).
final class DaemonProcess: @unchecked Sendable {
    let directory: URL
    private let process: Process
    private let name: String

    /// Starts `program` (from Debian `package`) with `arguments(directory)` and waits until
    /// `port` accepts connections. `files` are written into the directory first.
    static func start(_ program: String, package: String, port: Int, files: [String: String] = [:],
                      environment: [String: String] = [:],
                      arguments: (URL) -> [String]) throws -> DaemonProcess {
        let executable = try Executable.find(program, package: package)
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-\(program)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let logPath = directory.appendingPathComponent("\(program).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        process.currentDirectoryURL = directory
        try process.run()
        let instance = DaemonProcess(directory: directory, process: process, name: program)
        do {
            try waitUntil(20, "\(program) on 127.0.0.1:\(port)") {
                guard process.isRunning else { throw LoopbackError("\(program) exited: \(instance.log.suffix(800))") }
                return Loopback.isListening(port: port)
            }
        } catch {
            instance.stop()
            throw error
        }
        return instance
    }

    private init(directory: URL, process: Process, name: String) {
        self.directory = directory; self.process = process; self.name = name
    }

    /// The program's output, for failure messages.
    var log: String {
        (try? String(contentsOfFile: directory.appendingPathComponent("\(name).log").path, encoding: .utf8)) ?? ""
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.exitStatus()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
