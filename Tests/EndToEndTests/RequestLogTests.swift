import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `lbtop --once --json --log …` (the built binary) reading the request log of a real haproxy
    /// (over UDP, a unix datagram socket, a followed file that is rotated) and of a real nginx.
    @Suite struct RequestLogTests {
        /// 90 % of answers at 5 ms, every tenth at 300 ms.
        static let bimodal = ToyServer.Delays(fastMs: 5, slowMs: 300, slowEvery: 10)

        @Test func udpLogGivesTruePercentilesWhereRtimeIsAnAverage() async throws {
            let port = try Loopback.freePort()
            let haproxy = try await offPool {
                try HAProxyProcess.start([.init(name: "app", servers: ["s1", "s2"], delays: Self.bimodal)],
                                         log: "127.0.0.1:\(port)")
            }
            defer { haproxy.stop() }
            let traffic = Traffic(haproxy, backend: "app", clients: 4)
            defer { traffic.stop() }
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "3s", "--timeout", "10s",
                                     "--log", "udp://127.0.0.1:\(port)", haproxy.statsURL])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let input = try #require(document.targets.first { $0.role == .log })
            #expect(input.url == "udp://127.0.0.1:\(port)" && input.health == .fresh && input.format == "haproxy-httplog")
            #expect((input.lines ?? 0) > 100 && input.skipped == 0, "lines \(String(describing: input.lines))")
            for name in ["s1", "s2"] {
                let server = try #require(document.servers.first { $0.backend == "app" && $0.name == name })
                let log = try #require(server.log, "app/\(name) has no log figures")
                #expect(log.requests > 50)
                #expect((4...20).contains(log.p50Ms ?? -1), "p50 \(String(describing: log.p50Ms))")
                #expect((290...400).contains(log.p99Ms ?? -1), "p99 \(String(describing: log.p99Ms))")
                #expect(log.statusClasses.r2xx == log.requests && log.terminations.isEmpty)
                #expect(log.topPaths.first.map { $0.count } ?? 0 >= 1)
                // HAProxy's own figure is an average of the last 1,024: about 35 ms, nowhere near either.
                let rtime = try #require(server.responseTimeMs)
                #expect((15...80).contains(rtime), "rtime \(rtime)")
            }
            let backend = try #require(document.backends.first { $0.name == "app" })
            #expect((backend.log?.requests ?? 0) > 100)
            #expect((document.frontends.first { $0.name == "web" }?.log?.requests ?? 0) > 100)
        }

        @Test func unixDatagramSocketWithRFC5424Headers() async throws {
            let directory = try Self.privateDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let socket = directory + "/log.sock"
            let haproxy = try await offPool {
                try HAProxyProcess.start([.init(name: "app", servers: ["s1", "s2"])], log: "\(socket) format rfc5424")
            }
            defer { haproxy.stop() }
            let traffic = Traffic(haproxy, backend: "app", clients: 1)
            defer { traffic.stop() }
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "2s", "--log", "unix://\(socket)"])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.targets.map(\.url) == ["unix://\(socket)"])
            #expect(document.targets.first?.skipped == 0)
            // No stats endpoint: the log alone makes the backend and its servers.
            let servers = document.servers.filter { $0.backend == "app" }
            #expect(servers.map(\.name) == ["s1", "s2"])
            #expect(servers.allSatisfy { ($0.log?.requests ?? 0) > 0 && ($0.requestRate ?? 0) > 0 })
            #expect(abs(servers.compactMap(\.share).reduce(0, +) - 1) < 0.001)
        }

        @Test func followedFileSurvivesRenameAndTruncation() async throws {
            let directory = try Self.privateDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/haproxy.log"
            let writer = try SyslogFileWriter(path: path)
            defer { writer.stop() }
            let haproxy = try await offPool {
                try HAProxyProcess.start([.init(name: "app", servers: ["s1"]), .init(name: "api", servers: ["a1"])],
                                         log: "127.0.0.1:\(writer.port)")
            }
            defer { haproxy.stop() }
            try await offPool { try haproxy.sendRequests(5, to: "app") }  // before lbtop: not read (starts at the end)
            try await offPool {
                try waitUntil(5, "5 lines in the file") { writer.lines >= 5 }
                usleep(500_000)  // and nothing more on its way
            }
            async let finished = offPool { try LBTopBinary.run(["--once", "--json", "--interval", "5s", "--log", path]) }
            try await offPool {
                usleep(1_500_000)  // lbtop's first poll has opened the file at its end
                try haproxy.sendRequests(7, to: "app")
                try waitUntil(5, "12 lines") { writer.lines >= 12 }
                usleep(300_000)
                writer.rotate(to: path + ".1")
                try haproxy.sendRequests(30, to: "api")
                try waitUntil(5, "42 lines") { writer.lines >= 42 }
                usleep(300_000)
                writer.truncate()
                try haproxy.sendRequests(3, to: "app")
                try waitUntil(5, "45 lines") { writer.lines >= 45 }
            }
            let run = try await finished
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.targets.first?.lines == 40 && document.targets.first?.skipped == 0)
            #expect(document.servers.first { $0.name == "s1" }?.log?.requests == 10)
            #expect(document.servers.first { $0.name == "a1" }?.log?.requests == 30)
        }

        @Test func nginxAccessLogAloneGivesSharesAndPercentiles() async throws {
            let fast = try await offPool { try ToyServer.start(name: "n1", delays: .init(fastMs: 5, slowMs: 5, slowEvery: 1)) }
            let slow = try await offPool { try ToyServer.start(name: "n2", delays: .init(fastMs: 100, slowMs: 100, slowEvery: 1)) }
            let nginx = try await offPool { try NginxProcess.start(upstream: "pool", servers: [fast, slow]) }
            defer { nginx.stop() }
            let stop = Traffic.Flag()
            let sender = Thread {
                // Every fourth request asks for one page nginx caches: a miss, then hits.
                var sent = 0
                while !stop.isSet {
                    _ = try? Loopback.get(port: nginx.port, path: sent % 4 == 3 ? "/cached/page" : "/x?\(Int.random(in: 0..<9))")
                    sent += 1
                }
            }
            sender.start()
            defer { stop.set() }
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "3s", "--log", nginx.accessLog])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.targets.first?.format == "nginx" && document.targets.first?.skipped == 0)
            let servers = document.servers.filter { $0.backend == "pool" }
            #expect(servers.map(\.name) == ["127.0.0.1:\(fast.port)", "127.0.0.1:\(slow.port)"].sorted())
            let byPort = Dictionary(uniqueKeysWithValues: servers.map { ($0.name, $0) })
            let quick = try #require(byPort["127.0.0.1:\(fast.port)"]?.log)
            let late = try #require(byPort["127.0.0.1:\(slow.port)"]?.log)
            #expect(quick.requests > 3 && late.requests > 3)
            #expect((4...30).contains(quick.p99Ms ?? -1) && (95...160).contains(late.p50Ms ?? -1), "\(String(describing: quick.p99Ms)) \(String(describing: late.p50Ms))")
            #expect(abs(servers.compactMap(\.share).reduce(0, +) - 1) < 0.001)
            let pool = try #require(document.backends.first { $0.name == "pool" })
            #expect(pool.log?.topPaths.first?.key == "/x")
            // nginx's `$upstream_cache_status`: one MISS (perhaps before lbtop began reading), then HITs.
            let lookups = try #require(pool.log?.cacheLookups), hits = try #require(pool.log?.cacheHits)
            #expect(lookups > 3 && hits >= lookups - 1, "\(lookups) lookups, \(hits) hits")
            #expect((pool.cacheHitRatio ?? 0) > 0.7, "cache hit ratio \(pool.cacheHitRatio ?? -1)")
        }

        static func privateDirectory() throws -> String {
            let path = "/tmp/lbtop-log-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }
    }
}

