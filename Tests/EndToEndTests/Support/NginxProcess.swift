import Foundation

/// A real nginx (Debian's) on 127.0.0.1 proxying `/` to an upstream block of toy servers (`/cached/`
/// through nginx's cache), writing its access log in the README's `log_format lbtop` to a file in
/// a private temp dir. Stopped by PID in `stop()`.
final class NginxProcess: @unchecked Sendable {
    /// The README's text format (keep the two equal).
    static let logFormat = #"log_format lbtop '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $upstream_addr $upstream_status $upstream_response_time $request_time $proxy_host $upstream_cache_status';"#

    let directory: URL
    let port: Int
    let accessLog: String
    let servers: [ToyServer]
    private let process: Process

    static func start(upstream: String, servers: [ToyServer]) throws -> NginxProcess {
        let nginx = try Executable.find("nginx", package: "nginx")
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-nginx-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try Loopback.freePort()
        let accessLog = directory.appendingPathComponent("access.log").path
        let members = servers.map { "        server 127.0.0.1:\($0.port);\n" }.joined()
        let config = """
        pid \(directory.path)/nginx.pid;
        error_log \(directory.path)/error.log;
        worker_processes 1;
        events { worker_connections 64; }
        http {
            \(logFormat)
            access_log \(accessLog) lbtop;
            client_body_temp_path \(directory.path)/body;
            proxy_temp_path \(directory.path)/proxy;
            fastcgi_temp_path \(directory.path)/fastcgi;
            uwsgi_temp_path \(directory.path)/uwsgi;
            scgi_temp_path \(directory.path)/scgi;
            proxy_cache_path \(directory.path)/cache keys_zone=lbtop:1m;
            upstream \(upstream) {
        \(members)    }
            server {
                listen 127.0.0.1:\(port);
                location / { proxy_pass http://\(upstream); }
                location /cached/ { proxy_cache lbtop; proxy_pass http://\(upstream); }
            }
        }

        """
        let configPath = directory.appendingPathComponent("nginx.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-c", configPath, "-p", directory.path, "-g", "daemon off;"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let instance = NginxProcess(directory: directory, port: port, accessLog: accessLog, servers: servers, process: process)
        do {
            try waitUntil(10, "nginx on port \(port)") { Loopback.isListening(port: port) }
        } catch {
            let log = (try? String(contentsOfFile: directory.appendingPathComponent("error.log").path, encoding: .utf8)) ?? ""
            instance.stop()
            throw LoopbackError("\(error)\nnginx error log:\n\(log)")
        }
        return instance
    }

    private init(directory: URL, port: Int, accessLog: String, servers: [ToyServer], process: Process) {
        self.directory = directory; self.port = port; self.accessLog = accessLog
        self.servers = servers; self.process = process
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.exitStatus()
        }
        servers.forEach { $0.stop() }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
