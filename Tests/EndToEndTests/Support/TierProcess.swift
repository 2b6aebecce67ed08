import Foundation

/// A real `redis-server` or `memcached` on 127.0.0.1 at a free port, in a private temp dir;
/// stopped by PID in `stop()` (also on deinit).
final class TierProcess: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let directory: URL

    /// `redis-server` with no persistence; `arguments` adds settings (`--maxmemory 2mb`…).
    static func redis(_ arguments: [String] = []) throws -> TierProcess {
        let executable = try Executable.find("redis-server", package: "redis-server")
        return try start(executable, name: "redis") { port, directory in
            ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", directory.path, "--logfile", directory.appendingPathComponent("redis.log").path] + arguments
        }
    }

    /// `memcached` with 8 MiB of memory, TCP only.
    static func memcached() throws -> TierProcess {
        let executable = try Executable.find("memcached", package: "memcached")
        return try start(executable, name: "memcached") { port, _ in
            ["-l", "127.0.0.1", "-p", String(port), "-U", "0", "-m", "8"] + (getuid() == 0 ? ["-u", "root"] : [])
        }
    }

    private static func start(_ executable: String, name: String, arguments: (Int, URL) -> [String]) throws -> TierProcess {
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try Loopback.freePort()
        let logPath = directory.appendingPathComponent("output.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(port, directory)
        process.standardOutput = log
        process.standardError = log
        process.currentDirectoryURL = directory
        try process.run()
        let instance = TierProcess(port: port, process: process, directory: directory)
        do {
            try waitUntil(15, "\(name) on 127.0.0.1:\(port)") {
                guard process.isRunning else {
                    let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                    throw LoopbackError("\(name) exited: \(text.suffix(600))")
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

    /// Sends `text` and reads until the server closes (end it with `QUIT`/`quit`).
    func session(_ text: String) throws -> String {
        try Loopback.tcpSession(port: port, text)
    }

    /// Redis `INFO` as `field → value` (after `AUTH password` when given).
    func redisInfo(password: String? = nil) throws -> [String: String] {
        var fields: [String: String] = [:]
        let auth = password.map { "AUTH \($0)\r\n" } ?? ""
        for line in try session(auth + "INFO\r\nQUIT\r\n").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }

    /// memcached `stats` as `name → value`.
    func memcachedStats() throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try session("stats\r\nquit\r\n").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ")
            if parts.count == 3, parts[0] == "STAT" { fields[String(parts[1])] = String(parts[2]) }
        }
        return fields
    }

    /// SIGKILL: the child inherits the test runner's blocked SIGTERM and SIGINT, which neither
    /// server unblocks; nothing is lost, neither keeps data on disk here.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.exitStatus()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