/// Requests through a haproxy frontend from `clients` threads until stopped.
final class Traffic: @unchecked Sendable {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    private let flag = Flag()
    private let finished = DispatchGroup()

    init(_ haproxy: HAProxyProcess, backend: String, clients: Int) {
        for _ in 0..<clients {
            finished.enter()
            Thread { [flag, finished] in
                while !flag.isSet { try? haproxy.sendRequests(1, to: backend) }
                finished.leave()
            }.start()
        }
    }

    func stop() {
        flag.set()
        finished.wait()
    }
}

extension EndToEnd.RequestLogTests {
    /// One server of two starts answering every request in 300 ms: the `latency` rule on the log's
    /// p99 fires within 15 s, while HAProxy's `rtime` average still lags far behind.
    @Test func latencyJumpRaisesTheP99AlertWithin15Seconds() async throws {
        let port = try Loopback.freePort()
        let steady = ToyServer.Delays(fastMs: 5, slowMs: 300, slowEvery: 1_000_000)
        let haproxy = try await offPool {
            try HAProxyProcess.start([.init(name: "app", servers: ["s1", "s2"], delays: steady)], log: "127.0.0.1:\(port)")
        }
        defer { haproxy.stop() }
        let traffic = Traffic(haproxy, backend: "app", clients: 2)
        defer { traffic.stop() }
        let rule = AlertRule(name: "latency", condition: .latency(.p99), warning: 200, critical: 3000, forSeconds: 3)
        let monitor = Monitor(
            collectors: [try HAProxyCollector(url: TargetURL(haproxy.statsURL)),
                         LogCollector(url: try LogInputURL("udp://127.0.0.1:\(port)"))],
            options: MonitorOptions(interval: 1, timeout: 2),
            alerts: AlertEngine(rules: [rule], log: InMemoryAlertLog()))
        await monitor.start()
        let updates = await monitor.updates()
        try await Task.sleep(for: .seconds(3))
        #expect(await monitor.latestSnapshot().alerts.isEmpty)
        let slowServer = try #require(haproxy.servers["app/s1"])
        _ = try await offPool { try Loopback.get(port: slowServer.port, path: "/__jump") }
        let jumped = MonotonicTime.now()
        var firing: Alert?
        var rtime: Double?
        for await snapshot in updates {
            if let alert = snapshot.alerts.first(where: { $0.state == .firing && $0.subject == "app/s1" }) {
                firing = alert
                rtime = snapshot.servers.first { $0.id.server == "s1" }?.responseTimeMs
                break
            }
            if MonotonicTime.now() - jumped > 15 { break }
        }
        await monitor.stop()
        let alert = try #require(firing, "no latency alert on app/s1 within 15 s")
        #expect(MonotonicTime.now() - jumped <= 15)
        #expect(alert.message.contains("p99 of the log") && (alert.value ?? 0) >= 290, "\(alert.message)")
        #expect(!(await monitor.latestSnapshot().alerts.contains { $0.subject == "app/s2" && $0.state == .firing }))
        #expect((rtime ?? 0) < 290, "rtime \(String(describing: rtime))")
    }
}
