import Foundation
import Testing
@testable import LBTopCore

/// Servers that come and go: marked new, listed as gone, free `server-template` slots counted
/// and never alerted, a backend's server count over the window, and `flapping`.
@Suite struct ServerChurnTests {
    let target = TargetID("unix:///run/haproxy.sock")

    func result(_ rows: [StatRow], at time: Double) -> PollResult {
        PollResult(target: target, role: .balancer, displayURL: target.rawValue, name: target.rawValue, host: nil,
                   at: time, outcome: .success(.balancer(BalancerSample(rows: rows))))
    }

    func templateRows() throws -> [StatRow] {
        try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-server-template-2.6.csv")).rows
    }

    /// `rows` with a copy of `tpl/web1` named `name` before the backend row.
    func adding(_ name: String, to rows: [StatRow]) -> [StatRow] {
        var rows = rows
        var added = rows.first { $0.proxy == "tpl" && $0.name == "web1" }!
        added.name = name
        rows.insert(added, at: rows.firstIndex { $0.proxy == "tpl" && $0.kind == .backend }!)
        return rows
    }

    @Test func freeTemplateSlotsAreCountedNotServersAndRaiseNothing() async throws {
        var store = Store(options: StoreOptions(interval: 1))
        store.ingest(result(try templateRows(), at: 0))
        store.ingest(result(try templateRows(), at: 1))
        let snapshot = store.snapshot(now: 1)
        let backend = try #require(snapshot.backends.first { $0.id.proxy == "tpl" })
        #expect(backend.freeSlots == 3)
        #expect(backend.history.serverCount.last == 4, "web1–3 and dnsweb1; the three empty slots left out")
        #expect(snapshot.servers.filter(\.state.isFreeSlot).map(\.id.server) == ["dnsweb2", "dnsweb3", "dnsweb4"])
        #expect(snapshot.servers.allSatisfy { !$0.isNew }, "there from the first poll: not new")
        let engine = AlertEngine(rules: BuiltInAlertRules.all.map { var rule = $0; rule.forSeconds = 0; return rule },
                                 log: InMemoryAlertLog())
        #expect(await engine.evaluate(snapshot).isEmpty)
    }

