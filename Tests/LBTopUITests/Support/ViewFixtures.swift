import Foundation
import LBTopCore
@testable import LBTopUI

/// Shared scenes for view tests.
enum ViewFixtures {
    /// A ramp of `count` values from `from` to `to`.
    static func ramp(_ from: Double, _ to: Double, count: Int = 30) -> [Double?] {
        (0..<count).map { from + (to - from) * Double($0) / Double(count - 1) }
    }

    /// The whole frame the dashboard draws of `snapshot` on a `width`×`height` terminal: the
    /// servers view, the clock in UTC.
    static func appFrame(of snapshot: Snapshot, width: Int, height: Int) -> InMemoryScreen {
        var app = App(renderer: DashboardFrame(), size: TerminalSize(width: width, height: height),
                      snapshot: snapshot, now: snapshot.time)
        app.clockZone = .utc
        var screen = InMemoryScreen(width: width, height: height)
        app.render(on: &screen)
        return screen
    }

    /// The incident lbtop is built for: traffic piles onto app1, its node runs hot, app3 is down,
    /// alerts fire; a second backend is calm; one node serves no balancer server.
    static func incident() -> Snapshot {
        var b = SnapshotBuilder()
        b.frontend("web", rate: 1_250, r2xx: 1_180, r3xx: 20, r4xx: 12, r5xx: 38, history: ramp(400, 1_250))
        b.server("app", "app1", weight: 100, rate: 1_020, errors: 31, rtime: 840, ttime: 910, sessions: 212, queue: 17,
                 node: "web1", history: ramp(130, 1_020), address: "10.0.0.11:8080")
        b.server("app", "app2", weight: 100, rate: 118, errors: 0.4, rtime: 14, ttime: 18, sessions: 9,
                 node: "web2", history: ramp(135, 118), address: "10.0.0.12:8080")
        b.server("app", "app3", .init(kind: .down), weight: 100, rate: 0, errors: 0, rtime: nil, ttime: nil, sessions: 0,
                 node: "web3", history: ramp(130, 0), address: "10.0.0.13:8080", lastCheck: "Connection refused")
        b.server("api", "api1", weight: 50, rate: 62, errors: 0, rtime: 22, ttime: 25, sessions: 4, history: ramp(60, 62))
        b.server("api", "결제-서버-01", weight: 50, rate: 58, errors: 0, rtime: 25, ttime: 27, sessions: 3, history: ramp(58, 58))
        b.server("api", "api2", .init(kind: .maint), weight: 50, rate: 0, sessions: 0)
        b.node("web1", cpu: 97, memory: 91, load: 7.8, history: ramp(20, 97))
        b.node("web2", cpu: 18, memory: 41, load: 0.35, history: ramp(20, 18))
        b.node("web3", cpu: nil, memory: nil, load: nil, stale: true, history: ramp(20, 0))
        b.node("db1", cpu: 35, memory: 72, load: 1.2, history: ramp(30, 35))
        b.alert("imbalance", "app/app1", .critical, .firing,
                message: "app/app1 takes 89% of app (fair share 50%)", value: 1.8, threshold: 2, age: 95)
        b.alert("server-down", "app/app3", .critical, .acknowledged, message: "app/app3 is DOWN (L4CON)", age: 300,
                acknowledgedBy: "oncall")
        b.alert("latency", "app/app1", .warning, .firing, message: "app/app1 rtime 840ms > 500ms",
                value: 840, threshold: 500, age: 40)
        b.alert("node-cpu", "node web1", .warning, .resolved, message: "web1 CPU 91% > 90%", value: 91, threshold: 90,
                age: 1_500)
        return b.build()
    }
}
