import Foundation

/// A real `prometheus-node-exporter` listening on 127.0.0.1 at a free port, logging into a private
/// temp dir; stopped by PID in `stop()` (also on deinit).
final class NodeExporterProcess: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let directory: URL

    /// `http://127.0.0.1:PORT/metrics`.
    var metricsURL: String { "http://127.0.0.1:\(port)/metrics" }

    static func start() throws -> NodeExporterProcess {
        let executable = try Executable.find("prometheus-node-exporter", package: "prometheus-node-exporter")
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-nodeexp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try Loopback.freePort()
        let logPath = directory.appendingPathComponent("node-exporter.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--web.listen-address=127.0.0.1:\(port)"]
        process.standardOutput = log
        process.standardError = log
        process.currentDirectoryURL = directory
        try process.run()
        let instance = NodeExporterProcess(port: port, process: process, directory: directory)
        do {
            try waitUntil(15, "prometheus-node-exporter on 127.0.0.1:\(port)") {
                guard process.isRunning else {
                    let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                    throw LoopbackError("prometheus-node-exporter exited: \(text.suffix(600))")
                }
                return Loopback.isListening(port: port)
            }
        } catch {
            instance.stop()
            throw error
        }
        return instance
    }

    private init(port: Int, process: Process, directory: URL) {
        self.port = port; self.process = process; self.directory = directory
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
