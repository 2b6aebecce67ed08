import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

/// Writes text captures of each view for the README when LBTOP_CAPTURE_DIR is set.
@Suite struct ViewCaptures {
    @Test func writeCaptures() throws {
        guard let dir = ProcessInfo.processInfo.environment["LBTOP_CAPTURE_DIR"] else { return }
        let snapshot = ViewFixtures.incident()
        var context = ViewContext(snapshot: snapshot, timeZone: TimeZone(identifier: "UTC")!)
        func capture(_ name: String, width: Int, height: Int, _ draw: (inout InMemoryScreen, Rect) -> Void) throws {
            var screen = InMemoryScreen(width: width, height: height)
            draw(&screen, screen.bounds)
            try screen.lines.joined(separator: "\n").write(toFile: dir + "/" + name + ".txt", atomically: true, encoding: .utf8)
        }
        try capture("servers-80x24", width: 80, height: 24) { ServersView().render(context, in: $1, on: &$0) }
        try capture("servers-200x30", width: 200, height: 30) { ServersView().render(context, in: $1, on: &$0) }
        try capture("traffic-80x24", width: 80, height: 24) { TrafficView().render(context, in: $1, on: &$0) }
        try capture("traffic-120x30", width: 120, height: 30) { TrafficView().render(context, in: $1, on: &$0) }
        try capture("alerts-80x24", width: 80, height: 24) { AlertsView().render(context, in: $1, on: &$0) }
        try capture("alerts-120x30", width: 120, height: 30) { AlertsView().render(context, in: $1, on: &$0) }
        try capture("strip-80", width: 80, height: 1) { AlertStrip().render(context, in: $1, on: &$0) }
        try capture("header-80", width: 80, height: 2) { HeaderBar().render(context, in: $1, on: &$0) }
        try capture("footer-80", width: 80, height: 1) {
            FooterBar(hints: [KeyHint(key: "q", label: "quit"), KeyHint(key: "?", label: "help")]).render(context, in: $1, on: &$0)
        }
        context.selection = .server(snapshot.servers[0].id)
        try capture("detail-80x24", width: 80, height: 24) { DetailView(subject: .server(snapshot.servers[0].id)).render(context, in: $1, on: &$0) }
        try capture("detail-be-120x30", width: 120, height: 30) { DetailView(subject: .proxy(snapshot.backends[0].id)).render(context, in: $1, on: &$0) }
    }
}
