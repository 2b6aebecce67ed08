import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// A real Prometheus (Debian `prometheus`, 1 s scrapes) scraping a real haproxy's exporter and a
    /// real node_exporter, read by lbtop through `--prometheus` beside that haproxy's CSV socket.
    /// One Prometheus serves every check (its start is the cost), so they run in one test.
    @Suite struct PrometheusFleetTests {
        @Test func fleetThroughARealPrometheus() async throws {
            let fleet = try await RealFleet.start()
            defer { fleet.stop() }
            try await fleet.sameServersStatesAndRatesAsTheCSVSocketAndJoinedToTheNode()
            try await fleet.withoutTheCSVServersAreNotJoinedAndTheDashboardSaysWhy()
            try await fleet.anErrorAnswerMakesTheFleetStaleWithTheReason()
            try await fleet.aKilledServerGoesDownWithinAScrapeAndTwoPolls()
        }

        /// A real caddy's admin `/metrics` scraped by the real Prometheus: its upstreams are the
        /// fleet's servers, the stopped one DOWN once caddy's 10 s refresh of
        /// `caddy_reverse_proxy_upstreams_healthy` has seen its passive check fail.
        @Test func caddyWithTwoUpstreamsOneStoppedThroughPrometheus() async throws {
            let (caddy, up, stoppedPort) = try await offPool { try CaddyProcess.withOneUpstreamStopped() }
            defer { caddy.stop(); up.stop() }
            let prometheus = try await offPool { try PrometheusProcess.start(scraping: [("caddy", ["127.0.0.1:\(caddy.adminPort)"])]) }
            defer { prometheus.stop() }
            try await offPool {
                try waitUntil(30, "Prometheus to have the stopped upstream unhealthy") {
                    try prometheus.query("caddy_reverse_proxy_upstreams_healthy == 0").contains(":\(stoppedPort)")
                }
            }
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--prometheus", prometheus.url]) }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let instance = "127.0.0.1:\(caddy.adminPort)"
            let servers = document.servers.filter { $0.target == instance }
            #expect(servers.map(\.name).sorted() == ["127.0.0.1:\(stoppedPort)", "127.0.0.1:\(up.port)"].sorted())
            #expect(servers.first { $0.name == "127.0.0.1:\(up.port)" }?.state == "UP")
            #expect(servers.first { $0.name == "127.0.0.1:\(stoppedPort)" }?.state == "DOWN")
            #expect(document.frontends.contains { $0.target == instance && $0.name == "srv0" }, "caddy's HTTP server")
        }

        @Test func aSilentOrFailingServerIsStaleAndTheRunGoesOn() async throws {
            let stalled = try await offPool { try FaultyEndpoint.start(.stalledHTTP) }
            defer { stalled.stop() }
            let failing = try await offPool { try FaultyEndpoint.start(.http500) }
            defer { failing.stop() }
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["app1"])]) }
            defer { haproxy.stop() }
            @Sendable func base(_ endpoint: FaultyEndpoint) -> String { endpoint.url.replacingOccurrences(of: "/stats;csv", with: "") }
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "1s",
                                     "--prometheus", base(stalled), "--prometheus", base(failing), haproxy.socketURL])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let errors = document.targets.filter { $0.role == .fleet }.map { "\($0.health) \($0.error ?? "")" }
            #expect(errors.count == 2)
            #expect(errors.first == "stale timed out after 1s", "\(errors)")
            #expect(errors.last?.hasPrefix("stale HTTP 500 Internal Server Error") == true, "\(errors)")
            #expect(document.servers.filter { $0.target == haproxy.socketURL }.count == 1, "the other target is read as ever")
        }
    }

    /// haproxy (two backends), node_exporter and a Prometheus scraping both every second.
    final class RealFleet: @unchecked Sendable {
        let haproxy: HAProxyProcess
        let node: NodeExporterProcess
        let prometheus: PrometheusProcess
        /// The exporter's `instance` label: how the fleet names this haproxy.
        var instance: String { "127.0.0.1:\(haproxy.statsPort)" }

        private init(haproxy: HAProxyProcess, node: NodeExporterProcess, prometheus: PrometheusProcess) {
            self.haproxy = haproxy; self.node = node; self.prometheus = prometheus
        }

        func stop() {
            prometheus.stop()
            node.stop()
            haproxy.stop()
        }

        static func start() async throws -> RealFleet {
            let haproxy = try await offPool {
                try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2", "app3"]),
                                          .init(name: "api", servers: ["api1", "api2"])])
            }
            let node: NodeExporterProcess
            do { node = try await offPool { try NodeExporterProcess.start() } } catch { haproxy.stop(); throw error }
            let prometheus: PrometheusProcess
            do {
                prometheus = try await offPool {
                    try PrometheusProcess.start(scraping: [("haproxy", ["127.0.0.1:\(haproxy.statsPort)"]), ("node", ["127.0.0.1:\(node.port)"])])
                }
            } catch { node.stop(); haproxy.stop(); throw error }
            let fleet = RealFleet(haproxy: haproxy, node: node, prometheus: prometheus)
            do {
                try await offPool {
                    try waitUntil(30, "Prometheus to have rates of both targets") {
                        try prometheus.query("count(rate(haproxy_server_http_responses_total[4s]))").contains("\"30\"")
                            && prometheus.query("count(rate(node_cpu_seconds_total[4s]))").contains("\"value\"")
                    }
                }
            } catch { fleet.stop(); throw LoopbackError("\(error)\nprometheus log:\n\(prometheus.log.suffix(1500))") }
            return fleet
        }

        func sameServersStatesAndRatesAsTheCSVSocketAndJoinedToTheNode() async throws {
            let haproxy = self.haproxy, prometheus = self.prometheus, instance = self.instance, node = self.node
            try await offPool {
                _ = try haproxy.command("set server api/api2 state drain")
                _ = try haproxy.command("disable server app/app2")
            }
            let traffic = haproxy.startTraffic(rounds: 300, to: ["app", "api"], pause: 0.03)
            // Rates over Prometheus's 4 s range settle once the traffic has run that long.
            try await Task.sleep(nanoseconds: 5_000_000_000)
            let run = try await offPool {
                defer { traffic.wait() }
                return try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "5s",
                                            haproxy.socketURL, "--prometheus", prometheus.url])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let fleet = try #require(document.targets.first { $0.url == prometheus.url })
            #expect(fleet.role == .fleet && fleet.health == .fresh && fleet.format == "prometheus-fleet", "\(fleet)")
            let csv = document.servers.filter { $0.target == haproxy.socketURL }
            let viaPrometheus = document.servers.filter { $0.target == instance }
            #expect(csv.map { "\($0.backend)/\($0.name)" } == ["app/app1", "app/app2", "app/app3", "api/api1", "api/api2"])
            #expect(csv.map(\.state) == ["UP", "MAINT", "UP", "UP", "DRAIN"])
            // Prometheus lists series sorted by their labels, not in config order.
            let sortedCSV = csv.sorted { ($0.backend, $0.name) < ($1.backend, $1.name) }
            #expect(viaPrometheus.map { "\($0.backend)/\($0.name)" } == sortedCSV.map { "\($0.backend)/\($0.name)" })
            #expect(viaPrometheus.map(\.state) == sortedCSV.map(\.state))
            #expect(viaPrometheus.map(\.weight) == sortedCSV.map(\.weight))
            for (a, b) in zip(sortedCSV, viaPrometheus) {
                let direct = a.requestRate ?? -1, fleetRate = b.requestRate ?? -1
                #expect(abs(direct - fleetRate) <= max(3, 0.3 * direct), "\(a.backend)/\(a.name): CSV \(direct) req/s, Prometheus \(fleetRate) req/s")
            }
            #expect((viaPrometheus.first { $0.name == "app1" }?.requestRate ?? 0) > 5)
            // The exporter names no address: the CSV socket of the same haproxy gives it, and the
            // node (node_exporter on this machine) joins every server.
            let nodeID = "127.0.0.1:\(node.port)"
            #expect(document.nodes.map(\.id) == [nodeID])
            #expect(document.nodes.first?.cpuPercent != nil && document.nodes.first?.memoryPercent != nil)
            #expect(viaPrometheus.allSatisfy { $0.node == nodeID && $0.address?.hasPrefix("127.0.0.1:") == true })
            #expect(fleet.note == nil)
        }

        func withoutTheCSVServersAreNotJoinedAndTheDashboardSaysWhy() async throws {
            let prometheus = self.prometheus
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--prometheus", prometheus.url])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let fleet = try #require(document.targets.first { $0.url == prometheus.url })
            #expect(fleet.note?.hasPrefix("5 of 5 servers not joined to a node: the HAProxy exporter gives no server address") == true,
                    "\(fleet.note ?? "no note")")
        }

        func aKilledServerGoesDownWithinAScrapeAndTwoPolls() async throws {
            let haproxy = self.haproxy, prometheus = self.prometheus, instance = self.instance
            let lbtop = try StreamingLBTop(["--json", "--interval", "1s", "--timeout", "2s", haproxy.socketURL, "--prometheus", prometheus.url])
            defer { lbtop.stop(with: SIGTERM) }
            try await offPool { try lbtop.waitForLines(2, timeout: 20) }
            haproxy.servers["app/app3"]?.stop()
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            @Sendable func state(_ line: String, target: String) throws -> String? {
                let document = try decoder.decode(SnapshotJSON.Document.self, from: Data(line.utf8))
                return document.servers.first { $0.target == target && $0.name == "app3" }?.state
            }
            let (csvDown, fleetDown) = try await offPool { () throws -> (Int, Int) in
                var csvAt: Int?
                var index = 0
                let deadline = Date().addingTimeInterval(30)
                while Date() < deadline {
                    let lines = lbtop.lines
                    while index < lines.count {
                        if csvAt == nil, try state(lines[index], target: haproxy.socketURL) == "DOWN" { csvAt = index }
                        if let csvAt, try state(lines[index], target: instance) == "DOWN" { return (csvAt, index) }
                        index += 1
                    }
                    usleep(100_000)
                }
                throw LoopbackError("app3 never went DOWN through Prometheus; stderr: \(lbtop.stderr)")
            }
            // One scrape (1 s) and two polls (1 s each) after haproxy itself said DOWN.
            #expect(fleetDown - csvDown <= 3, "CSV DOWN at line \(csvDown), Prometheus DOWN at line \(fleetDown)")
        }

        func anErrorAnswerMakesTheFleetStaleWithTheReason() async throws {
            let haproxy = self.haproxy, prometheus = self.prometheus
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-prom-\(UUID().uuidString.prefix(8)).toml")
            defer { try? FileManager.default.removeItem(at: config) }
            // An unclosed regex group: Prometheus answers HTTP 400 bad_data to every balancer query.
            try "[[prometheus]]\nurl = \"\(prometheus.url)\"\nmatch = '{job=~\"(\"}'\n".write(to: config, atomically: true, encoding: .utf8)
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--config", config.path, haproxy.socketURL])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let fleet = try #require(document.targets.first { $0.url == prometheus.url })
            #expect(fleet.health == .stale)
            #expect(fleet.error?.contains("Prometheus bad_data") == true, "\(fleet.error ?? "no error")")
            #expect(document.servers.filter { $0.target == haproxy.socketURL }.count == 5, "the other target is read as ever")
        }
    }
}
