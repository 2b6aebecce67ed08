import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `lbtop --once --json` against a real caddy (admin `/reverse_proxy/upstreams`) and a real
    /// nginx (`stub_status`), both from Debian.
    @Suite struct CaddyAndNginxTests {
        @Test func caddyWithTwoUpstreamsOneStopped() async throws {
            let up = try await offPool { try ToyServer.start(name: "up") }
            defer { up.stop() }
            let stoppedPort = try Loopback.freePort()  // nothing listens there
            let admin = try Loopback.freePort(), site = try Loopback.freePort()
            let caddyfile = """
            {
                admin 127.0.0.1:\(admin)
                auto_https off
                storage file_system ./storage
            }
            http://127.0.0.1:\(site) {
                reverse_proxy 127.0.0.1:\(up.port) 127.0.0.1:\(stoppedPort) {
                    lb_policy round_robin
                    fail_duration 30s
                    max_fails 1
                }
            }
            """
            let caddy = try await offPool {
                try DaemonProcess.start("caddy", package: "caddy", port: site, files: ["Caddyfile": caddyfile]) { directory in
                    ["run", "--config", directory.appendingPathComponent("Caddyfile").path, "--adapter", "caddyfile"]
                }
            }
            defer { caddy.stop() }
            // Round robin sends one of the first requests to the stopped upstream: 502, and the
            // passive check remembers the failure.
            try await offPool { for index in 0..<4 { _ = try Loopback.get(port: site, path: "/\(index)") } }

            let url = "http://127.0.0.1:\(admin)/reverse_proxy/upstreams"
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "0.5s", url]) }
            #expect(run.status == 0, "stderr: \(run.stderr)\n\(caddy.log.suffix(800))")
            let document = try run.document()
            #expect(document.targets.map(\.format) == ["caddy-upstreams"])
            let servers = document.servers.sorted { $0.name < $1.name }
            #expect(Set(servers.map(\.name)) == ["127.0.0.1:\(up.port)", "127.0.0.1:\(stoppedPort)"])
            #expect(servers.first { $0.name.hasSuffix(":\(up.port)") }?.state == "UP")
            #expect(servers.first { $0.name.hasSuffix(":\(stoppedPort)") }?.stateKind == "DOWN")
            #expect(servers.allSatisfy { $0.requestRate == nil && $0.weight == nil }, "Caddy has no totals or weights")
        }

        @Test func nginxStubStatusIsOneFrontendWithItsRequestRate() async throws {
            let port = try Loopback.freePort()
            let config = """
            daemon off;
            pid nginx.pid;
            error_log stderr;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
                server {
                    listen 127.0.0.1:\(port);
                    location = /status { stub_status; }
                    location / { return 200 "ok\\n"; }
                }
            }
            """
            let nginx = try await offPool {
                try DaemonProcess.start("nginx", package: "nginx", port: port, files: ["nginx.conf": config]) { directory in
                    ["-p", directory.path, "-c", directory.appendingPathComponent("nginx.conf").path]
                }
            }
            defer { nginx.stop() }
            let done = DispatchSemaphore(value: 0)
            Thread {
                for index in 0..<50 { _ = try? Loopback.get(port: port, path: "/\(index)"); usleep(20_000) }
                done.signal()
            }.start()
            let run = try await offPool {
                defer { done.wait() }
                return try LBTopBinary.run(["--once", "--json", "--interval", "0.5s", "http://127.0.0.1:\(port)/status"])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)\n\(nginx.log.suffix(800))")
            let document = try run.document()
            #expect(document.targets.map(\.format) == ["nginx-stub-status"])
            #expect(document.servers.isEmpty)
            let frontend = try #require(document.frontends.first)
            #expect(frontend.name == "nginx")
            #expect((frontend.requestRate ?? 0) > 10, "rate: \(String(describing: frontend.requestRate))")
        }
    }
}
