import Foundation
import Testing
@testable import LBTopCore

@Suite struct StoreTests {
    let target = TargetID("unix:///run/haproxy.sock")

    func sample(_ fixture: String, process: BalancerProcess? = nil) throws -> BalancerSample {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes(fixture))
        return BalancerSample(rows: stats.rows, skippedLines: stats.skippedLines, process: process)
    }

    func result(_ sample: BalancerSample, at time: Double, target: TargetID? = nil) -> PollResult {
        let id = target ?? self.target
        return PollResult(target: id, role: .balancer, displayURL: id.rawValue, name: id.rawValue, host: nil,
                          at: time, outcome: .success(.balancer(sample)))
    }

    /// Adds `amount` to `fields` of the rows named `names` (`proxy/name`).
    func bump(_ sample: BalancerSample, _ names: [String: Int64], fields: [StatField]) -> BalancerSample {
        var copy = sample
        for index in copy.rows.indices {
            let row = copy.rows[index]
            guard let amount = names["\(row.proxy)/\(row.name)"] else { continue }
            for field in fields { copy.rows[index][field] = (row[field] ?? 0) + amount }
        }
        return copy
    }

    func server(_ snapshot: Snapshot, _ name: String) throws -> ServerSnapshot {
        try #require(snapshot.servers.first { $0.id.description == name })
    }

    @Test func ratesSharesAndFairSharesFromTwoPolls() throws {
        var store = Store(options: StoreOptions(interval: 2))
        let first = try sample("haproxy/show-stat-2.6.csv")
        store.ingest(result(first, at: 10))
        let initial = store.snapshot(now: 10)
        #expect(initial.servers.allSatisfy { $0.requestRate == nil })

        var second = bump(first, ["app/app1": 20, "app/BACKEND": 20, "api/api1": 10, "api/BACKEND": 10],
                          fields: [.reqTot, .stot, .hrsp2xx])
        second = bump(second, ["app/app1": 4, "app/BACKEND": 4], fields: [.hrsp5xx, .reqTot, .stot])
        store.ingest(result(second, at: 12))
        let snapshot = store.snapshot(now: 12.5)

        let app1 = try server(snapshot, "app/app1")
        #expect(app1.requestRate == 12)
        #expect(app1.share == 1)
        #expect(app1.fairShare == 1)
        #expect(app1.responseRates.r2xx == 10)
        #expect(app1.responseRates.r5xx == 2)
        #expect(app1.errorRate == 2)
        #expect(app1.history.requestRate.values.count == 2)
        #expect(app1.history.requestRate.last == 12)
        let app2 = try server(snapshot, "app/app2")
        #expect(app2.requestRate == 0 && app2.share == 0 && app2.fairShare == 0)
        #expect(app2.state.kind == .drain)
        #expect(try server(snapshot, "app/app3").fairShare == 0)
        #expect(try server(snapshot, "api/api1").share == 1)

        let app = try #require(snapshot.backends.first { $0.id.proxy == "app" })
        #expect(app.requestRate == 12)
        #expect(app.errorRatio == 4.0 / 24.0)
        #expect(app.servers.map(\.server) == ["app1", "app2", "app3"])
        #expect(app.algorithm == "roundrobin")
        let web = try #require(snapshot.frontends.first { $0.id.proxy == "web" })
        #expect(web.requestRate == 0)
        #expect(snapshot.targets.map(\.health) == [.fresh])
        #expect(snapshot.targets[0].secondsSinceSuccess == 0.5)
        #expect(snapshot.targets[0].resets == 0)
    }

    @Test func fairShareCountsServingActiveServersByWeight() throws {
        var store = Store()
        let first = try sample("haproxy/show-stat-states-2.6.csv")
        store.ingest(result(first, at: 0))
        store.ingest(result(bump(first, ["tcpapp/t1": 10, "tcpapp/t2": 30], fields: [.stot]), at: 1))
        let snapshot = store.snapshot(now: 1)
        let fair = snapshot.servers.filter { $0.id.backend == "app" }.map { "\($0.id.server)=\($0.fairShare ?? -1)" }
        let third = 1.0 / 3.0
        #expect(fair == ["up1=\(third)", "drain1=0.0", "maint1=0.0", "nolb1=0.0", "l7sts1=0.0",
                         "nocheck1=\(third)", "via1=0.0", "godown1=\(third)", "goup1=0.0", "l4con1=0.0",
                         "l4tout1=0.0", "l7rsp1=0.0", "dns1=0.0", "bk1=0.0"])
        // api: agpct (weight 50) is the only serving server.
        #expect(try server(snapshot, "api/agpct").fairShare == 1)
        // TCP mode: connections/s from stot, shares from them.
        #expect(try server(snapshot, "tcpapp/t1").requestRate == 10)
        #expect(try server(snapshot, "tcpapp/t2").share == 0.75)
        #expect(try server(snapshot, "tcpapp/t2").errorRate == 0)
        // slowchk has no serving server: fair share is unknown, not a division by zero.
        #expect(try server(snapshot, "slowchk/slow1").fairShare == nil)
    }

    @Test func reloadFixturesGiveNoNegativeAndNoSpike() throws {
        var store = Store()
        let before = try sample("haproxy/show-stat-before-reload-2.6.csv")
        let after = try sample("haproxy/show-stat-after-reload-2.6.csv")
        store.ingest(result(before, at: 0))
        store.ingest(result(after, at: 1))
        let atReload = store.snapshot(now: 1)
        #expect(atReload.targets[0].resets == 1)
        #expect(atReload.servers.allSatisfy { $0.requestRate == nil && $0.share == nil })
        #expect(atReload.backends.allSatisfy { $0.requestRate == nil })

        store.ingest(result(bump(after, ["app/s1": 6, "app/s2": 4, "app/BACKEND": 10], fields: [.reqTot, .stot, .hrsp2xx]), at: 3))
        let next = store.snapshot(now: 3)
        #expect(next.targets[0].resets == 1)
        #expect(try server(next, "app/s1").requestRate == 3)
        #expect(try server(next, "app/s2").requestRate == 2)
        #expect(try server(next, "app/s1").share == 0.6)
        #expect(next.backends[0].requestRate == 5)
        let allValues = next.servers.flatMap { $0.history.requestRate.values } + next.backends.flatMap { $0.history.requestRate.values }
        #expect(allValues.filter { !$0.isNaN }.allSatisfy { $0 >= 0 && $0 <= 5 })
    }

    @Test func newProcessGenerationIsAResetEvenWhenCountersGrew() throws {
        var store = Store()
        let base = try sample("haproxy/show-stat-after-reload-2.6.csv", process: BalancerProcess(pid: 100, startTime: 1000))
        store.ingest(result(base, at: 0))
        var restarted = bump(base, ["app/s1": 500, "app/s2": 500, "app/BACKEND": 1000], fields: [.reqTot, .stot])
        restarted.process = BalancerProcess(pid: 90, startTime: 1005)
        store.ingest(result(restarted, at: 1))
        let snapshot = store.snapshot(now: 1)
        #expect(snapshot.targets[0].resets == 1)
        #expect(snapshot.servers.allSatisfy { $0.requestRate == nil })
    }

    @Test func everyServerStateAgeRestartingIsAReset() throws {
        var store = Store()
        let base = try sample("haproxy/show-stat-after-reload-2.6.csv")
        store.ingest(result(bump(base, ["app/s1": 100, "app/s2": 100], fields: [.lastchg]), at: 0))
        store.ingest(result(bump(base, ["app/s1": 1, "app/s2": 1, "app/BACKEND": 2], fields: [.reqTot, .stot]), at: 1))
        #expect(store.snapshot(now: 1).targets[0].resets == 1)
    }

    @Test func aFailedTargetIsStaleAndTheOthersGoOn() throws {
        var store = Store()
        let other = TargetID("http://127.0.0.1:9/stats;csv")
        let fixture = try sample("haproxy/show-stat-2.6.csv")
        store.ingest(result(fixture, at: 0))
        store.ingest(result(fixture, at: 0, target: other))
        store.ingest(result(bump(fixture, ["app/app1": 5], fields: [.reqTot]), at: 1))
        store.ingest(PollResult(target: other, role: .balancer, displayURL: other.rawValue, name: other.rawValue,
                                host: nil, at: 1, outcome: .failure(CollectError(.unreachable, "connection refused (127.0.0.1:9)"))))
        let snapshot = store.snapshot(now: 1)
        #expect(snapshot.targets.map(\.health) == [.fresh, .stale])
        #expect(snapshot.targets[1].lastError == "connection refused (127.0.0.1:9)")
        let healthy = snapshot.servers.filter { $0.id.target == target }
        let stale = snapshot.servers.filter { $0.id.target == other }
        #expect(healthy.allSatisfy { !$0.isStale })
        #expect(stale.count == 5 && stale.allSatisfy { $0.isStale && $0.requestRate == nil })
        #expect(stale.allSatisfy { $0.history.requestRate.values.count == 2 && $0.history.requestRate.values[1].isNaN })
        #expect(try server(snapshot, "app/app1").requestRate == 5)
    }

    @Test func serversComingAndGoingKeepTheOthersHistory() throws {
        var store = Store()
        let full = try sample("haproxy/show-stat-2.6.csv")
        store.ingest(result(full, at: 0))
        var fewer = bump(full, ["app/app1": 8, "app/BACKEND": 8], fields: [.reqTot])
        fewer.rows.removeAll { $0.name == "app2" }
        store.ingest(result(fewer, at: 2))
        let snapshot = store.snapshot(now: 2)
        #expect(snapshot.servers.map(\.id.description) == ["app/app1", "app/app3", "api/api1", "api/api2"])
        #expect(try server(snapshot, "app/app1").requestRate == 4)
        #expect(try server(snapshot, "app/app1").history.requestRate.values.count == 2)
        // Shares and a backend's members follow the new layout.
        #expect(try server(snapshot, "app/app1").share == 1 && server(snapshot, "app/app3").share == 0)
        let app = try #require(snapshot.backends.first { $0.id.proxy == "app" })
        #expect(app.servers.map(\.server) == ["app1", "app3"])
        store.ingest(result(bump(full, ["app/app1": 10, "app/BACKEND": 10], fields: [.reqTot]), at: 3))
        let back = store.snapshot(now: 3)
        #expect(back.servers.count == 5)
        #expect(try server(back, "app/app2").history.requestRate.values.count == 1)
        #expect(try server(back, "app/app2").requestRate == nil)
        #expect(try server(back, "app/app1").requestRate == 2)
        #expect(try #require(back.backends.first { $0.id.proxy == "app" }).servers.map(\.server) == ["app1", "app2", "app3"])
    }

    @Test func historyIsBoundedByCapacity() throws {
        var store = Store(options: StoreOptions(interval: 1, window: 5))
        var current = try sample("haproxy/show-stat-2.6.csv")
        for second in 0..<20 {
            store.ingest(result(current, at: Double(second)))
            current = bump(current, ["app/app1": Int64(second)], fields: [.reqTot])
        }
        let app1 = try server(store.snapshot(now: 20), "app/app1")
        #expect(app1.history.requestRate.values == [14, 15, 16, 17, 18])
    }

    @Test func aServersNewStatusAndCheckTextReachTheNextSnapshotTheOthersKeepTheirs() throws {
        var store = Store()
        let first = try sample("haproxy/show-stat-2.6.csv")
        store.ingest(result(first, at: 1))
        let before = store.snapshot(now: 1)
        var second = first
        let index = try #require(second.rows.firstIndex { $0.proxy == "app" && $0.name == "app1" })
        second.rows[index].status = "DOWN"
        second.rows[index].checkStatus = "L4CON"
        second.rows[index].lastCheck = "Connection refused"
        second.rows[index].address = "10.0.0.9:8080"
        store.ingest(result(second, at: 2))
        let after = store.snapshot(now: 2)
        let app1 = try server(after, "app/app1")
        #expect(try server(before, "app/app1").state.kind == .up && app1.state.kind == .down)
        #expect(app1.checkStatus == "L4CON" && app1.lastCheck == "Connection refused" && app1.address == "10.0.0.9:8080")
        // A server whose text did not change shares it with its previous snapshot.
        #expect(try server(after, "api/api1").text === server(before, "api/api1").text)
    }

    @Test func theSnapshotCountsServersByStateOnce() throws {
        var store = Store()
        store.ingest(result(try sample("haproxy/show-stat-2.6.csv"), at: 1))
        store.ingest(result(try sample("haproxy/show-stat-server-template-2.6.csv"), at: 1,
                            target: TargetID("http://127.0.0.1:8404/stats;csv")))
        let tally = try #require(store.snapshot(now: 1).serverTally)
        // app1 api1 web1-3 dnsweb1 up; app3 down; app2 DRAIN and api2 MAINT out; 3 empty template slots.
        #expect(tally == ServerTally(serving: 6, failed: 1, out: 2, freeSlots: 3, servers: 9))
    }

    @Test func pendingTargetsAreListedBeforeTheirFirstPoll() {
        var store = Store()
        store.register(id: target, role: .balancer, displayURL: target.rawValue)
        let snapshot = store.snapshot()
        #expect(snapshot.targets.map(\.health) == [.pending])
        #expect(snapshot.servers.isEmpty)
    }
}

