import Foundation
import LBTopCore
import Testing

private typealias S = ScriptedSnapshots

/// `saturation-ahead` with its defaults: a forecast saturation within 10 minutes, held for 1 minute.
@Suite struct SaturationAheadRuleTests {
    static func backend(saturatingIn seconds: Double?, stale: Bool = false) -> ProxySnapshot {
        var backend = S.backend(servers: ["app1", "app2"], stale: stale)
        backend.forecast = seconds.map {
            CapacityForecast(server: ServerID(target: S.target, backend: "app", server: "app2"), resource: .sessions,
                             secondsToSaturation: $0, earliestSeconds: $0 * 0.8, latestSeconds: $0 * 1.5,
                             servers: 2, serversNeeded: 4)
        }
        return backend
    }

    @Test func aSaturationWithinTenMinutesFiresOnceHeldForAMinute() async {
        let engine = AlertEngine(rules: [S.rule("saturation-ahead")], log: InMemoryAlertLog())
        #expect(await engine.evaluate(S.snapshot(at: 0, backends: [Self.backend(saturatingIn: 420)])).states == ["pending warning"])
        #expect(await engine.evaluate(S.snapshot(at: 59, backends: [Self.backend(saturatingIn: 361)])).states == ["pending warning"])
        let fired = await engine.evaluate(S.snapshot(at: 61, backends: [Self.backend(saturatingIn: 359)]))
        #expect(fired.states == ["firing warning"])
        #expect(fired.first?.subject == "backend app")
        #expect(fired.first?.message == "backend app: app/app2 reaches its maxconn in about 5m59s (4m47s–8m59s) "
            + "at the current growth; 4 servers would keep each under 70% (2 now)")
    }

    @Test func aSaturationFurtherOffNoTrendOrAStaleBackendRaisesNothing() async {
        let engine = AlertEngine(rules: [S.rule("saturation-ahead") { $0.forSeconds = 0 }], log: InMemoryAlertLog())
        for backend in [Self.backend(saturatingIn: 601), Self.backend(saturatingIn: nil), Self.backend(saturatingIn: 30, stale: true)] {
            #expect(await engine.evaluate(S.snapshot(at: 0, backends: [backend])).isEmpty)
        }
        #expect(await engine.evaluate(S.snapshot(at: 1, backends: [Self.backend(saturatingIn: 600)])).states == ["firing warning"])
    }

    @Test func aTrendThatFadesBeforeTheMinuteRaisesNothing() async {
        let engine = AlertEngine(rules: [S.rule("saturation-ahead")], log: InMemoryAlertLog())
        _ = await engine.evaluate(S.snapshot(at: 0, backends: [Self.backend(saturatingIn: 300)]))
        #expect(await engine.evaluate(S.snapshot(at: 30, backends: [Self.backend(saturatingIn: nil)])).allSatisfy { $0.state != .firing })
        #expect(await engine.evaluate(S.snapshot(at: 70, backends: [Self.backend(saturatingIn: 300)])).states == ["pending warning"])
    }
}
