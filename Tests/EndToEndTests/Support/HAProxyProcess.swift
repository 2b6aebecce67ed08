import Foundation

/// A real haproxy on 127.0.0.1 for end-to-end tests: a generated config in a private temp dir,
/// free ports, a python toy server per backend server, an admin stats socket, a `;csv` stats
/// page and the Prometheus exporter on the same port (`/metrics`). Everything is stopped by PID in `stop()` (also on deinit).
///
/// ```swift
/// let haproxy = try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2"])])
/// defer { haproxy.stop() }
/// try haproxy.sendRequests(10, to: "app")          // GET /app/… through the frontend
/// _ = try haproxy.command("disable server app/app2")
/// // poll haproxy.statsURL or haproxy.socketURL
/// ```
final class HAProxyProcess: @unchecked Sendable {
    /// One backend: its servers each get a toy server; requests to `/<name>/…` reach it.
    struct Backend: Sendable {
        var name: String
        var servers: [String]
        var balance = "roundrobin"
        /// Health checks (`option httpchk GET /health`, fast interval).
        var checks = true
        /// Answer times of its toy servers (none: at once).
        var delays: ToyServer.Delays?
        /// Cookie persistence: `cookie SRV insert indirect nocache`, each server `cookie <its name>`.
        var cookie = false
        /// More lines for the backend section, as written (`server-template …`, `http-request cache-use …`).
        var lines: [String] = []
        init(name: String, servers: [String], balance: String = "roundrobin", checks: Bool = true,
             delays: ToyServer.Delays? = nil, cookie: Bool = false, lines: [String] = []) {
            self.name = name; self.servers = servers; self.balance = balance; self.checks = checks
            self.delays = delays; self.cookie = cookie; self.lines = lines
        }
    }

    /// Extra settings of the stats page.
    struct StatsPage: Sendable {
        /// `stats auth user:password`: the page answers 401 without these credentials.
        var auth: (user: String, password: String)?
        /// Serve the page over HTTPS with a fresh self-signed certificate for 127.0.0.1.
        var tls = false
        /// `stats admin if TRUE`: the page carries HAProxy's admin form (drain, ready, maint).
        var admin = false
        init(auth: (user: String, password: String)? = nil, tls: Bool = false, admin: Bool = false) {
            self.auth = auth; self.tls = tls; self.admin = admin
        }
    }

    let directory: URL
    let configPath: String
    /// The self-signed certificate (PEM) to trust when the page is served over HTTPS.
    let certificatePath: String?
    let socketPath: String
    /// A second stats socket at `level operator`, where HAProxy refuses `set server`.
    let operatorSocketPath: String
    let statsPort: Int
    let frontendPort: Int
    let backends: [Backend]
    /// Toy servers by `backend/server`.
    let servers: [String: ToyServer]
    private var process: Process
    private let lock = NSLock()

    /// The stats page as CSV.
    var statsURL: String { "\(certificatePath == nil ? "http" : "https")://127.0.0.1:\(statsPort)/stats;csv" }
    /// HAProxy's Prometheus exporter, served by the stats frontend.
    var metricsURL: String { "\(certificatePath == nil ? "http" : "https")://127.0.0.1:\(statsPort)/metrics" }
    /// The admin stats socket as an lbtop target.
    var socketURL: String { "unix://\(socketPath)" }
    /// The operator-level stats socket as an lbtop target.
    var operatorSocketURL: String { "unix://\(operatorSocketPath)" }
    /// PID of the current haproxy process.
    var pid: Int32 { lock.withLock { process.processIdentifier } }

