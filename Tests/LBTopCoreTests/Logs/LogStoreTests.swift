import Foundation
import Testing
@testable import LBTopCore

@Suite struct LogStoreTests {
    static let input = TargetID("udp://127.0.0.1:5514")

    static func line(server: String, serverMs: Int, status: Int = 200, termination: String = "----",
                     path: String = "/", client: String = "10.0.0.1", backend: String = "app") -> String {
        "\(client):4000 [02/Dec/2026:00:42:11.560] web \(backend)/\(server) 0/0/0/\(serverMs)/\(serverMs + 1) \(status) 10 - - \(termination) 1/1/0/0/0 0/0 \"GET \(path) HTTP/1.1\"\n"
    }

    static func batch(_ lines: [String]) -> PollResult {
        batch(lines, at: 0)
    }

    static func batch(_ lines: [String], at time: Double, dropped: Int = 0) -> PollResult {
        let bytes = Array(lines.joined().utf8)
        return PollResult(target: input, role: .log, displayURL: input.rawValue, name: input.rawValue, host: nil,
                          at: time, outcome: .success(.logs(LogBatch(bytes: bytes, lineCount: lines.count, droppedLines: dropped))))
    }

    @Test func percentilesAreTheLogsNotAnAverage() {
        var store = Store(options: StoreOptions(logWindow: 60))
        var lines: [String] = []
        for index in 0..<1000 { lines.append(Self.line(server: "s1", serverMs: index % 10 == 9 ? 300 : 5)) }
        store.ingest(Self.batch([], at: 0))
        store.ingest(Self.batch(lines, at: 1))
        let snapshot = store.snapshot(now: 1)
        let server = try! #require(snapshot.servers.first)
        #expect(server.id == ServerID(target: Self.input, backend: "app", server: "s1"))
        let log = try! #require(server.log)
        #expect(log.requests == 1000 && log.serverTime?.p50 == 5 && log.serverTime?.p90 == 5)
        #expect((297...303).contains(log.serverTime!.p95) && (297...303).contains(log.serverTime!.p99) && log.serverTime?.max == 300)
        #expect(log.totalTime?.p50 == 6)
        #expect(server.requestRate == 1000 && server.share == 1)
        #expect(snapshot.targets.first?.log?.lines == 1000 && snapshot.targets.first?.log?.linesPerSecond == 1000)
    }

    @Test func oldSlotsLeaveTheWindow() {
        var store = Store(options: StoreOptions(logWindow: 60))
        store.ingest(Self.batch([Self.line(server: "s1", serverMs: 900)], at: 0))
        store.ingest(Self.batch([Self.line(server: "s1", serverMs: 5)], at: 30))
        #expect(store.snapshot(now: 30).servers.first?.log?.serverTime?.max == 900)
        #expect(store.snapshot(now: 30).servers.first?.log?.requests == 2)
        // 65 s later the first request's slot is out of the window; the second is still in.
        let later = store.snapshot(now: 65).servers.first?.log
        #expect(later?.requests == 1 && later?.serverTime?.max == 5)
        #expect(store.snapshot(now: 95).servers.first?.log == nil)
    }

    @Test func joinsStatsRowsByBackendAndServer() throws {
        var store = Store()
        let csv = try Fixture.bytes("haproxy/show-stat-2.6.csv")
        let stats = try HAProxyCSVParser.parse(csv)
        let target = TargetID("stats")
        store.ingest(PollResult(target: target, role: .balancer, displayURL: "stats", name: "stats", host: nil, at: 0,
                                outcome: .success(.balancer(BalancerSample(rows: stats.rows)))))
        let server = try #require(stats.rows.first { $0.kind == .server })
        store.ingest(Self.batch([Self.line(server: server.name, serverMs: 42, backend: server.proxy)], at: 0))
        let snapshot = store.snapshot(now: 1)
        let joined = snapshot.servers.filter { $0.log != nil }
        #expect(joined.map(\.id) == [ServerID(target: target, backend: server.proxy, server: server.name)])
        #expect(joined.first?.log?.serverTime?.p99 == 42)
        #expect(snapshot.backends.first { $0.id.proxy == server.proxy }?.log?.requests == 1)
        #expect(snapshot.frontends.first { $0.id.proxy == "web" }?.log?.requests == 1)
    }

