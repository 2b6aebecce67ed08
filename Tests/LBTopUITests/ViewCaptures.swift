import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

/// Whole frames of each view on the incident fixture — header, alert strip, view, footer with the
/// standard key map's hints — that a README block may show (`ReadmeCapturesTests` writes them
/// to paste); checks they hold no raw control byte.
@Suite struct ViewCaptures {
    static func frame(_ view: (ViewContext, Rect, inout InMemoryScreen) -> Void, width: Int = 80, height: Int = 24,
                      selection: RowID? = nil) -> InMemoryScreen {
        let snapshot = ViewFixtures.incident()
        let context = ViewContext(snapshot: snapshot, selection: selection, clockZone: .utc)
        var screen = InMemoryScreen(width: width, height: height)
        let layout = DashboardLayout(screen.bounds)
        HeaderBar().render(context, in: layout.header, on: &screen)
        AlertStrip().render(context, in: layout.alertStrip, on: &screen)
        view(context, layout.body, &screen)
        let hints = KeyMap.standard.footerBindings.map { KeyHint(key: $0.footerKeyLabel(ascii: false), label: $0.footerLabel) }
        FooterBar(hints: hints).render(context, in: layout.footer, on: &screen)
        return screen
    }

    static var captures: [(String, InMemoryScreen)] {
        let snapshot = ViewFixtures.incident()
        return [
            ("servers-80x24", frame { ServersView().render($0, in: $1, on: &$2) }),
            ("servers-120x30", frame({ ServersView().render($0, in: $1, on: &$2) }, width: 120, height: 30)),
            ("traffic-80x24", frame { TrafficView().render($0, in: $1, on: &$2) }),
            ("alerts-80x24", frame({ AlertsView().render($0, in: $1, on: &$2) }, selection: .alert("server-down|app/app3"))),
            ("detail-server-80x24", frame { DetailView(subject: .server(snapshot.servers[0].id)).render($0, in: $1, on: &$2) }),
            ("detail-backend-80x24", frame { DetailView(subject: .proxy(snapshot.backends[0].id)).render($0, in: $1, on: &$2) }),
        ]
    }

    @Test func capturesAreClean() {
        for (name, screen) in Self.captures {
            #expect(screen.hasNoRawControlBytes, "\(name)")
        }
    }
}
