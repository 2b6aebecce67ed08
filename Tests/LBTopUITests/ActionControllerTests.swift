import Foundation
import LBTopCore
import Testing
@testable import LBTopUI

/// The dashboard's action keys on the incident fixture, through the whole app: what is asked,
/// what is handed to the feed, the marks on the rows and the polls that confirm (or not).
@Suite struct ActionControllerTests {
    static let target = SnapshotBuilder.target
    static let socket = ActionPolicy([target: SocketActionTransport(UnixSocketTransport(path: "/run/haproxy/admin.sock"))])
    static func id(_ backend: String, _ name: String) -> ServerID { ServerID(target: target, backend: backend, server: name) }

    static func makeApp(policy: ActionPolicy = socket, snapshot: Snapshot = ViewFixtures.incident()) -> App {
        var app = App(renderer: DashboardFrame(), size: TerminalSize(width: 120, height: 30), snapshot: snapshot,
                      now: snapshot.time, actionPolicy: policy)
        app.clockZone = .utc
        return app
    }

    static func screen(_ app: App) -> String {
        var screen = InMemoryScreen(width: app.size.width, height: app.size.height)
        app.render(on: &screen)
        return screen.lines.joined(separator: "\n")
    }

    static func keys(_ app: inout App, _ keys: Key...) -> [Effect] {
        keys.flatMap { app.handle(.key($0)) }
    }

    @Test func drainAsksWithTheExactLineAndSendsOnlyOnY() {
        var app = Self.makeApp()
        let asked = Self.keys(&app, .character("d"))
        #expect(!asked.contains { if case .performAction = $0 { true } else { false } })
        let screen = Self.screen(app)
        #expect(screen.contains("Confirm: drain app/app1 on \(Self.target)"))
        #expect(screen.contains("set server app/app1 state drain"))
        #expect(screen.contains("app: 1 of 3 servers will take its traffic; 212 sessions open"))
        #expect(screen.contains("y sends"))
        let sent = Self.keys(&app, .character("y"))
        #expect(sent.contains(.performAction(ActionRequest(.drain, servers: [Self.id("app", "app1")]), confirmed: true)))
        #expect(!Self.screen(app).contains("y sends"))
    }

    @Test func anyOtherKeyCancelsAndTheCancelIsHandedOnForTheAudit() {
        var app = Self.makeApp()
        _ = Self.keys(&app, .character("d"))
        let effects = Self.keys(&app, .character("2"))
        #expect(effects.contains(.performAction(ActionRequest(.drain, servers: [Self.id("app", "app1")]), confirmed: false)))
        #expect(app.state.message == "cancelled: nothing sent")
        #expect(app.state.view == .servers, "the cancelling key does nothing else")
    }

