import Foundation
import LBTopCore
import Testing

/// What a request turns into before anything is sent: the exact lines, the effect on the
/// backend, and the refusals that come without asking.
@Suite struct ActionPlanTests {
    static let target = ScriptedSnapshots.target
    static func id(_ name: String) -> ServerID { ServerID(target: target, backend: "app", server: name) }
    static let socket = ActionPolicy([target: RecordingTransport()])

    static func snapshot(_ states: [ServerState.Kind], sessions: Int = 7) -> Snapshot {
        let servers = states.enumerated().map { index, state in
            ScriptedSnapshots.server("app\(index + 1)", state: state, sessions: sessions)
        }
        return ScriptedSnapshots.snapshot(at: 0, servers: servers)
    }

    @Test func aDrainNamesTheLineAndWhatTheBackendKeeps() {
        let plan = ActionPlan.make(ActionRequest(.drain, servers: [Self.id("app2")]), in: Self.snapshot([.up, .up, .up]),
                                   policy: Self.socket)
        #expect(plan.refusal == nil)
        #expect(plan.steps.map(\.sent) == ["set server app/app2 state drain"])
        #expect(plan.steps.map(\.stateBefore) == ["UP"])
        #expect(plan.title == "drain app/app2 on \(Self.target)")
        #expect(plan.effects == ["app: 2 of 3 servers will take its traffic; 7 sessions open"])
    }

    @Test func theLastServingServerIsRefusedUnlessForced() {
        let snapshot = Self.snapshot([.up, .maint, .drain])
        let refused = ActionPlan.make(ActionRequest(.drain, servers: [Self.id("app1")]), in: snapshot, policy: Self.socket)
        #expect(refused.refusal?.reason.contains("app/app1 is the last serving server of app") == true)
        let maint = ActionPlan.make(ActionRequest(.maint, servers: [Self.id("app1")]), in: snapshot, policy: Self.socket)
        #expect(maint.isRefused)
        let zero = ActionPlan.make(ActionRequest(.weight(.absolute(0)), servers: [Self.id("app1")]), in: snapshot,
                                   policy: Self.socket)
        #expect(zero.isRefused)
        let forced = ActionPlan.make(ActionRequest(.drain, servers: [Self.id("app1")], forced: true), in: snapshot,
                                     policy: Self.socket)
        #expect(forced.refusal == nil)
        #expect(forced.title.hasPrefix("FORCED drain app/app1"))
        let ready = ActionPlan.make(ActionRequest(.ready, servers: [Self.id("app2")]), in: snapshot, policy: Self.socket)
        #expect(ready.refusal == nil)
        #expect(ready.effects == ["app: 2 of 3 servers serving after this"])
    }

    @Test func markingEveryServingServerIsRefusedToo() {
        let plan = ActionPlan.make(ActionRequest(.drain, servers: [Self.id("app1"), Self.id("app2")]),
                                   in: Self.snapshot([.up, .up, .down]), policy: Self.socket)
        #expect(plan.refusal?.reason.contains("app/app1, app/app2 are all the serving servers of app") == true)
    }

    @Test func aTargetWithActionsOffIsRefusedWithHowToEnableThem() {
        let plan = ActionPlan.make(ActionRequest(.drain, servers: [Self.id("app1")]), in: Self.snapshot([.up, .up]),
                                   policy: .off)
        #expect(plan.refusal?.reason == ActionPolicy.howToEnable)
        #expect(ActionPolicy.howToEnable.contains("--allow-actions"))
        #expect(ActionPolicy.howToEnable.contains("actions = true"))
    }

    @Test func aWeightNamesTheSharesBeforeAndAfter() {
        let plan = ActionPlan.make(ActionRequest(.weight(.absolute(50)), servers: [Self.id("app1")]),
                                   in: Self.snapshot([.up, .up, .up]), policy: Self.socket)
        #expect(plan.steps.map(\.sent) == ["set server app/app1 weight 50"])
        #expect(plan.effects == ["app: app1 weight 1 → 50, share by weight 33% → 96%"])
        let percent = ActionPlan.make(ActionRequest(.weight(.percent(50)), servers: [Self.id("app1")]),
                                      in: Self.snapshot([.up, .up]), policy: Self.socket)
        #expect(percent.steps.map(\.sent) == ["set server app/app1 weight 50%"])
        #expect(percent.effects == ["app: app1 weight 1 → 50% of its initial weight"])
    }

    @Test func theStatsPageFormCarriesStatesButNoWeight() throws {
        let page = StatsPageActionTransport(try HTTPTransport(url: "http://127.0.0.1:1/stats;csv"))
        #expect(try page.request(.drain, server: Self.id("app1")).get() == "s=app1&action=drain&b=app")
        #expect(try page.request(.maint, server: Self.id("app1")).get() == "s=app1&action=maint&b=app")
        guard case .failure(let refusal) = page.request(.weight(.absolute(5)), server: Self.id("app1")) else {
            Issue.record("the form has no weight field")
            return
        }
        #expect(refusal.reason.contains("stats socket"))
    }

    @Test func aNameThatCouldCarryASecondCommandIsRefused() throws {
        let socket = SocketActionTransport(UnixSocketTransport(path: "/nonexistent"))
        let hostile = ServerID(target: Self.target, backend: "app", server: "x; shutdown sessions server app/y")
        guard case .failure = socket.request(.drain, server: hostile) else {
            Issue.record("a name with a space and ; must be refused")
            return
        }
        #expect(try socket.request(.drain, server: ServerID(target: Self.target, backend: "be-1.x", server: "s_2:a")).get()
            == "set server be-1.x/s_2:a state drain")
    }

    @Test func theFormAnswerIsReadFromTheRedirect() {
        let done = StatsPageActionTransport.read(HTTPFormAnswer(status: 303, reason: "See Other", location: "/stats;st=DONE"))
        #expect(done == ActionAnswer(accepted: true, text: "st=DONE: Action processed successfully."))
        let denied = StatsPageActionTransport.read(HTTPFormAnswer(status: 303, reason: "See Other", location: "/stats;st=DENY"))
        #expect(denied == ActionAnswer(accepted: false, text: "st=DENY: Action denied."))
        let unauthorized = StatsPageActionTransport.read(HTTPFormAnswer(status: 401, reason: "Unauthorized", location: nil))
        #expect(unauthorized == ActionAnswer(accepted: false, text: "HTTP 401 Unauthorized"))
    }

    @Test func weightsAreReadAsHAProxyTakesThem() {
        #expect(WeightSetting("50") == .absolute(50))
        #expect(WeightSetting(" 50% ") == .percent(50))
        #expect(WeightSetting("257") == nil)
        #expect(WeightSetting("-1") == nil)
        #expect(WeightSetting("abc") == nil)
        #expect(WeightSetting("") == nil)
    }
}
