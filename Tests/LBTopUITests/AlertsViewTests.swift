import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

@Suite struct AlertsViewTests {
    func render(_ snapshot: Snapshot, width: Int, height: Int, selection: RowID? = nil) -> InMemoryScreen {
        renderView(AlertsView(), ViewContext(snapshot: snapshot, selection: selection), width: width, height: height)
    }

    @Test func activeFirstAcknowledgedDimmedNotHiddenResolvedMuted() {
        let screen = render(ViewFixtures.incident(), width: 80, height: 6, selection: .alert("latency|app/app1"))
        expectLines(screen, [
            "SEV  STATE       AGE SUBJECT            VALUE/LIMIT MESSAGE                     x",
            "CRIT firing    1m35s app/app1               1.8/2.0 app/app1 takes 89% of app (…x",
            "WARN firing      40s app/app1               840/500 app/app1 rtime 840ms > 500msx",
            "CRIT acked     5m00s app/app3                     — app/app3 is DOWN (L4CON)    x",
            "WARN resolved 25m00s node web1                91/90 web1 CPU 91% > 90%          x",
            "                                                                                x",
            String(repeating: "x", count: 81),
        ])
        #expect(screen.styleRuns(row: 1).first == StyleRun(columns: 0...3, style: Style(.alertCritical)))
        #expect(screen.styleRuns(row: 2).first == StyleRun(columns: 0...79, style: Style(.selected)))
        #expect(screen.styleRuns(row: 3).first == StyleRun(columns: 0...3, style: Style(.alertAcknowledged, .dim)))
        #expect(screen.style(atColumn: 52, row: 3) == Style(.alertAcknowledged, .dim))
        #expect(screen.style(atColumn: 0, row: 4) == Style(.muted))
    }

    @Test func narrowScreensDropByMessageThenValue() {
        #expect(ColumnSpec.dropOrder(AlertsView.columns) == ["BY", "MESSAGE", "VALUE/LIMIT"])
    }

    @Test func rowIDsAreAlertIDsInDisplayOrder() {
        let ids = AlertsView().rowIDs(in: ViewContext(snapshot: ViewFixtures.incident()))
        #expect(ids == [.alert("imbalance|app/app1"), .alert("latency|app/app1"), .alert("server-down|app/app3"),
                        .alert("node-cpu|node web1")])
        let bySubject = ViewContext(snapshot: ViewFixtures.incident(), filter: "app3")
        #expect(AlertsView().rowIDs(in: bySubject) == [.alert("server-down|app/app3")])
    }
}

@Suite struct AlertStripTests {
    func render(_ snapshot: Snapshot, width: Int = 80) -> InMemoryScreen {
        var screen = InMemoryScreen(width: width + 1, height: 1, fill: "x")
        AlertStrip().render(ViewContext(snapshot: snapshot), in: Rect(x: 0, y: 0, width: width, height: 1), on: &screen)
        return screen
    }

    @Test func anUnacknowledgedCriticalTurnsTheStripReverseVideo() {
        let screen = render(ViewFixtures.incident())
        expectLines(screen, ["1 critical  1 warning  1 acked │ CRIT app/app1 takes 89% of app (fair share 50%)x"])
        #expect(screen.styleRuns(row: 0).first == StyleRun(columns: 0...9, style: Style(.alertCritical, [.reverse, .bold])))
        #expect(screen.style(atColumn: 79, row: 0).emphasis == [.reverse, .bold])
    }

    @Test func acknowledgedCriticalsAndWarningsAloneAreCalm() {
        var b = SnapshotBuilder()
        b.alert("latency", "app/app1", .warning, .firing, message: "app/app1 rtime 840ms > 500ms", age: 40)
        b.alert("server-down", "app/app3", .critical, .acknowledged, message: "app/app3 is DOWN", age: 300)
        let screen = render(b.build())
        expectLines(screen, ["0 critical  1 warning  1 acked │ WARN app/app1 rtime 840ms > 500ms (40s)        x"])
        #expect(screen.style(atColumn: 12, row: 0) == Style(.alertWarning))
    }

    @Test func nothingFiringSaysSo() {
        var b = SnapshotBuilder()
        b.alert("node-cpu", "node web1", .warning, .resolved, message: "web1 CPU", age: 100)
        expectLines(render(b.build(), width: 40), ["no firing alerts  1 resolved            x"])
    }
}