    @Test func terminationsTopPathsAndClientsAreCounted() {
        var store = Store()
        var lines = [Self.line(server: "s1", serverMs: 1, status: 504, termination: "sHNN", path: "/slow?x=1", client: "10.0.0.9")]
        lines += Array(repeating: Self.line(server: "s1", serverMs: 2, path: "/a?b=c"), count: 5)
        lines += [Self.line(server: "s1", serverMs: 3, path: "/b")]
        lines += ["garbage\n", "\u{1}\u{2}\n"]
        store.ingest(Self.batch(lines, at: 0))
        let snapshot = store.snapshot(now: 1)
        let log = try! #require(snapshot.servers.first?.log)
        #expect(log.terminations == ["sH": 1] && log.serverTerminationRatio == 1.0 / 7)
        #expect(log.statusClasses.r5xx == 1 && log.statusClasses.r2xx == 6)
        #expect(log.topPaths.map(\.key) == ["/a", "/b", "/slow"] && log.topPaths.map(\.count) == [5, 1, 1])
        #expect(log.topPaths.last?.errors == 1)
        #expect(log.topClients.map(\.key) == ["10.0.0.1", "10.0.0.9"])
        #expect(log.slowest.first?.totalMs == 4)
        #expect(snapshot.targets.first?.skippedLines == 2)
    }

    @Test func eachServerHasItsOwnTopPathsAndTheBackendTheirSum() throws {
        var store = Store()
        var lines = Array(repeating: Self.line(server: "s1", serverMs: 4, path: "/a?x=1"), count: 3)
        lines += Array(repeating: Self.line(server: "s2", serverMs: 299, status: 503, path: "/b"), count: 2)
        lines += [Self.line(server: "s2", serverMs: 4, path: "/a")]
        store.ingest(Self.batch([], at: 0))
        store.ingest(Self.batch(lines, at: 1))
        store.ingest(Self.batch([Self.line(server: "s1", serverMs: 4, path: "/a")], at: 30))  // another slot
        let snapshot = store.snapshot(now: 30)
        let s1 = try #require(snapshot.servers.first { $0.id.server == "s1" }?.log)
        let s2 = try #require(snapshot.servers.first { $0.id.server == "s2" }?.log)
        #expect(s1.topPaths == [LogTopEntry(key: "/a", count: 4, errors: 0, p99Ms: 5)])
        #expect(s2.topPaths.map(\.key) == ["/b", "/a"] && s2.topPaths.map(\.count) == [2, 1])
        #expect(s2.topPaths.map(\.errors) == [2, 0] && (288...319).contains(s2.topPaths[0].p99Ms ?? 0))
        let backend = try #require(snapshot.backends.first { $0.id.proxy == "app" }?.log)
        #expect(backend.topPaths.map(\.key) == ["/a", "/b"] && backend.topPaths.map(\.count) == [5, 2])
        // What `--once --json` prints for each server.
        let document = SnapshotJSON.Document(snapshot)
        #expect(document.servers.first { $0.name == "s2" }?.log?.topPaths.map(\.key) == ["/b", "/a"])
    }

    @Test func topListsStayBoundedWhateverTheTraffic() throws {
        var store = Store()
        let lines = (0..<5000).map { Self.line(server: "s1", serverMs: 1, path: "/item/\($0)", client: "10.1.\($0 / 250).\($0 % 250)") }
        store.ingest(Self.batch(lines + Array(repeating: Self.line(server: "s1", serverMs: 1, path: "/hot"), count: 400), at: 0))
        let log = try #require(store.snapshot(now: 1).servers.first?.log)
        #expect(log.requests == 5400 && log.topPaths.count == 10 && log.topClients.count == 10)
        #expect(log.topPaths.first?.key == "/hot" && (log.topPaths.first?.count ?? 0) >= 400)
        #expect(log.slowest.count == 10)
    }