    @Test func withActionsOffTheFooterSaysHowToEnableThemAndNothingIsAsked() {
        var app = Self.makeApp(policy: .off)
        let effects = Self.keys(&app, .character("d"))
        #expect(effects.contains(.performAction(ActionRequest(.drain, servers: [Self.id("app", "app1")]), confirmed: false)))
        #expect(!app.actions.isPrompting)
        let footer = Self.screen(app).split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("--allow-actions"))
    }

    @Test func theLastServingServerIsRefusedWithoutAskingAndDAsksAnyway() {
        var builder = SnapshotBuilder()
        builder.server("app", "app1", weight: 1, rate: 10)
        builder.server("app", "app2", .init(kind: .down), weight: 1)
        var app = Self.makeApp(snapshot: builder.build())
        _ = Self.keys(&app, .character("d"))
        #expect(!app.actions.isPrompting)
        #expect(app.state.message?.contains("app/app1 is the last serving server of app") == true)
        _ = Self.keys(&app, .character("D"))
        #expect(Self.screen(app).contains("Confirm: FORCED drain app/app1"))
        let sent = Self.keys(&app, .character("y"))
        #expect(sent.contains(.performAction(ActionRequest(.drain, servers: [Self.id("app", "app1")], forced: true),
                                             confirmed: true)))
    }

    @Test func aWeightIsTypedThenConfirmed() {
        var app = Self.makeApp()
        _ = Self.keys(&app, .character("w"))
        #expect(Self.screen(app).contains("weight for app/app1 (now 100)"))
        _ = Self.keys(&app, .character("5"), .character("x"), .character("0"), .character("%"), .enter)
        #expect(Self.screen(app).contains("set server app/app1 weight 50%"))
        let sent = Self.keys(&app, .character("y"))
        #expect(sent.contains(.performAction(ActionRequest(.weight(.percent(50)), servers: [Self.id("app", "app1")]),
                                             confirmed: true)))
        _ = Self.keys(&app, .character("w"), .character("9"), .character("9"), .character("9"), .enter)
        #expect(app.state.message?.hasPrefix("not a weight: \"999\"") == true)
        #expect(!app.actions.isPrompting)
    }

    @Test func markedRowsShareOneConfirmation() {
        var app = Self.makeApp()
        _ = Self.keys(&app, .character(" "), .character("j"), .character(" "))
        #expect(Self.screen(app).contains("+app/app1"))
        #expect(Self.screen(app).contains("+app/app2"))
        _ = Self.keys(&app, .character("r"))
        #expect(Self.screen(app).contains("Confirm: ready 2 servers"))
        let sent = Self.keys(&app, .character("y"))
        #expect(sent.contains(.performAction(ActionRequest(.ready, servers: [Self.id("app", "app1"), Self.id("app", "app2")]),
                                             confirmed: true)))
    }

    @Test func anAcceptedActionIsPendingUntilAPollShowsItAndCalledOutAfterThreeThatDoNot() {
        var app = Self.makeApp()
        let start = app.latest
        let record = ActionRecord(time: start.time, user: "alice", target: Self.target.rawValue, server: "app/app1",
                                  action: "drain", command: "set server app/app1 state drain", via: "stats socket",
                                  outcome: .done, answer: "", stateBefore: "UP", stateAfter: "DRAIN", weightAfter: 100)
        _ = app.handle(.actionsFinished([record]))
        #expect(app.state.message == "app/app1 drain: done · HAProxy now reports DRAIN weight 100 · pending until a poll shows it")
        #expect(Self.screen(app).contains("~app/app1"))
        for second in 1...3 {
            var next = start
            next.time = start.time.addingTimeInterval(Double(second))
            _ = app.handle(.snapshot(next))
        }
        #expect(app.state.message == "app/app1 (still UP) did not change within 3 polls")
        #expect(Self.screen(app).contains("!app/app1"))
        var drained = start
        drained.time = start.time.addingTimeInterval(4)
        drained.servers[0].state = ServerState(kind: .drain)
        _ = app.handle(.snapshot(drained))
        #expect(!Self.screen(app).contains("!app/app1"))
        #expect(app.actions.marks.isEmpty)
    }

    @Test func theAlertsViewListsActionsBesideAlerts() {
        var snapshot = ViewFixtures.incident()
        snapshot.actions = [ActionRecord(time: snapshot.time.addingTimeInterval(-20), user: "alice",
                                         target: Self.target.rawValue, server: "app/app1", action: "drain",
                                         command: "set server app/app1 state drain", via: "stats socket",
                                         outcome: .rejected, answer: "Permission denied", stateBefore: "UP",
                                         stateAfter: "UP")]
        var app = Self.makeApp(snapshot: snapshot)
        _ = Self.keys(&app, .character("3"))
        let screen = Self.screen(app)
        #expect(screen.contains("Actions"))
        let row = screen.split(separator: "\n").first { $0.contains("Permission denied") }.map(String.init) ?? ""
        #expect(row.contains("alice") && row.contains("rejected") && row.contains("app/app1") && row.contains("drain"))
    }
}
