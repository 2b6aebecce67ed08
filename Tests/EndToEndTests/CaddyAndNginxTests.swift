import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `lbtop --once --json` against a real caddy (admin `/reverse_proxy/upstreams`) and a real
    /// nginx (`stub_status`), both from Debian.
    @Suite struct CaddyAndNginxTests {
        @Test func caddyWithTwoUpstreamsOneStopped() async throws {
            let (caddy, up, stoppedPort) = try await offPool { try CaddyProcess.withOneUpstreamStopped() }
            defer { caddy.stop(); up.stop() }
            let url = "http://127.0.0.1:\(caddy.adminPort)/reverse_proxy/upstreams"
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
