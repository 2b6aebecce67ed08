import Foundation
import LBTopCore
import Testing

/// Weight advice on scripted snapshots: a minute of one value per second per server.
@Suite struct WeightAdvisorTests {
    static let target = ScriptedSnapshots.target
    static let backend = ProxyID(target: target, proxy: "app")

    /// A server with `seconds` polls of `rate` req/s and the response times `rtime(i)`.
    static func server(_ name: String, rate: Double = 20, seconds: Int = 60, weight: Int = 1,
                       rtime: (Int) -> Double) -> ServerSnapshot {
        ServerSnapshot(id: ServerID(target: target, backend: "app", server: name), state: ServerState(kind: .up),
                       weight: weight, requestRate: rate, responseTimeMs: rtime(seconds - 1),
                       history: ServerHistory(requestRate: Series(Array(repeating: rate, count: seconds)),
                                              responseTimeMs: Series((0..<seconds).map(rtime))))
    }

    static func snapshot(_ servers: [ServerSnapshot]) -> Snapshot {
        var snapshot = ScriptedSnapshots.snapshot(at: 60, servers: servers,
                                                  backends: [ScriptedSnapshots.backend(servers: servers.map(\.id.server))])
        snapshot.interval = 1
        return snapshot
    }

    /// Deterministic noise in ±`amplitude` × value, different per server and second.
    static func noisy(_ value: Double, _ amplitude: Double, seed: Int) -> (Int) -> Double {
        { second in
            let x = sin(Double(second * 7919 + seed * 104_729)) * 43758.5453
            return value * (1 + amplitude * (2 * (x - x.rounded(.down)) - 1))
        }
    }

    @Test func aServerThreeTimesSlowerPerRequestIsAdvisedAThirdOfTheWeight() throws {
        let snapshot = Self.snapshot([Self.server("app1", rtime: Self.noisy(30, 0.1, seed: 1)),
                                      Self.server("app2", rtime: Self.noisy(30, 0.1, seed: 2)),
                                      Self.server("app3", rtime: Self.noisy(90, 0.1, seed: 3))])
        guard case .advice(let advice) = WeightAdvisor().advise(backend: Self.backend, in: snapshot) else {
            Issue.record("expected advice, got \(WeightAdvisor().advise(backend: Self.backend, in: snapshot))")
            return
        }
        #expect(advice.basis == .responseTime)
        #expect(advice.lines.map(\.weight) == [10, 10, 3])
        #expect(advice.lines.map(\.weightBefore) == [1, 1, 1])
        #expect(advice.lines.count == 3)
        #expect(advice.lines[2].reason.hasPrefix("app3: "))
        #expect(advice.lines[2].reason.contains("× app1"))
        #expect(advice.lines[2].reason.hasSuffix("weight 1 → 3"))
        #expect(advice.lines[0].reason.contains("the cheapest"))
    }

    @Test func noiseAroundTheSameCostGivesNoAdvice() {
        let snapshot = Self.snapshot([Self.server("app1", rtime: Self.noisy(30, 0.3, seed: 4)),
                                      Self.server("app2", rtime: Self.noisy(33, 0.3, seed: 5)),
                                      Self.server("app3", rtime: Self.noisy(28, 0.3, seed: 6))])
        guard case .none(let reason) = WeightAdvisor().advise(backend: Self.backend, in: snapshot) else {
            Issue.record("noise must not give advice")
            return
        }
        #expect(reason.contains("within 1.5×"))
    }

    @Test func tooFewRequestsGiveNoAdvice() {
        let snapshot = Self.snapshot([Self.server("app1", rate: 20, rtime: { _ in 30 }),
                                      Self.server("app2", rate: 1, rtime: { _ in 90 })])
        guard case .none(let reason) = WeightAdvisor().advise(backend: Self.backend, in: snapshot) else {
            Issue.record("60 requests in a minute must not be enough")
            return
        }
        #expect(reason.contains("too few requests: app2 answered 60"))
    }

    @Test func lessThanAMinuteOfDataGivesNoAdvice() {
        let snapshot = Self.snapshot([Self.server("app1", seconds: 40, rtime: { _ in 30 }),
                                      Self.server("app2", seconds: 40, rtime: { _ in 90 })])
        guard case .none(let reason) = WeightAdvisor().advise(backend: Self.backend, in: snapshot) else {
            Issue.record("40 s of data must not be enough")
            return
        }
        #expect(reason.contains("less than 60 s"))
    }

    @Test func aCostThatMovedWithinTheMinuteGivesNoAdvice() {
        let snapshot = Self.snapshot([Self.server("app1", rtime: { _ in 30 }),
                                      Self.server("app2", rtime: { $0 < 30 ? 40 : 120 })])
        guard case .none(let reason) = WeightAdvisor().advise(backend: Self.backend, in: snapshot) else {
            Issue.record("a cost that tripled half-way is not stable")
            return
        }
        #expect(reason.contains("not stable"))
    }

    @Test func weightsThatAlreadyMatchTheCostsGiveNoAdvice() {
        let snapshot = Self.snapshot([Self.server("app1", weight: 10, rtime: { _ in 30 }),
                                      Self.server("app2", weight: 3, rtime: { _ in 90 })])
        guard case .none(let reason) = WeightAdvisor().advise(backend: Self.backend, in: snapshot) else {
            Issue.record("nothing to change")
            return
        }
        #expect(reason.contains("already match"))
    }

    @Test func applyingTheAdviceSendsOneWeightPerServerAndAuditsEach() async throws {
        let snapshot = Self.snapshot([Self.server("app1", rtime: { _ in 30 }), Self.server("app2", rtime: { _ in 30 }),
                                      Self.server("app3", rtime: { _ in 90 })])
        guard case .advice(let advice) = WeightAdvisor().advise(backend: Self.backend, in: snapshot) else {
            Issue.record("expected advice")
            return
        }
        let transport = RecordingTransport()
        let log = InMemoryAlertLog()
        let executor = ActionExecutor(policy: ActionPolicy([Self.target: transport]), collectors: [],
                                      audit: ActionAudit(log: log))
        let records = await executor.perform(advice.request, confirmed: true, in: snapshot, by: "alice")
        #expect(transport.sent == ["set server app/app1 weight 10", "set server app/app2 weight 10",
                                   "set server app/app3 weight 3"])
        #expect(records.map(\.outcome) == [.done, .done, .done])
        #expect(log.actions.map(\.command) == transport.sent)
        #expect(log.actions.allSatisfy { $0.user == "alice" })
    }
}
