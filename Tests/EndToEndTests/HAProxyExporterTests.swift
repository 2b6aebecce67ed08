import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// One real haproxy read twice by `lbtop --once --json`: through its admin socket (CSV) and
    /// through its Prometheus exporter (`http-request use-service prometheus-exporter`).
    @Suite struct HAProxyExporterTests {
        @Test func exporterAndSocketGiveTheSameServersStatesAndRates() async throws {
            let haproxy = try await offPool {
                try HAProxyProcess.start([
                    .init(name: "app", servers: ["app1", "app2", "app3"]),
                    .init(name: "api", servers: ["api1", "api2", "api3"]),
                ])
            }
            defer { haproxy.stop() }
            try await offPool {
                _ = try haproxy.command("set server api/api2 state drain")
                _ = try haproxy.command("disable server api/api3")
                haproxy.servers["app/app3"]?.stop()
                try waitUntil(10, "app3 to go DOWN") { try haproxy.command("show stat app 4 -1").contains(",DOWN,") }
            }

            let trafficDone = haproxy.startTraffic(rounds: 60, to: ["app", "api"], pause: 0.03)
            let run = try await offPool {
                defer { trafficDone.wait() }
                return try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "10s",
                                            haproxy.socketURL, haproxy.metricsURL])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.targets.map(\.format) == ["haproxy-csv", "haproxy-exporter"])
            #expect(document.targets.map(\.health) == [.fresh, .fresh])

            let csv = document.servers.filter { $0.target == haproxy.socketURL }
            let exporter = document.servers.filter { $0.target == haproxy.metricsURL }
            let names = ["app/app1", "app/app2", "app/app3", "api/api1", "api/api2", "api/api3"]
            #expect(csv.map { "\($0.backend)/\($0.name)" } == names)
            #expect(exporter.map { "\($0.backend)/\($0.name)" } == names)
            #expect(csv.map(\.state) == ["UP", "UP", "DOWN", "UP", "DRAIN", "MAINT"])
            #expect(exporter.map(\.state) == csv.map(\.state))
            #expect(exporter.map(\.weight) == csv.map(\.weight))
            #expect(exporter.allSatisfy { $0.address == nil }, "the exporter has no server address")
            for (a, b) in zip(csv, exporter) {
                let socketRate = a.requestRate ?? -1, metricsRate = b.requestRate ?? -1
                // Both read one interval apart at nearly the same moments: within a request or two.
                #expect(abs(socketRate - metricsRate) <= max(2, 0.2 * socketRate),
                        "\(a.backend)/\(a.name): socket \(socketRate) req/s, exporter \(metricsRate) req/s")
            }
            #expect((exporter.first { $0.name == "app1" }?.requestRate ?? 0) > 5)
            #expect((exporter.first { $0.name == "api1" }?.requestRate ?? 0) > 5)
            let backends = document.backends.filter { $0.target == haproxy.metricsURL }
            #expect(backends.map(\.name) == ["app", "api"])
            #expect(backends.allSatisfy { ($0.requestRate ?? 0) > 5 })
        }
    }
}