    @Test func aServerAddedIsNewForAFewMinutesAndOneRemovedIsListedAsGone() throws {
        var store = Store(options: StoreOptions(interval: 1, window: 900))
        let rows = try templateRows()
        store.ingest(result(rows, at: 0))
        store.ingest(result(adding("web9", to: rows), at: 1))
        var snapshot = store.snapshot(now: 31)
        let added = try #require(snapshot.servers.first { $0.id.server == "web9" })
        #expect(added.isNew && added.secondsSinceAppeared == 30)
        #expect(snapshot.backends.first { $0.id.proxy == "tpl" }?.history.serverCount.values == [4, 5])
        #expect(store.snapshot(now: 1 + ServerChurn.newForSeconds).servers.first { $0.id.server == "web9" }?.isNew == false)

        // web2 deleted (it was put in MAINT first, as `del server` needs).
        var without = adding("web9", to: rows).filter { $0.name != "web2" }
        store.ingest(result(without, at: 2))
        snapshot = store.snapshot(now: 12)
        #expect(snapshot.goneServers == [GoneServer(id: ServerID(target: target, backend: "tpl", server: "web2"),
                                                    lastState: ServerState(kind: .up), secondsAgo: 10)])
        #expect(store.snapshot(now: 2 + 900).goneServers.isEmpty, "kept for the window")
        // Back under the same name: new again, and no longer gone.
        without = adding("web2", to: without)
        store.ingest(result(without, at: 3))
        snapshot = store.snapshot(now: 3)
        #expect(snapshot.goneServers.isEmpty)
        #expect(snapshot.servers.first { $0.id.server == "web2" }?.isNew == true)
    }

    @Test func theJSONSaysWhenABackendScaled() throws {
        var store = Store(options: StoreOptions(interval: 1))
        let rows = try templateRows()
        store.ingest(result(rows, at: 0))
        for second in 1...30 { store.ingest(result(adding("web9", to: rows), at: Double(second))) }
        // Scaled from 4 to 5 at the second poll, 29 polls before the newest (at 1000 s).
        let snapshot = store.snapshot(time: Date(timeIntervalSince1970: 1000), now: 30)
        let document = SnapshotJSON.Document(snapshot)
        let tpl = try #require(document.backends.first { $0.name == "tpl" })
        let change = try #require(tpl.lastServerCountChange)
        #expect(change.from == 4 && change.to == 5 && change.at == Date(timeIntervalSince1970: 1000 - 29), "\(change)")
        #expect(tpl.serverCount == 5 && tpl.serverCountChanges == 1)
        // The streaming `--json` line carries the same: the new mark and the change.
        let line = try SnapshotJSON.encodeLine(snapshot)
        #expect(!line.dropLast().contains(UInt8(ascii: "\n")))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let streamed = try decoder.decode(SnapshotJSON.Document.self, from: line)
        #expect(streamed.servers.first { $0.name == "web9" }?.new == true)
        #expect(streamed.backends.first { $0.name == "tpl" }?.lastServerCountChange?.at == Date(timeIntervalSince1970: 971))
    }

    @Test func aServerGoingUpAndDownAndABackendScalingBackAndForthFlap() async throws {
        var store = Store(options: StoreOptions(interval: 1))
        let rows = try templateRows()
        func with(_ status: String) -> [StatRow] {
            rows.map { row in var row = row; if row.name == "web3" { row.status = status }; return row }
        }
        for (second, rows) in [with("UP"), with("DOWN"), with("UP"), with("DOWN"), with("UP")].enumerated() {
            store.ingest(result(rows, at: Double(second)))
        }
        for (offset, rows) in [adding("web8", to: rows), rows, adding("web8", to: rows), rows].enumerated() {
            store.ingest(result(rows, at: Double(5 + offset)))
        }
        let snapshot = store.snapshot(now: 9)
        #expect(snapshot.servers.first { $0.id.server == "web3" }?.recentStateChanges == 4)
        #expect(snapshot.backends.first { $0.id.proxy == "tpl" }?.serverCountChanges == 4)
        let engine = AlertEngine(rules: [BuiltInAlertRules.rule(named: "flapping")!], log: InMemoryAlertLog())
        let alerts = await engine.evaluate(snapshot)
        #expect(alerts.map(\.subject).sorted() == ["backend tpl", "tpl/web3"])
        #expect(alerts.first { $0.subject == "backend tpl" }?.message == "backend tpl changed its server count 4 times (between 4 and 5 servers)")
    }

    @Test func aServerDownThenRemovedRaisesServerDownFirstAndADrainedOneNothing() async throws {
        let engine = AlertEngine(rules: [BuiltInAlertRules.rule(named: "server-down")!], log: InMemoryAlertLog())
        var store = Store(options: StoreOptions(interval: 1))
        let rows = try templateRows()
        func states(_ web1: String, _ web2: String) -> [StatRow] {
            rows.map { row in
                var row = row
                if row.name == "web1" { row.status = web1 }
                if row.name == "web2" { row.status = web2 }
                return row
            }
        }
        store.ingest(result(states("DOWN", "DRAIN"), at: 0))
        #expect(await engine.evaluate(store.snapshot(now: 0)).map(\.subject) == ["tpl/web1"])
        store.ingest(result(states("MAINT", "MAINT"), at: 1))
        store.ingest(result(states("MAINT", "MAINT").filter { $0.name != "web1" && $0.name != "web2" }, at: 2))
        let after = await engine.evaluate(store.snapshot(now: 2))
        #expect(after.map { "\($0.subject) \($0.state.rawValue)" } == ["tpl/web1 resolved"])
        #expect(store.snapshot(now: 2).goneServers.map(\.id.server) == ["web2", "web1"], "newest first: the later in the list")
    }
}