    /// Starts toy servers and haproxy; returns once haproxy answers on its socket and every checked
    /// server is UP.
    /// - Parameter log: a `log` target (`127.0.0.1:5514`, `/path/log.sock`, optionally followed by
    ///   `format rfc5424`): every request goes there as `option httplog` lines.
    /// - Parameter sections: more top-level sections, as written (a `cache` section).
    static func start(_ backends: [Backend], statsPage: StatsPage = .init(), log: String? = nil,
                      sections: [String] = []) throws -> HAProxyProcess {
        let haproxy = try Executable.find("haproxy", package: "haproxy")
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var servers: [String: ToyServer] = [:]
        do {
            for backend in backends {
                for server in backend.servers {
                    servers["\(backend.name)/\(server)"] = try ToyServer.start(name: server, delays: backend.delays)
                }
            }
            let certificate = statsPage.tls ? try makeCertificate(in: directory) : nil
            let instance = try HAProxyProcess(executable: haproxy, directory: directory, backends: backends, servers: servers,
                                              statsPage: statsPage, certificate: certificate, log: log,
                                              sections: sections)
            do {
                try instance.waitUntilReady()
            } catch {
                instance.stop()
                throw error
            }
            return instance
        } catch {
            servers.values.forEach { $0.stop() }
            throw error
        }
    }

    private init(executable: String, directory: URL, backends: [Backend], servers: [String: ToyServer],
                 statsPage: StatsPage, certificate: (certificate: String, bundle: String)?, log: String?,
                 sections: [String]) throws {
        self.directory = directory
        self.certificatePath = certificate?.certificate
        self.backends = backends
        self.servers = servers
        self.socketPath = directory.appendingPathComponent("admin.sock").path
        self.operatorSocketPath = directory.appendingPathComponent("operator.sock").path
        self.configPath = directory.appendingPathComponent("haproxy.cfg").path
        self.statsPort = try Loopback.freePort()
        self.frontendPort = try Loopback.freePort()
        try Self.config(socket: socketPath, operatorSocket: operatorSocketPath, statsPort: statsPort, frontendPort: frontendPort,
                        backends: backends, servers: servers, statsPage: statsPage, tlsBundle: certificate?.bundle, log: log,
                        sections: sections)
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        self.process = try Self.launch(executable: executable, arguments: ["-f", configPath], logTo: directory)
    }

    static func config(socket: String, operatorSocket: String, statsPort: Int, frontendPort: Int, backends: [Backend],
                       servers: [String: ToyServer], statsPage: StatsPage = .init(), tlsBundle: String? = nil,
                       log: String? = nil, sections: [String] = []) -> String {
        let statsBind = "127.0.0.1:\(statsPort)" + (tlsBundle.map { " ssl crt \($0)" } ?? "")
        let statsAuth = (statsPage.auth.map { "    stats auth \($0.user):\($0.password)\n" } ?? "")
            + (statsPage.admin ? "    stats admin if TRUE\n" : "")
        var text = """
        global
            stats socket \(socket) mode 600 level admin expose-fd listeners
            stats socket \(operatorSocket) mode 600 level operator
        \(log.map { "    log \($0) local0\n" } ?? "")defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server 10s
            timeout check 1s
        \(log == nil ? "" : "    log global\n    option httplog\n")frontend stats
            bind \(statsBind)
            stats enable
            stats uri /stats
            stats show-legends
            http-request use-service prometheus-exporter if { path /metrics }
        \(statsAuth)frontend web
            bind 127.0.0.1:\(frontendPort)

        """
        for backend in backends {
            text += "    use_backend \(backend.name) if { path_beg /\(backend.name)/ }\n"
        }
        if let first = backends.first { text += "    default_backend \(first.name)\n" }
        for backend in backends {
            text += "backend \(backend.name)\n    balance \(backend.balance)\n"
            if backend.checks {
                text += "    option httpchk GET /health\n    default-server inter 300ms fastinter 200ms rise 1 fall 2\n"
            }
            if backend.cookie { text += "    cookie SRV insert indirect nocache\n" }
            for line in backend.lines { text += "    \(line)\n" }
            for server in backend.servers {
                let port = servers["\(backend.name)/\(server)"]!.port
                text += "    server \(server) 127.0.0.1:\(port)\(backend.checks ? " check" : "")\(backend.cookie ? " cookie \(server)" : "")\n"
            }
        }
        for section in sections { text += section + "\n" }
        return text
    }

