import Foundation

/// A real `caddy` (Debian) proxying one site round robin over `upstreams` on 127.0.0.1, with a
/// passive health check that takes an upstream out at its first failure for 30 s and the HTTP
/// metrics on (admin `/metrics`); stopped by PID in `stop()`.
final class CaddyProcess: @unchecked Sendable {
    let adminPort: Int
    let sitePort: Int
    private let daemon: DaemonProcess

    static func start(upstreams: [Int]) throws -> CaddyProcess {
        let admin = try Loopback.freePort(), site = try Loopback.freePort()
        let caddyfile = """
        {
            admin 127.0.0.1:\(admin)
            auto_https off
            storage file_system ./storage
            servers {
                metrics
            }
        }
        http://127.0.0.1:\(site) {
            reverse_proxy \(upstreams.map { "127.0.0.1:\($0)" }.joined(separator: " ")) {
                lb_policy round_robin
                fail_duration 30s
                max_fails 1
            }
        }
        """
        let daemon = try DaemonProcess.start("caddy", package: "caddy", port: site, files: ["Caddyfile": caddyfile]) { directory in
            ["run", "--config", directory.appendingPathComponent("Caddyfile").path, "--adapter", "caddyfile"]
        }
        return CaddyProcess(adminPort: admin, sitePort: site, daemon: daemon)
    }

    /// caddy over a live toy server and a port nothing listens on, after four requests: round
    /// robin sent one to the stopped upstream (502), so the passive check has taken it out.
    static func withOneUpstreamStopped() throws -> (caddy: CaddyProcess, up: ToyServer, stoppedPort: Int) {
        let up = try ToyServer.start(name: "up")
        do {
            let stoppedPort = try Loopback.freePort()
            let caddy = try start(upstreams: [up.port, stoppedPort])
            for index in 0..<4 { _ = try Loopback.get(port: caddy.sitePort, path: "/\(index)") }
            return (caddy, up, stoppedPort)
        } catch {
            up.stop()
            throw error
        }
    }

    private init(adminPort: Int, sitePort: Int, daemon: DaemonProcess) {
        self.adminPort = adminPort; self.sitePort = sitePort; self.daemon = daemon
    }

    var log: String { daemon.log }

    func stop() { daemon.stop() }
}
