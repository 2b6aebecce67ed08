import Foundation
import Testing
@testable import LBTopCore

/// A collector that answers after `delay` seconds and records how many of its polls overlap.
final class ScriptedCollector: Collector, @unchecked Sendable {
    let id: TargetID
    let role = TargetStatus.Role.balancer
    var displayURL: String { id.rawValue }
    private let delay: Double
    private let hang: Bool
    private let body: [UInt8]
    let decoder = PayloadDecoder.haproxyCSV
    private let lock = NSLock()
    private var running = 0
    private(set) var maxConcurrent = 0
    private(set) var calls = 0

    /// `body` defaults to a captured HAProxy 2.6 stats CSV (5 servers).
    init(_ name: String, delay: Double = 0, hang: Bool = false, body: [UInt8]? = nil) {
        self.id = TargetID(name)
        self.delay = delay
        self.hang = hang
        self.body = body ?? ((try? Fixture.bytes("haproxy/show-stat-2.6.csv")) ?? [])
    }

    func fetch() async throws -> [UInt8] {
        lock.withLock {
            running += 1
            calls += 1
            maxConcurrent = max(maxConcurrent, running)
        }
        defer { lock.withLock { running -= 1 } }
        if hang {
            // Ignores cancellation on purpose: the poller must not wait for it.
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
        }
        if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
        return body
    }
}

@Suite struct PollerTests {
    @Test func aHangingTargetTimesOutAndTheOthersAnswer() async throws {
        let hanging = ScriptedCollector("hang", hang: true)
        let quick = ScriptedCollector("quick")
        // 2 s, not less: the quick one must answer within it while every other suite starts.
        let poller = Poller(collectors: [hanging, quick], interval: 1, timeout: 2)
        let results = await poller.pollAll()
        #expect(results.map(\.target.rawValue) == ["hang", "quick"])
        guard case .failure(let error) = results[0].outcome else { Issue.record("expected a timeout"); return }
        #expect(error == CollectError(.timeout, "timed out after 2s"))
        guard case .success = results[1].outcome else { Issue.record("expected success"); return }
    }

    @Test func aBusyTargetSkipsTicksInsteadOfOverlapping() async throws {
        let slow = ScriptedCollector("slow", delay: 0.25)
        let poller = Poller(collectors: [slow], interval: 0.05, timeout: 2)
        let delivered = Counter()
        let task = Task { await poller.run { _ in delivered.increment() } }
        // Each poll takes five intervals; wait for three of them (bounded, not timed).
        for _ in 0..<400 where delivered.value < 3 {
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        task.cancel()
        await task.value
        #expect(delivered.value >= 3)
        #expect(slow.maxConcurrent == 1)
        #expect(delivered.value <= slow.calls)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// Records what the monitor hands it and answers with one alert per snapshot.
actor RecordingAlerts: AlertEvaluating {
    private(set) var evaluated: [Snapshot] = []
    private(set) var acknowledged: [String] = []

    func evaluate(_ snapshot: Snapshot) async -> [Alert] {
        evaluated.append(snapshot)
        let state: AlertState = acknowledged.contains("rule|x") ? .acknowledged : .firing
        return [Alert(id: "rule|x", rule: "rule", severity: .warning, state: state, subject: "x",
                      message: "servers: \(snapshot.servers.count)", since: snapshot.time, changedAt: snapshot.time)]
    }

    func acknowledge(_ alertIDs: [String], by user: String) async { acknowledged += alertIDs }
}

@Suite struct MonitorTests {
    @Test func pollTwicePublishesASnapshotWithAlerts() async throws {
        let alerts = RecordingAlerts()
        let monitor = Monitor(collectors: [ScriptedCollector("a"), ScriptedCollector("b", hang: true)],
                              options: MonitorOptions(interval: 0.1, timeout: 0.2), alerts: alerts)
        let pending = await monitor.latestSnapshot()
        #expect(pending.targets.map(\.health) == [.pending, .pending])
        let snapshot = await monitor.pollTwice()
        #expect(snapshot.targets.map(\.health) == [.fresh, .stale])
        #expect(snapshot.targets[1].lastError == "timed out after 200ms")
        #expect(snapshot.servers.count == 5)
        #expect(snapshot.alerts.map(\.message) == ["servers: 5"])
        #expect(await alerts.evaluated.count == 1)
        let latest = await monitor.latestSnapshot()
        #expect(latest.alerts.map(\.state) == [.firing])

        await monitor.acknowledge(["rule|x"], by: "alice")
        #expect(await alerts.acknowledged == ["rule|x"])
        #expect(await monitor.latestSnapshot().alerts.map(\.state) == [.acknowledged])
    }

    @Test func backgroundPollingFeedsUpdates() async throws {
        let monitor = Monitor(collectors: [ScriptedCollector("a")], options: MonitorOptions(interval: 0.05))
        let updates = await monitor.updates()
        await monitor.start()
        var seen = 0
        for await snapshot in updates {
            #expect(snapshot.targets.first?.health == .fresh)
            seen += 1
            if seen == 3 { break }
        }
        await monitor.stop()
        #expect(seen == 3)
        #expect(await monitor.latestSnapshot().servers.count == 5)
    }
}
