import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// Poll → change haproxy → poll, through the same collectors and store the binary uses.
    @Suite struct HAProxyLiveChangesTests {
        /// Polls every collector once and feeds the store.
        private func poll(_ collectors: [any Collector], into store: inout Store) async {
            let poller = Poller(collectors: collectors, interval: 1, timeout: 10)
            for result in await poller.pollAll() { store.ingest(result) }
        }

        private func collectors(_ haproxy: HAProxyProcess) throws -> [any Collector] {
            try [haproxy.statsURL, haproxy.socketURL].map { try HAProxyCollector(url: TargetURL($0)) }
        }

        @Test func disableServerShowsMaintOnTheNextPoll() async throws {
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2"])]) }
            defer { haproxy.stop() }
            let collectors = try collectors(haproxy)
            var store = Store()
            await poll(collectors, into: &store)
            let first = store.snapshot()
            #expect(first.servers.map(\.state.label) == ["UP", "UP", "UP", "UP"], "\(first.targets.map(\.lastError))")

            let answer = try await offPool { try haproxy.command("disable server app/app2") }
            #expect(answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            await poll(collectors, into: &store)
            let snapshot = store.snapshot()
            #expect(snapshot.targets.map(\.health) == [.fresh, .fresh], "\(snapshot.targets.map(\.lastError))")
            #expect(snapshot.servers.map { "\($0.id.server)=\($0.state.label)" } == ["app1=UP", "app2=MAINT", "app1=UP", "app2=MAINT"])
            #expect(snapshot.servers.filter { $0.id.server == "app2" }.allSatisfy { $0.fairShare == 0 })
        }

        @Test func reloadGivesNoNegativeAndNoSpikingRate() async throws {
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["s1", "s2"])]) }
            defer { haproxy.stop() }
            let collectors = try collectors(haproxy)
            var store = Store()
            let started = Date()
            await poll(collectors, into: &store)
            try await offPool { try haproxy.sendRequests(40, to: "app") }
            try await Task.sleep(nanoseconds: 300_000_000)
            await poll(collectors, into: &store)
            let oldPid = haproxy.pid

            try await offPool { try haproxy.reload() }
            #expect(haproxy.pid != oldPid)
            try await offPool { try haproxy.sendRequests(10, to: "app") }
            await poll(collectors, into: &store)
            try await offPool { try haproxy.sendRequests(10, to: "app") }
            try await Task.sleep(nanoseconds: 300_000_000)
            await poll(collectors, into: &store)

            let snapshot = store.snapshot()
            let elapsed = Date().timeIntervalSince(started)
            #expect(snapshot.targets.map(\.health) == [.fresh, .fresh])
            // The socket sees the new Pid; the page sees counters going backwards.
            #expect(snapshot.targets.allSatisfy { $0.resets >= 1 }, "resets: \(snapshot.targets.map(\.resets))")
            // Never more than every request sent over the shortest interval: 60 requests in total,
            // each interval at least 0.3 s long, so 200/s bounds any honest rate.
            let series = snapshot.servers.flatMap { $0.history.requestRate.values } + snapshot.backends.flatMap { $0.history.requestRate.values }
            let known = series.filter { !$0.isNaN }
            #expect(!known.isEmpty)
            #expect(known.allSatisfy { $0 >= 0 && $0 <= 200 }, "rates: \(known) over \(elapsed)s")
            // After the reload the last interval saw 10 requests split over s1 and s2.
            let lastRates = snapshot.servers.compactMap(\.requestRate)
            #expect(lastRates.count == 4)
            let backendRates = snapshot.backends.compactMap(\.requestRate)
            #expect(backendRates.count == 2 && backendRates.allSatisfy { $0 > 0 })
            #expect(snapshot.servers.allSatisfy { $0.state.kind == .up })
        }
    }
}