@Suite struct CounterRateTests {
    @Test func backwardsIsNoRate() {
        #expect(CounterRate.perSecond(from: 100, to: 150, seconds: 2) == 25)
        #expect(CounterRate.perSecond(from: 150, to: 30, seconds: 1) == nil)
        #expect(CounterRate.perSecond(from: nil, to: 30, seconds: 1) == nil)
        #expect(CounterRate.perSecond(from: 1, to: 30, seconds: 0) == nil)
        #expect(CounterRate.delta(from: 7, to: 7, seconds: 1) == 0)
    }

    /// A counter that leaps by 2^59 in a second is a broken answer, not traffic: no rate, and no
    /// overflow from a subtraction across the whole Int64 range.
    @Test func aLeapNoTrafficCouldMakeIsNoRate() {
        #expect(CounterRate.perSecond(from: 10, to: 10 + (1 << 59), seconds: 1) == nil)
        #expect(CounterRate.perSecond(from: 0, to: 2_000_000_000_000, seconds: 2) == 1e12)
        #expect(CounterRate.delta(from: -900_000_000_000_000_000, to: .max, seconds: 1) == nil)
    }

    /// Counters read as decimals (a cache tier's INFO) follow the same rules.
    @Test func decimalCountersFollowTheSameRules() {
        #expect(CounterRate.decimalPerSecond(from: 100.0, to: 150.0, seconds: 2) == 25)
        #expect(CounterRate.decimalPerSecond(from: 150.0, to: 30.0, seconds: 1) == nil)
        #expect(CounterRate.decimalPerSecond(from: nil, to: 30.0, seconds: 1) == nil)
        #expect(CounterRate.decimalPerSecond(from: 1.0, to: 30.0, seconds: 0) == nil)
        #expect(CounterRate.decimalPerSecond(from: 0.0, to: 3e12, seconds: 1) == nil)
    }
}

