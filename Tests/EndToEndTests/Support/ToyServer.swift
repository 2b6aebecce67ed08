import Foundation

/// A tiny HTTP server (one python3 process) on 127.0.0.1 that answers every GET with 200 and its
/// name. Each server is its own process so a test can kill one to make it fail its checks.
final class ToyServer: @unchecked Sendable {
    let name: String
    let port: Int
    private let process: Process

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    private static let script = """
    import sys, http.server
    name = sys.argv[2]
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = (name + "\\n").encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
    """

    /// Starts the server (on `port`, or a free one: pass a killed server's port to bring it
    /// back) and waits until it accepts connections.
    static func start(name: String, port: Int? = nil) throws -> ToyServer {
        let python = try Executable.find("python3", package: "python3")
        let port = try port ?? Loopback.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, String(port), name]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = ToyServer(name: name, port: port, process: process)
        do {
            try waitUntil(10, "toy server \(name) on port \(port)") { Loopback.isListening(port: port) }
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    private init(name: String, port: Int, process: Process) {
        self.name = name
        self.port = port
        self.process = process
    }

    /// Kills the process (SIGKILL, by pid) and reaps it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.exitStatus()
    }

    deinit { stop() }
}

/// Locates programs the end-to-end tests need; a missing one fails naming its Debian package.
enum Executable {
    static func find(_ name: String, package: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        for directory in directories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LoopbackError("\(name) is not installed: install the Debian package `\(package)` (apt-get install \(package))")
    }
}