    /// A self-signed certificate for 127.0.0.1 (openssl), and the cert+key bundle haproxy loads.
    private static func makeCertificate(in directory: URL) throws -> (certificate: String, bundle: String) {
        let openssl = try Executable.find("openssl", package: "openssl")
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard process.exitStatus(waitingAtMost: 60) == 0 else { throw LoopbackError("openssl could not make a test certificate") }
        let bundle = directory.appendingPathComponent("bundle.pem").path
        let pem = try String(contentsOfFile: certificate, encoding: .utf8) + String(contentsOfFile: key, encoding: .utf8)
        try pem.write(toFile: bundle, atomically: true, encoding: .utf8)
        return (certificate, bundle)
    }

    private static func launch(executable: String, arguments: [String], logTo directory: URL) throws -> Process {
        let logPath = directory.appendingPathComponent("haproxy.log").path
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return process
    }

    /// haproxy's own log (stderr), for failure messages.
    var log: String {
        (try? String(contentsOfFile: directory.appendingPathComponent("haproxy.log").path, encoding: .utf8)) ?? ""
    }

    private func waitUntilReady(expectingPid pid: Int32? = nil) throws {
        do {
            try waitUntil(15, "haproxy to answer on \(socketPath)") {
                let info = try command("show info")
                guard let pid else { return info.contains("Pid: ") }
                return info.contains("Pid: \(pid)\n")
            }
            let checked = Set(backends.filter(\.checks).map(\.name))
            try waitUntil(15, "every checked server to be UP") {
                let csv = try command("show stat -1 4 -1")
                let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                return rows.filter { $0.count > 17 && checked.contains(String($0[0])) }.allSatisfy { $0[17] == "UP" }
            }
            try waitUntil(10, "the frontend on port \(frontendPort)") { Loopback.isListening(port: frontendPort) }
        } catch {
            throw LoopbackError("\(error)\nhaproxy log:\n\(log)")
        }
    }

    /// Runs one command on the admin socket and returns its answer.
    func command(_ line: String) throws -> String {
        try Loopback.unixCommand(socketPath, line)
    }

    /// Sends `count` GET requests through the frontend to `backend`; each must answer 200.
    func sendRequests(_ count: Int, to backend: String) throws {
        for index in 0..<count {
            let status = try Loopback.get(port: frontendPort, path: "/\(backend)/\(index)")
            guard status == 200 else { throw LoopbackError("request \(index) to \(backend) answered \(status)") }
        }
    }

    /// Sends one request to each of `backends` every `pause` seconds, `rounds` times, on a thread
    /// of its own; the semaphore is signalled when it is done.
    func startTraffic(rounds: Int, to backends: [String], pause: Double) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            for _ in 0..<rounds {
                for backend in backends { try? self.sendRequests(1, to: backend) }
                usleep(UInt32(pause * 1_000_000))
            }
            done.signal()
        }.start()
        return done
    }

    /// Soft reload: a new haproxy takes the listeners over the socket (`-x`) and the old one
    /// finishes (`-sf`). Returns once the new process answers; every counter restarts at 0.
    func reload() throws {
        let executable = try Executable.find("haproxy", package: "haproxy")
        let old = lock.withLock { process }
        let new = try Self.launch(executable: executable,
                                  arguments: ["-f", configPath, "-x", socketPath, "-sf", String(old.processIdentifier)],
                                  logTo: directory)
        lock.withLock { process = new }
        try waitUntilReady(expectingPid: new.processIdentifier)
        old.exitStatus()
    }

    /// Stops haproxy and every toy server by PID and removes the temp dir.
    func stop() {
        let current = lock.withLock { process }
        if current.isRunning {
            kill(current.processIdentifier, SIGTERM)
            current.exitStatus()
        }
        servers.values.forEach { $0.stop() }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