extension StoreTests {
    /// Twenty servers whose request counters all leap to 9e17 in one poll: their sum would
    /// overflow Int64 (a trap that ended the dashboard) and each rate would be a spike. The leap
    /// gives no rate and no share; the next ordinary interval has rates again.
    @Test func countersLeapingOnEveryServerNeitherCrashNorSpike() {
        func sample(_ counter: (Int) -> Int64) -> BalancerSample {
            var rows = [StatRow(proxy: "app", name: "BACKEND", kind: .backend, status: "UP")]
            for index in 0..<20 {
                var row = StatRow(proxy: "app", name: "s\(index)", kind: .server, status: "UP")
                row[.reqTot] = counter(index)
                rows.append(row)
            }
            return BalancerSample(rows: rows, skippedLines: 0, process: nil)
        }
        var store = Store(options: StoreOptions(interval: 1))
        store.ingest(result(sample { _ in 0 }, at: 10))
        store.ingest(result(sample { _ in 900_000_000_000_000_000 }, at: 11))
        let leapt = store.snapshot(now: 11)
        #expect(leapt.servers.count == 20)
        #expect(leapt.servers.allSatisfy { $0.requestRate == nil && $0.share == nil })
        store.ingest(result(sample { 900_000_000_000_000_000 + Int64($0) }, at: 12))
        #expect(store.snapshot(now: 12).servers.map(\.requestRate) == (0..<20).map { Double($0) })
    }
}

@Suite struct StoreOptionsTests {
    @Test func capacityFollowsWindowAndInterval() {
        #expect(StoreOptions().capacity == 900)
        #expect(StoreOptions(interval: 0.5, window: 900).capacity == 1800)
        #expect(StoreOptions(interval: 0.1, window: 900).capacity == 3600)
        #expect(StoreOptions(interval: 1000, window: 900).capacity == 2)
    }
}
