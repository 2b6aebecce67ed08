import Foundation
import LBTopCore
import Testing

private typealias S = ScriptedSnapshots

/// The tier rules on hand-built tier snapshots.
@Suite struct TierAlertRulesTests {
    static func tier(_ name: String, role: TierRole = .cache, stale: Bool = false, hitRatio: Double? = 0.9,
                     lookups: Double? = 100, hitHistory: [Double] = [], evictions: Double? = 0,
                     used: Double? = 100, max: Double? = 1000) -> TierSnapshot {
        TierSnapshot(id: TargetID("redis://\(name):6379"), name: name, kind: .redis, role: role, hitRatio: hitRatio,
                     lookupRate: lookups, usedMemoryBytes: used, maxMemoryBytes: max, evictionsPerSecond: evictions,
                     isStale: stale, history: TierHistory(hitRatio: Series(hitHistory)))
    }

    static func snapshot(at seconds: Double, _ tiers: [TierSnapshot]) -> Snapshot {
        var snapshot = S.snapshot(at: seconds)
        snapshot.targets += tiers.map {
            TargetStatus(id: $0.id, role: .tier, displayURL: $0.id.rawValue, health: $0.isStale ? .stale : .fresh,
                         lastError: $0.isStale ? "connection refused" : nil)
        }
        snapshot.tiers = tiers
        return snapshot
    }

    static func engine(_ names: [String]) -> AlertEngine {
        AlertEngine(rules: names.map { name in S.rule(name) { $0.forSeconds = 0 } }, log: InMemoryAlertLog())
    }

    @Test func aCacheDownWarnsASessionStoreDownIsCriticalAndNeitherIsATargetStale() async {
        let engine = Self.engine(["tier-down", "session-store-down", "target-stale"])
        let alerts = await engine.evaluate(Self.snapshot(at: 0, [
            Self.tier("cache1", stale: true), Self.tier("sessions", role: .sessionStore, stale: true), Self.tier("cache2"),
        ]))
        #expect(alerts.map { "\($0.rule) \($0.severity.rawValue) \($0.subject)" }.sorted() == [
            "session-store-down critical session store sessions", "tier-down warning tier cache1",
        ])
        #expect(alerts.first { $0.rule == "session-store-down" }?.message
            == "session store sessions (redis) is not answering: every server loses its sessions")
    }

    @Test func evictionsAndMemoryNearTheLimit() async {
        let engine = Self.engine(["tier-evictions", "tier-memory"])
        let alerts = await engine.evaluate(Self.snapshot(at: 0, [
            Self.tier("busy", evictions: 250, used: 995, max: 1000), Self.tier("calm", evictions: 0.5),
            Self.tier("unlimited", used: 5000, max: nil),
        ]))
        #expect(alerts.map { "\($0.rule) \($0.severity.rawValue) \($0.message)" }.sorted() == [
            "tier-evictions warning tier busy evicts 250/s keys to make room",
            "tier-memory critical tier busy uses 99.5% of its memory limit",
        ])
    }

    @Test func aHitRatioDropIsMeasuredAgainstTheTiersOwnBaseline() async {
        let engine = Self.engine(["tier-hit-ratio-drop"])
        let usual = [Double](repeating: 0.9, count: 30)
        // Another tier that always hit 40 % is at its usual: no alert for it.
        let alerts = await engine.evaluate(Self.snapshot(at: 0, [
            Self.tier("dropped", hitRatio: 0.5, hitHistory: usual + [0.5]),
            Self.tier("alwayslow", hitRatio: 0.4, hitHistory: [Double](repeating: 0.4, count: 31)),
            Self.tier("young", hitRatio: 0.1, hitHistory: [0.9, 0.1]),
            Self.tier("quiet", hitRatio: 0, lookups: 0.5, hitHistory: usual + [0]),
        ]))
        #expect(alerts.map(\.subject) == ["tier dropped"])
        #expect(alerts.first?.severity == .warning)
        #expect(alerts.first?.message == "tier dropped hits 50.0% of lookups, its usual is 90.0%")
        #expect(abs((alerts.first?.value ?? 0) - 0.4) < 1e-3, "0.9 − 0.5, the baseline as the series keeps it")
    }

    @Test func aStaleTierMeasuresNothingButDown() async {
        let engine = Self.engine(["tier-evictions", "tier-memory", "tier-hit-ratio-drop"])
        let alerts = await engine.evaluate(Self.snapshot(at: 0, [Self.tier("gone", stale: true, evictions: 99, used: 999)]))
        #expect(alerts.isEmpty)
    }
}

/// `persistence-imbalance` against `imbalance`: a server over its fair share mostly by persistence
/// raises the first only.
@Suite struct PersistenceImbalanceRuleTests {
    @Test func stickyUsersRaisePersistenceImbalanceNotImbalance() async {
        var servers = S.spread([0.75, 0.25 / 3, 0.25 / 3, 0.25 / 3])
        servers[0].persistentShare = 0.95
        servers[0].usesPersistence = true
        var byAlgorithm = S.spread([0.75, 0.25 / 3, 0.25 / 3, 0.25 / 3], backend: "api")
        byAlgorithm[0].persistentShare = 0.1
        let engine = AlertEngine(rules: ["imbalance", "persistence-imbalance"].map { name in S.rule(name) { $0.forSeconds = 0 } },
                                 log: InMemoryAlertLog())
        let alerts = await engine.evaluate(S.snapshot(at: 0, servers: servers + byAlgorithm))
        #expect(alerts.map { "\($0.rule) \($0.subject)" }.sorted() == ["imbalance api/api1", "persistence-imbalance app/app1"])
        #expect(alerts.first { $0.rule == "persistence-imbalance" }?.message
            == "app/app1 takes 75.0% of app's traffic, fair share by weight 25.0%, 95.0% of it by persistence: sticky users, not the algorithm")
    }
}
