import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `lbtop --once --json` (the built binary) against a real haproxy, over the stats page and the
    /// admin socket.
    @Suite struct HAProxyOnceJSONTests {
        @Test func reportsServersStatesAndRatesThroughPageAndSocket() async throws {
            let haproxy = try await offPool {
                try HAProxyProcess.start([
                    .init(name: "app", servers: ["app1", "app2", "app3"]),
                    .init(name: "api", servers: ["api1", "api2"], balance: "leastconn"),
                ])
            }
            defer { haproxy.stop() }
            _ = try await offPool { try haproxy.command("set server api/api2 state drain") }

            // Bounded traffic while lbtop takes its two readings one interval apart.
            let trafficDone = haproxy.startTraffic(rounds: 40, to: ["app", "api"], pause: 0.04)
            let run = try await offPool {
                defer { trafficDone.wait() }
                return try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "10s", haproxy.statsURL, haproxy.socketURL])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()

            #expect(document.targets.map(\.url) == [haproxy.statsURL, haproxy.socketURL])
            #expect(document.targets.map(\.health) == [.fresh, .fresh])
            #expect(document.targets.map(\.format) == ["haproxy-csv", "haproxy-csv"])
            for target in [haproxy.statsURL, haproxy.socketURL] {
                let servers = document.servers.filter { $0.target == target }
                #expect(servers.map { "\($0.backend)/\($0.name)" } == ["app/app1", "app/app2", "app/app3", "api/api1", "api/api2"])
                #expect(servers.map(\.state) == ["UP", "UP", "UP", "UP", "DRAIN"])
                #expect(servers.allSatisfy { $0.address?.hasPrefix("127.0.0.1:") == true && ($0.check == "L7OK" || $0.check == "* L7OK") })
                let app = servers.filter { $0.backend == "app" }
                #expect(app.allSatisfy { ($0.requestRate ?? 0) > 0 }, "app rates: \(app.map(\.requestRate))")
                #expect(app.allSatisfy { $0.fairShare == 0.3333 })
                let shareSum = app.compactMap(\.share).reduce(0, +)
                #expect(abs(shareSum - 1) < 0.001)
                // api2 is drained: api1 takes every balanced request.
                #expect((servers.first { $0.name == "api1" }?.requestRate ?? 0) > 0)
                #expect(servers.first { $0.name == "api2" }?.fairShare == 0)
                let backends = document.backends.filter { $0.target == target }
                #expect(backends.map(\.name) == ["app", "api"])
                #expect(backends.allSatisfy { ($0.requestRate ?? 0) > 0 })
                #expect(backends.map(\.algorithm) == ["roundrobin", "leastconn"])
                let web = document.frontends.first { $0.target == target && $0.name == "web" }
                #expect((web?.requestRate ?? 0) > 0)
            }
        }

        @Test func noReadableTargetExitsNonZeroWithAMessage() async throws {
            let port = try Loopback.freePort()
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "0.5s", "http://127.0.0.1:\(port)/stats;csv"]) }
            #expect(run.status == 1)
            #expect(run.stderr.contains("no target could be read"))
            #expect(run.stderr.contains("connection refused (127.0.0.1:\(port))"))
            let document = try run.document()
            #expect(document.targets.map(\.health) == [.stale])
            #expect(document.targets.first?.error == "connection refused (127.0.0.1:\(port))")
        }

        @Test func credentialsInTheURLAreRefused() async throws {
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "http://admin:secret@127.0.0.1:1/stats;csv"]) }
            #expect(run.status != 0)
            #expect(run.stderr.contains("credentials in the URL are refused"))
        }
    }
}
