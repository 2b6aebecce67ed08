import Foundation
import LBTopCore
import Testing

private typealias S = ScriptedSnapshots

@Suite struct AlertEngineTests {
    @Test func forDurationIsRespected() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("server-down") { $0.forSeconds = 10 }], log: log)
        let down = [S.server("app1", state: .down)]

        #expect(await engine.evaluate(S.snapshot(at: 0, servers: down)).states == ["pending warning"])
        #expect(await engine.evaluate(S.snapshot(at: 5, servers: down)).states == ["pending warning"])
        #expect(await engine.evaluate(S.snapshot(at: 9.9, servers: down)).states == ["pending warning"])
        #expect(log.records.isEmpty)

        let fired = await engine.evaluate(S.snapshot(at: 10, servers: down))
        #expect(fired.states == ["firing warning"])
        #expect(fired.first?.since == S.at(0))
        #expect(fired.first?.subject == "app/app1")
        #expect(log.records.states == ["firing warning"])
    }

    @Test func aBreachShorterThanForNeverFires() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("server-down") { $0.forSeconds = 10 }], log: log)
        _ = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        _ = await engine.evaluate(S.snapshot(at: 5, servers: [S.server("app1", state: .up)]))
        let later = await engine.evaluate(S.snapshot(at: 12, servers: [S.server("app1", state: .down)]))
        #expect(later.states == ["pending warning"])
        #expect(later.first?.since == S.at(12))
        #expect(log.records.isEmpty)
    }

    @Test func hysteresisPreventsFlapping() async {
        let values = [0.06, 0.049, 0.051, 0.048, 0.052, 0.046, 0.055]
        func run(hysteresis: Double) async -> [String] {
            let log = InMemoryAlertLog()
            let rule = S.rule("error-ratio") { $0.forSeconds = 0; $0.hysteresis = hysteresis; $0.critical = nil }
            let engine = AlertEngine(rules: [rule], log: log)
            for (second, value) in values.enumerated() {
                _ = await engine.evaluate(S.snapshot(at: Double(second), backends: [S.backend(errorRatio: value)]))
            }
            _ = await engine.evaluate(S.snapshot(at: 100, backends: [S.backend(errorRatio: 0.01)]))
            return log.records.states
        }
        // Hovering around 5 % with a 10 % band (clears below 4.5 %): one alert, resolved once.
        #expect(await run(hysteresis: 0.1) == ["firing warning", "resolved warning"])
        // Without the band the same values flap on every crossing.
        #expect(await run(hysteresis: 0).count == 8)
    }

    @Test func imbalanceFiresForOneServerAtThreeTimesItsFairShare() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("imbalance") { $0.forSeconds = 0 }], log: log)
        // Four equal servers: fair share 25 % each; app1 takes 75 % (3×), the others 8.3 %.
        let servers = S.spread([0.75, 0.25 / 3, 0.25 / 3, 0.25 / 3])
        let alerts = await engine.evaluate(S.snapshot(at: 0, servers: servers))
        #expect(alerts.map(\.subject) == ["app/app1"])
        #expect(alerts.first?.value == 3)
        #expect(alerts.first?.threshold == 2)
        #expect(alerts.first?.valueText == "3.0×")
        #expect(alerts.first?.message == "app/app1 takes 75.0% of app's traffic, fair share by weight 25.0%")
    }

    @Test func imbalanceIgnoresAWeightedServerGettingItsWeightedShare() async {
        let engine = AlertEngine(rules: [S.rule("imbalance") { $0.forSeconds = 0 }], log: InMemoryAlertLog())
        // Weights 6, 1, 1: the heavy server's 75 % is exactly its share by weight.
        let servers = S.spread([0.75, 0.125, 0.125], weights: [6, 1, 1])
        #expect(await engine.evaluate(S.snapshot(at: 0, servers: servers)).isEmpty)
    }

    @Test func imbalanceIgnoresBackendsWithNegligibleTraffic() async {
        let engine = AlertEngine(rules: [S.rule("imbalance") { $0.forSeconds = 0 }], log: InMemoryAlertLog())
        let servers = S.spread([0.75, 0.25 / 3, 0.25 / 3, 0.25 / 3], backendRate: 0.5)
        #expect(await engine.evaluate(S.snapshot(at: 0, servers: servers)).isEmpty)
    }

    @Test func aCounterResetRaisesNothing() async {
        let log = InMemoryAlertLog()
        let rules = BuiltInAlertRules.all.map { rule -> AlertRule in var rule = rule; rule.forSeconds = 0; return rule }
        let engine = AlertEngine(rules: rules, log: log)
        // After a reload every rate is unknown and rtime reads 0.
        let reloaded = ["app1", "app2", "app3"].map {
            S.server($0, rate: nil, share: nil, fairShare: 1.0 / 3, responseTimeMs: 0, queue: 0)
        }
        for second in 0..<60 {
            let backend = S.backend(rate: nil, errorRatio: nil, servers: ["app1", "app2", "app3"])
            let snapshot = S.snapshot(at: Double(second), servers: reloaded, backends: [backend])
            #expect(await engine.evaluate(snapshot).isEmpty)
        }
        #expect(log.records.isEmpty)
    }

    @Test func aCounterResetNeitherFiresNorResolvesAnImbalance() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("imbalance") { $0.forSeconds = 0 }], log: log)
        _ = await engine.evaluate(S.snapshot(at: 0, servers: S.spread([0.75, 0.25 / 3, 0.25 / 3, 0.25 / 3])))
        let reset = ["app1", "app2", "app3", "app4"].map { S.server($0, rate: nil, share: nil, fairShare: 0.25) }
        #expect(await engine.evaluate(S.snapshot(at: 1, servers: reset)).states == ["firing warning"])
        #expect(log.records.states == ["firing warning"])
    }

    @Test func escalationReFiresAnAcknowledgedAlert() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("error-ratio") { $0.forSeconds = 0 }], log: log,
                                 now: { S.at(1.5) })
        let warning = await engine.evaluate(S.snapshot(at: 0, backends: [S.backend(errorRatio: 0.10)]))
        #expect(warning.states == ["firing warning"])

        await engine.acknowledge([warning[0].id], by: "oncall")
        let acknowledged = await engine.evaluate(S.snapshot(at: 1, backends: [S.backend(errorRatio: 0.12)]))
        #expect(acknowledged.states == ["acknowledged warning"])
        #expect(acknowledged.first?.acknowledgedBy == "oncall")

        let escalated = await engine.evaluate(S.snapshot(at: 2, backends: [S.backend(errorRatio: 0.40)]))
        #expect(escalated.states == ["firing critical"])
        #expect(escalated.first?.acknowledgedBy == nil)
        #expect(log.records.states == ["firing warning", "acknowledged warning", "firing critical"])
        #expect(log.records.map(\.acknowledgedBy) == [nil, "oncall", nil])
        #expect(log.records.map(\.time) == [S.at(0), S.at(1.5), S.at(2)])
    }

    @Test func deEscalatingAndReturningDoesNotReFireWhatWasAcknowledgedAtCritical() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("error-ratio") { $0.forSeconds = 0 }], log: log)
        let critical = await engine.evaluate(S.snapshot(at: 0, backends: [S.backend(errorRatio: 0.40)]))
        await engine.acknowledge(critical.map(\.id), by: "oncall")
        #expect(await engine.evaluate(S.snapshot(at: 1, backends: [S.backend(errorRatio: 0.10)])).states
            == ["acknowledged warning"])
        #expect(await engine.evaluate(S.snapshot(at: 2, backends: [S.backend(errorRatio: 0.40)])).states
            == ["acknowledged critical"])
    }

    @Test func resolvedAlertsStayInABoundedRecentList() async {
        let engine = AlertEngine(rules: [S.rule("server-down")], log: InMemoryAlertLog(), recentLimit: 2)
        let names = ["app1", "app2", "app3"]
        _ = await engine.evaluate(S.snapshot(at: 0, servers: names.map { S.server($0, state: .down) }))
        for resolvedCount in 1...names.count {   // app1, then app2, then app3 come back up
            let servers = names.enumerated().map { S.server($1, state: $0 < resolvedCount ? .up : .down) }
            _ = await engine.evaluate(S.snapshot(at: Double(resolvedCount), servers: servers))
        }
        let alerts = await engine.evaluate(S.snapshot(at: 10, servers: names.map { S.server($0) }))
        #expect(alerts.map(\.subject) == ["app/app3", "app/app2"])
        #expect(alerts.states == ["resolved warning", "resolved warning"])
    }

    @Test func staleDataHoldsAlertsAndAFreshTargetWithoutTheSubjectResolvesThem() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("server-down")], log: log)
        _ = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        #expect(await engine.evaluate(S.snapshot(at: 1, servers: [S.server("app1", state: .up, stale: true)])).states
            == ["firing warning"])
        #expect(await engine.evaluate(S.snapshot(at: 2, health: .stale)).states == ["firing warning"])
        #expect(await engine.evaluate(S.snapshot(at: 3)).states == ["resolved warning"])
        #expect(log.records.states == ["firing warning", "resolved warning"])
    }

    @Test func aServerInMaintenanceIsNotDown() async {
        let engine = AlertEngine(rules: [S.rule("server-down")], log: InMemoryAlertLog())
        let servers = [S.server("app1", state: .maint), S.server("app2", state: .drain)]
        #expect(await engine.evaluate(S.snapshot(at: 0, servers: servers)).isEmpty)
    }

    @Test func checksFailingFiresForAFailedCheckButNotBeforeTheFirstCheckEnds() async {
        let engine = AlertEngine(rules: [S.rule("checks-failing") { $0.forSeconds = 0 }], log: InMemoryAlertLog())
        let failing = ServerState.Transition(step: 2, of: 3)
        let starting = ServerState.Transition(step: 1, of: 3)
        // Right after HAProxy starts or reloads every checked server shows `UP 1/3` with check
        // status INI (`* INI` while the check runs) until its first check ends: nothing failed yet.
        let servers = [S.server("app1", transition: failing, checkStatus: "L4TOUT"),
                       S.server("app2", transition: starting, checkStatus: "INI"),
                       S.server("app3", transition: starting, checkStatus: "* INI")]
        let alerts = await engine.evaluate(S.snapshot(at: 0, servers: servers))
        #expect(alerts.map(\.subject) == ["app/app1"])
    }

    @Test func backendDownIsCritical() async {
        let engine = AlertEngine(rules: BuiltInAlertRules.all, log: InMemoryAlertLog())
        let servers = [S.server("app1", state: .down, rate: 0), S.server("app2", state: .down, rate: 0)]
        let alerts = await engine.evaluate(S.snapshot(at: 0, servers: servers,
                                                      backends: [S.backend(status: "DOWN", servers: ["app1", "app2"])]))
        #expect(alerts.map(\.rule).sorted() == ["backend-down", "server-down", "server-down"])
        #expect(alerts.first { $0.rule == "backend-down" }?.severity == .critical)
    }

    @Test func latencyAgainstItsOwnBaseline() async {
        let engine = AlertEngine(rules: [S.rule("latency-baseline") { $0.forSeconds = 0 }], log: InMemoryAlertLog())
        let usual = Array(repeating: 40.0, count: 40) + [0, 0]
        let normal = S.server("app1", responseTimeMs: 45, rtimeHistory: usual)
        #expect(await engine.evaluate(S.snapshot(at: 0, servers: [normal])).isEmpty)
        let slow = S.server("app1", responseTimeMs: 400, rtimeHistory: usual + [400])
        let alerts = await engine.evaluate(S.snapshot(at: 1, servers: [slow]))
        #expect(alerts.map(\.value) == [10])
        #expect(alerts.first?.message == "app/app1 responds in 400 ms, its usual is 40 ms")
    }

    @Test func nodeCPUAndTargetStale() async {
        let engine = AlertEngine(rules: BuiltInAlertRules.all.map { var r = $0; r.forSeconds = 0; return r },
                                 log: InMemoryAlertLog())
        let node = NodeSnapshot(id: NodeID("local"), name: "web1", cpuPercent: 99, memoryPercent: 50)
        let alerts = await engine.evaluate(S.snapshot(at: 0, nodes: [node], health: .stale))
        #expect(Set(alerts.map { "\($0.rule) \($0.severity.rawValue) \($0.subject)" })
            == ["node-cpu critical node web1", "target-stale warning \(S.target.rawValue)"])
    }

    @Test func acknowledgementsAreRestoredAfterARestart() async throws {
        let log = InMemoryAlertLog()
        let down = S.snapshot(at: 0, servers: [S.server("app1", state: .down)])
        let first = AlertEngine(rules: [S.rule("server-down")], log: log, now: { S.at(1) })
        let fired = await first.evaluate(down)
        await first.acknowledge(fired.map(\.id), by: "oncall")

        let restarted = AlertEngine(rules: [S.rule("server-down") { $0.forSeconds = 30 }], log: log)
        let again = await restarted.evaluate(S.snapshot(at: 100, servers: [S.server("app1", state: .down)]))
        #expect(again.states == ["acknowledged warning"])
        #expect(again.first?.acknowledgedBy == "oncall")
        #expect(again.first?.since == S.at(0))
        #expect(log.records.states == ["firing warning", "acknowledged warning", "acknowledged warning"])
    }

    @Test func aRestoredAcknowledgementWaitsForItsOwnTargetWhileOthersAreWatched() async {
        let log = InMemoryAlertLog()
        let first = AlertEngine(rules: [S.rule("server-down")], log: log, now: { S.at(1) })
        await first.acknowledge(await first.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)])).map(\.id),
                                by: "oncall")

        // Restarted against another balancer first: its servers neither use nor close the record.
        let other = TargetID("http://127.0.0.1:9999/stats;csv")
        let restarted = AlertEngine(rules: [S.rule("server-down")], log: log)
        let otherSnapshot = Snapshot(time: S.at(50), targets: [TargetStatus(id: other, role: .balancer,
                                                                            displayURL: other.rawValue, health: .fresh)],
                                     servers: [ServerSnapshot(id: ServerID(target: other, backend: "app", server: "app1"),
                                                              state: ServerState(kind: .up))])
        #expect(await restarted.evaluate(otherSnapshot).isEmpty)
        let again = await restarted.evaluate(S.snapshot(at: 100, servers: [S.server("app1", state: .down)]))
        #expect(again.states == ["acknowledged warning"])
        #expect(again.first?.acknowledgedBy == "oncall")
    }

    @Test func aRestoredAcknowledgementEndsWhenTheConditionIsClear() async {
        let log = InMemoryAlertLog()
        let first = AlertEngine(rules: [S.rule("server-down")], log: log)
        let fired = await first.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        await first.acknowledge(fired.map(\.id), by: "oncall")

        let restarted = AlertEngine(rules: [S.rule("server-down")], log: log)
        #expect(await restarted.evaluate(S.snapshot(at: 50, servers: [S.server("app1")])).isEmpty)
        #expect(await restarted.evaluate(S.snapshot(at: 60, servers: [S.server("app1", state: .down)])).states
            == ["firing warning"])
        #expect(log.records.states
            == ["firing warning", "acknowledged warning", "resolved warning", "firing warning"])
    }

    @Test func onlyFiringAlertsCanBeAcknowledged() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("server-down") { $0.forSeconds = 10 }], log: log)
        let pending = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        await engine.acknowledge(pending.map(\.id) + ["no-such-alert"], by: "oncall")
        #expect(await engine.alerts().states == ["pending warning"])
        #expect(log.records.isEmpty)
    }

    @Test func anOlderSnapshotArrivingLateChangesNothing() async {
        let log = InMemoryAlertLog()
        let engine = AlertEngine(rules: [S.rule("server-down")], log: log)
        _ = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        _ = await engine.evaluate(S.snapshot(at: 2, servers: [S.server("app1")]))
        let late = await engine.evaluate(S.snapshot(at: 1, servers: [S.server("app1", state: .down)]))
        #expect(late.states == ["resolved warning"])
        #expect(log.records.states == ["firing warning", "resolved warning"])
    }

    @Test func aRestoredAcknowledgementForASubjectNoLongerThereIsClosed() async {
        let log = InMemoryAlertLog()
        let first = AlertEngine(rules: [S.rule("server-down")], log: log)
        let fired = await first.evaluate(S.snapshot(at: 0, servers: [S.server("old1", state: .down)]))
        await first.acknowledge(fired.map(\.id), by: "oncall")

        let restarted = AlertEngine(rules: [S.rule("server-down")], log: log)
        // The target does not answer yet: nothing is known about old1, the acknowledgement waits.
        #expect(await restarted.evaluate(S.snapshot(at: 10, health: .stale)).isEmpty)
        #expect(log.records.count == 2)
        // It answers, without old1: the acknowledgement is closed in the log.
        #expect(await restarted.evaluate(S.snapshot(at: 11, servers: [S.server("app1")])).isEmpty)
        #expect(log.records.states == ["firing warning", "acknowledged warning", "resolved warning"])
        #expect(log.records.last?.subject == "app/old1")
    }
}
