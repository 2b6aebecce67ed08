import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// The stats page over HTTPS with a private CA, and behind `stats auth`.
    @Suite struct HAProxyHTTPSAndAuthTests {
        private func poll(_ collector: HAProxyCollector) async -> PollResult {
            await Poller(collectors: [collector], interval: 1, timeout: 10).pollAll()[0]
        }

        @Test func httpsPageWithAPrivateCA() async throws {
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2"])], statsPage: .init(tls: true)) }
            defer { haproxy.stop() }
            #expect(haproxy.statsURL.hasPrefix("https://"))
            let url = try TargetURL(haproxy.statsURL)

            let trusted = await poll(try HAProxyCollector(url: url, caFile: haproxy.certificatePath))
            guard case .success(.balancer(let sample)) = trusted.outcome else {
                Issue.record("expected rows over HTTPS, got \(trusted.outcome)")
                return
            }
            #expect(sample.rows.filter { $0.kind == .server }.map(\.name) == ["app1", "app2"])

            let untrusted = await poll(try HAProxyCollector(url: url))
            guard case .failure(let error) = untrusted.outcome else {
                Issue.record("a self-signed certificate must not be trusted by default")
                return
            }
            #expect(error == CollectError(.unreachable, "TLS certificate of 127.0.0.1:\(haproxy.statsPort) is not trusted"))
        }

        @Test func aConfigTargetTrustsItsPrivateCAFile() async throws {
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["app1"])], statsPage: .init(tls: true)) }
            defer { haproxy.stop() }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-ca-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            func config(caFile: String?) throws -> String {
                let path = directory.appendingPathComponent(caFile == nil ? "plain.toml" : "with-ca.toml").path
                var text = "[[target]]\nname = \"edge\"\nurl = \"\(haproxy.statsURL)\"\n"
                if let caFile { text += "ca_file = \"\(caFile)\"\n" }
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let trusted = try config(caFile: haproxy.certificatePath), untrusted = try config(caFile: nil)
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "0.5s", "--config", trusted, "--alert-log", directory.appendingPathComponent("a.jsonl").path])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.targets.map(\.health) == [.fresh])
            #expect(document.servers.map(\.name) == ["app1"])

            let refused = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "0.5s", "--config", untrusted, "--alert-log", directory.appendingPathComponent("b.jsonl").path])
            }
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("not trusted"), "stderr: \(refused.stderr)")
        }

        @Test func basicAuthFromTheEnvironmentNeverTheCommandLine() async throws {
            let haproxy = try await offPool {
                try HAProxyProcess.start([.init(name: "app", servers: ["app1"])], statsPage: .init(auth: (user: "monitor", password: "s3cret")))
            }
            defer { haproxy.stop() }
            let url = try TargetURL(haproxy.statsURL)

            let anonymous = await poll(try HAProxyCollector(url: url))
            guard case .failure(let error) = anonymous.outcome else {
                Issue.record("the page must refuse a request without credentials")
                return
            }
            #expect(error == CollectError(.http, "HTTP 401 Unauthorized from 127.0.0.1:\(haproxy.statsPort)"))

            let statsURL = haproxy.statsURL
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "0.5s", "--timeout", "10s", statsURL],
                                    environment: ["LBTOP_HTTP_USER": "monitor", "LBTOP_HTTP_PASSWORD": "s3cret"])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.targets.map(\.health) == [.fresh])
            #expect(document.servers.map(\.name) == ["app1"])
        }
    }
}
