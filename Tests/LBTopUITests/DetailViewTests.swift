import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

@Suite struct DetailViewTests {
    @Test func aBackendShowsItsGraphsAndEachServersShareAgainstFair() {
        var b = SnapshotBuilder()
        b.server("app", "app1", rate: 80, history: [10, 20, 40, 80])
        b.server("app", "app2", rate: 20, history: [10, 20, 20, 20])
        let snapshot = b.build()
        let context = ViewContext(snapshot: snapshot)
        let view = DetailView(subject: .proxy(snapshot.backends[0].id))
        let screen = renderView(view, context, width: 40, height: 12)
        expectLines(screen, [
            "backend app  UP  http  roundrobin  http:x",
            "req/s  now 100  max 100                 x",
            "                                    ▂▃▅█x",
            "error ratio  now —  max —               x",
            "                                        x",
            "response time  now —  max —             x",
            "                                        x",
            "                                        x",
            "Weight advice: none · less than 60 s of x",   // 4 polls are not a minute
            "share of traffic against fair share by wx",
            "app1       ███████████▎░░      80% / 50%x",
            "app2       ██▊░░░░░░░░░░░      20% / 50%x",
            String(repeating: "x", count: 41),
        ])
        #expect(view.rowIDs(in: context) == [.proxy(snapshot.backends[0].id)])
        #expect(screen.style(atColumn: 11, row: 10) == Style(.warn))   // 1.6x its fair share
    }

    @Test func aServerThatVanishedSaysSo() {
        let id = ServerID(target: SnapshotBuilder.target, backend: "app", server: "gone")
        let screen = renderView(DetailView(subject: .server(id)), ViewContext(snapshot: .empty), width: 40, height: 1)
        expectLines(screen, ["app/gone is no longer in the data       x", String(repeating: "x", count: 41)])
    }
}

@Suite struct ASCIIModeTests {
    @Test func everyViewDrawsOnlyASCIIInASCIIMode() {
        var b = SnapshotBuilder()
        b.frontend("web", rate: 100, history: [1, 2, nil, 4])
        b.server("app", "app1-with-a-long-name", rate: 90, node: "n1", history: [1, 2, nil, 4])
        b.server("app", "app2", .init(kind: .down), rate: 10, stale: true)
        b.node("n1", cpu: 50, memory: 60, load: 1, history: [10, 20])
        b.node("lonely", cpu: 5, memory: 6, load: 0.1, stale: true)
        b.alert("server-down", "app/app2", .critical, .firing, message: "app/app2 is DOWN", age: 10)
        b.alert("imbalance", "app/app1", .warning, .acknowledged, message: "app/app1 takes 90%", age: 20)
        let snapshot = b.build()
        let context = ViewContext(snapshot: snapshot, filter: "", glyphs: .ascii, clockZone: .utc)
        var screens = [
            renderView(ServersView(), context, width: 80, height: 12),
            renderView(TrafficView(), context, width: 80, height: 6),
            renderView(AlertsView(), context, width: 80, height: 6),
            renderView(DetailView(subject: .server(snapshot.servers[0].id)), context, width: 80, height: 24),
            renderView(DetailView(subject: .proxy(snapshot.backends[0].id)), context, width: 80, height: 24),
        ]
        var chrome = InMemoryScreen(width: 80, height: 4)
        HeaderBar().render(context, in: Rect(x: 0, y: 0, width: 80, height: 2), on: &chrome)
        AlertStrip().render(context, in: Rect(x: 0, y: 2, width: 80, height: 1), on: &chrome)
        FooterBar(hints: [KeyHint(key: "q", label: "quit")]).render(
            ViewContext(snapshot: snapshot, sort: ColumnSort(.name, descending: true), glyphs: .ascii),
            in: Rect(x: 0, y: 3, width: 80, height: 1), on: &chrome)
        screens.append(chrome)
        for screen in screens {
            let nonASCII = screen.lines.joined().unicodeScalars.filter { !$0.isASCII }
            #expect(nonASCII.isEmpty, "non-ASCII in:\n\(screen.lines.joined(separator: "\n"))")
        }
    }
}
