import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

@Suite struct TrafficViewTests {
    func render(_ snapshot: Snapshot, width: Int, height: Int, selection: RowID? = nil) -> InMemoryScreen {
        renderView(TrafficView(), ViewContext(snapshot: snapshot, selection: selection), width: width, height: height)
    }

    @Test func oneServerPiledUpIsALongCriticalSegmentAndNamedAtTop() {
        var b = SnapshotBuilder()
        b.frontend("web", rate: 1_000, r2xx: 990, r5xx: 10)
        b.server("app", "app1", rate: 800, errors: 10)
        b.server("app", "app2", rate: 100)
        b.server("app", "app3", rate: 100)
        b.server("api", "api1", rate: 50)
        b.server("api", "api2", rate: 50)
        let screen = render(b.build(), width: 80, height: 4)
        expectLines(screen, [
            "NAME            STATUS  REQ/S            5XX  ERR%    RT DISTRIBUTION  TOP      x",
            "web          FE OPEN     1.0k             10    1%     —                        x",
            "app          BE UP       1.0k             10    1%  12ms ██████████▓▓█ app1 2.4xx",
            "api          BE UP        100              0    0%  12ms ███████▓▓▓▓▓▓          x",
            String(repeating: "x", count: 81),
        ])
        // app1 takes 80% against a fair 33%: its segment is critical; the others are fine.
        #expect(screen.styleRuns(row: 2).filter { $0.columns.lowerBound >= 57 } == [
            StyleRun(columns: 57...66, style: Style(.critical)),
            StyleRun(columns: 67...69, style: Style(.ok)),
            StyleRun(columns: 70...70, style: .plain),
            StyleRun(columns: 71...79, style: Style(.critical)),
            StyleRun(columns: 80...80, style: .plain),
        ])
    }

    @Test func narrowScreensDropColumnsInTheDocumentedOrder() {
        #expect(ColumnSpec.dropOrder(TrafficView.columns) == [
            "SESS/Q", "4XX", "3XX", "2XX", "STATUS", "", "TOP", "RT", "ERR%", "5XX",
        ])
        let snapshot = ViewFixtures.incident()
        func header(_ width: Int) -> String { String(render(snapshot, width: width, height: 1).lines[0].dropLast()) }
        #expect(header(120) == "NAME                   STATUS  REQ/S            2XX   3XX   4XX   5XX  ERR%    RT  SESS/Q DISTRIBUTION         TOP      ")
        #expect(header(60) == "NAME                REQ/S   5XX  ERR%    RT DISTRIBUTION    ")
    }

    @Test func rowIDsAreFrontendsThenBackends() {
        let ids = TrafficView().rowIDs(in: ViewContext(snapshot: ViewFixtures.incident()))
        #expect(ids.map(ServersViewTests.name) == ["web", "app", "api"])
    }
}