    @Test func serverEventsAreKeptApartAndBounded() {
        var store = Store()
        let events = (0..<100).map { "<129>Dec  2 00:41:52 haproxy[1]: Server app/s\($0) is DOWN, reason: Layer4 timeout.\n" }
        store.ingest(Self.batch(events + [Self.line(server: "s1", serverMs: 1)], at: 0))
        let overview = store.snapshot(now: 0).logs
        #expect(overview?.events.count == LogAggregator.eventCapacity)
        #expect(overview?.events.last?.event == LogServerEvent(kind: .serverDown, backend: "app", server: "s99",
                                                               text: "Server app/s99 is DOWN, reason: Layer4 timeout."))
        #expect(overview?.all?.requests == 1)
    }

    @Test func nginxTriesCountOnTheirOwnServers() throws {
        var store = Store()
        let lines = try HAProxyLogParserTests.lines("nginx/access-upstream-1.22.log").map { String(decoding: $0 + [10], as: UTF8.self) }
        store.ingest(Self.batch(lines, at: 0))
        let snapshot = store.snapshot(now: 1)
        let pool = snapshot.servers.filter { $0.id.backend == "pool" }
        #expect(pool.map(\.id.server) == ["127.0.0.1:29101", "127.0.0.1:29186"])
        // The dead server got one try (502), the live one every request.
        #expect(pool.map { $0.log?.requests } == [6, 1])
        #expect(pool.last?.log?.statusClasses.r5xx == 1)
        #expect(snapshot.backends.first { $0.id.proxy == "pool" }?.log?.retries == 1)
        #expect(snapshot.backends.contains { $0.id.proxy == "deadpool" } && !snapshot.servers.contains { $0.id.backend == "deadpool" })
    }

    @Test func nginxCacheStatusIsTheBackendsCacheHitRatio() throws {
        var store = Store()
        let captured = try HAProxyLogParserTests.lines("nginx/access-upstream-1.22.log").map { String(decoding: $0 + [10], as: UTF8.self) }
        // The capture's cpool: MISS, HIT, BYPASS (never looked). Then 7 more hits and a STALE.
        let hit = try #require(captured.first { $0.hasSuffix(" cpool HIT\n") })
        let lines = captured + Array(repeating: hit, count: 7) + [hit.replacingOccurrences(of: " HIT\n", with: " STALE\n")]
        store.ingest(Self.batch(lines, at: 0))
        let snapshot = store.snapshot(now: 1)
        let cpool = try #require(snapshot.backends.first { $0.id.proxy == "cpool" })
        #expect(cpool.log?.cacheLookups == 10 && cpool.log?.cacheHits == 9)
        #expect(cpool.cacheHitRatio == 0.9)
        #expect(cpool.cacheLookupRate == 10)
        #expect(snapshot.backends.first { $0.id.proxy == "pool" }?.cacheLookupRate == nil, "no cache there")
        let json = SnapshotJSON.Document(snapshot).backends.first { $0.name == "cpool" }
        #expect(json?.cacheHitRatio == 0.9 && json?.log?.cacheLookups == 10 && json?.log?.cacheHits == 9)
    }

    @Test func aFloodIsDroppedAndCounted() {
        let intake = LogIntake(byteCapacity: 1000, lineCapacity: 10)
        let line = Array(Self.line(server: "s1", serverMs: 1).utf8)
        var kept = 0
        for _ in 0..<50 { if line.withUnsafeBytes({ intake.append($0) }) { kept += 1 } }
        let batch = intake.drain()
        #expect(kept == batch.lineCount && batch.lineCount == 1000 / line.count && batch.droppedLines == 50 - kept)
        #expect(intake.drain() == LogBatch())
        var store = Store()
        store.ingest(Self.batch([], at: 0, dropped: 7))
        #expect(store.snapshot().targets.first?.log?.dropped == 7)
    }
}

@Suite struct LogServerEventStateTests {
    @Test func aDownEventAfterThePollSetsTheStateUntilTheNextPoll() throws {
        var store = Store()
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv"))
        let target = TargetID("stats")
        let poll = { (time: Double) in
            PollResult(target: target, role: .balancer, displayURL: "stats", name: "stats", host: nil, at: time,
                       outcome: .success(.balancer(BalancerSample(rows: stats.rows))))
        }
        let server = try #require(stats.rows.first { $0.kind == .server && $0.serverState.kind == .up })
        store.ingest(poll(0))
        store.ingest(LogStoreTests.batch(["<129>Dec  2 00:41:52 haproxy[1]: Server \(server.proxy)/\(server.name) is DOWN, reason: Layer4 connection problem.\n"], at: 1))
        let id = ServerID(target: target, backend: server.proxy, server: server.name)
        #expect(store.snapshot(now: 1).servers.first { $0.id == id }?.state.kind == .down)
        store.ingest(poll(2))  // the stats have the last word once they have spoken again
        #expect(store.snapshot(now: 2).servers.first { $0.id == id }?.state.kind == .up)
    }

    @Test func withoutLogFiguresTheEventsStillSetTheState() throws {
        var store = Store()
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv"))
        let target = TargetID("stats")
        store.ingest(PollResult(target: target, role: .balancer, displayURL: "stats", name: "stats", host: nil, at: 0,
                                outcome: .success(.balancer(BalancerSample(rows: stats.rows)))))
        let server = try #require(stats.rows.first { $0.kind == .server && $0.serverState.kind == .up })
        store.ingest(LogStoreTests.batch([
            LogStoreTests.line(server: server.name, serverMs: 5, backend: server.proxy),
            "<129>Dec  2 00:41:52 haproxy[1]: Server \(server.proxy)/\(server.name) is DOWN, reason: Layer4 connection problem.\n",
        ], at: 1))
        let id = ServerID(target: target, backend: server.proxy, server: server.name)
        let full = try #require(store.snapshot(now: 1).servers.first { $0.id == id })
        #expect(full.log?.requests == 1)
        let bare = try #require(store.snapshot(now: 1, content: [.history, .forecast]).servers.first { $0.id == id })
        #expect(bare.state.kind == .down)
        #expect(bare.log == nil)
    }
}
