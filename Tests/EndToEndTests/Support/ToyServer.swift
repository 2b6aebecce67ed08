import Foundation

/// A tiny HTTP server (one python3 process) on 127.0.0.1 that answers every GET with 200 and its
/// name, cacheable for a minute (so HAProxy's cache, where one is configured, stores it). Each server is its own process so a test can kill one to make it fail its checks.
final class ToyServer: @unchecked Sendable {
    let name: String
    let port: Int
    private let process: Process

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Answer times: every `slowEvery`-th request takes `slowMs`, the others `fastMs`. A GET of a
    /// path ending in `/__jump` makes every later request take `slowMs`.
    struct Delays: Sendable {
        var fastMs: Int
        var slowMs: Int
        var slowEvery: Int
    }

    private static let script = """
    import sys, http.server, threading, time
    name = sys.argv[2]
    delays = [int(v) for v in sys.argv[3:6]] if len(sys.argv) > 5 else None
    lock = threading.Lock()
    state = {"n": 0, "jumped": False}
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if delays and not self.path.endswith("/health"):
                with lock:
                    if self.path.endswith("/__jump"):
                        state["jumped"] = True
                    state["n"] += 1
                    slow = state["jumped"] or state["n"] % delays[2] == 0
                time.sleep((delays[1] if slow else delays[0]) / 1000.0)
            body = (name + "\\n").encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=60")
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
    """

    /// Starts the server (on `port`, or a free one: pass a killed server's port to bring it
    /// back) and waits until it accepts connections.
    static func start(name: String, port: Int? = nil, delays: Delays? = nil) throws -> ToyServer {
        let python = try Executable.find("python3", package: "python3")
        let port = try port ?? Loopback.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, String(port), name]
            + (delays.map { [String($0.fastMs), String($0.slowMs), String($0.slowEvery)] } ?? [])
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
