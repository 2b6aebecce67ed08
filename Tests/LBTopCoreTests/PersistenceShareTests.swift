import Foundation
import Testing
@testable import LBTopCore

/// A server's persistent share: HAProxy counts a request routed by a cookie or a stick table in
/// `stot` but not in `lbtot` (FORMATS 1.3).
@Suite struct PersistenceShareTests {
    let target = TargetID("unix:///run/haproxy.sock")

    func result(_ sample: BalancerSample, at time: Double) -> PollResult {
        PollResult(target: target, role: .balancer, displayURL: target.rawValue, name: target.rawValue, host: nil,
                   at: time, outcome: .success(.balancer(sample)))
    }

    /// `sample` with `stot`/`req_tot` of each named row raised by `streams` and `lbtot` by `balanced`.
    func traffic(_ sample: BalancerSample, _ counts: [String: (streams: Int64, balanced: Int64)]) -> BalancerSample {
        var copy = sample
        for index in copy.rows.indices {
            let row = copy.rows[index]
            guard let count = counts["\(row.proxy)/\(row.name)"] else { continue }
            copy.rows[index][.stot] = (row[.stot] ?? 0) + count.streams
            copy.rows[index][.reqTot] = (row[.reqTot] ?? 0) + count.streams
            copy.rows[index][.lbtot] = (row[.lbtot] ?? 0) + count.balanced
        }
        return copy
    }

    @Test func theShareRoutedByPersistenceIsStreamsLessBalancedOfStreams() throws {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv"))
        let first = BalancerSample(rows: stats.rows, skippedLines: 0)
        var store = Store(options: StoreOptions(interval: 1))
        store.ingest(result(first, at: 0))
        #expect(store.snapshot(now: 0).servers.allSatisfy { $0.persistentShare == nil && !$0.usesPersistence })
        // app1: 30 requests, 3 of them chosen by the algorithm; api1: 10, all by the algorithm.
        store.ingest(result(traffic(first, ["app/app1": (30, 3), "api/api1": (10, 10), "app/BACKEND": (30, 3)]), at: 1))
        let snapshot = store.snapshot(now: 1)
        let app1 = try #require(snapshot.servers.first { $0.id.description == "app/app1" })
        let api1 = try #require(snapshot.servers.first { $0.id.description == "api/api1" })
        let app2 = try #require(snapshot.servers.first { $0.id.description == "app/app2" })
        #expect(app1.persistentShare == 0.9 && app1.usesPersistence)
        #expect(api1.persistentShare == 0 && !api1.usesPersistence)
        #expect(app2.persistentShare == nil, "no request this interval: no share")
        #expect(snapshot.backends.map(\.persistenceCookie) == [nil, "SRV"], "the capture's api backend has `cookie SRV`")
    }

    @Test func retriesCountingMoreBalancedThanStreamsReadZeroNotNegative() throws {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv"))
        let first = BalancerSample(rows: stats.rows, skippedLines: 0)
        var store = Store(options: StoreOptions(interval: 1))
        store.ingest(result(first, at: 0))
        store.ingest(result(traffic(first, ["app/app1": (5, 8)]), at: 1))
        #expect(store.snapshot(now: 1).servers.first { $0.id.description == "app/app1" }?.persistentShare == 0)
    }
}
