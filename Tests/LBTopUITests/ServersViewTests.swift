import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

@Suite struct ServersViewTests {
    func render(_ snapshot: Snapshot, width: Int, height: Int, selection: RowID? = nil, filter: String = "",
                sort: ColumnSort? = nil, glyphs: GlyphSet = .unicode) -> InMemoryScreen {
        let context = ViewContext(snapshot: snapshot, selection: selection, filter: filter, sort: sort, glyphs: glyphs)
        return renderView(ServersView(), context, width: width, height: height)
    }

    static let blank80 = String(repeating: " ", count: 80) + "x"
    static let bottom80 = String(repeating: "x", count: 81)

    @Test func incidentAt80x24ShowsEveryServerStateAndTheColumnsThatFit() {
        // app1 takes 90% against a fair 50% (app3 is DOWN, api2 in MAINT: no fair share).
        let screen = render(ViewFixtures.incident(), width: 80, height: 24)
        expectLines(screen, [
            "SERVER        STATE   REQ/S          SHR/FAIR 5XX/S    RT  SESS/Q CPU% MEM% LOADx",
            "app/app1      UP       1.0k      ▃▅█   90/50%    31 840ms  212/17  97%  91% 7.80x",
            "app/app2      UP        118      ▂▂▁   10/50%   0.4  14ms     9/0  18%  41% 0.35x",
            "app/app3      DOWN        0      ▁▁▁     0/0%     0     —     0/0    —    —    —x",
            "api/api1      UP         62      ▁▁▁   52/50%     0  22ms     4/0               x",
            "api/결제-서…  UP         58      ▁▁▁   48/50%     0  25ms     3/0               x",
            "api/api2      MAINT       0              0/0%     0     —     0/0               x",
            Self.blank80,
            "Nodes without balancer servers                                                  x",
            "NODE               CPU%          MEM%          LOAD CPUS    MEM USED   NET RX/TXx",
            "db1                 35%      ▃▃▃  72%      ▆▆▆ 1.20    2   5.8G/8.0G   1.2M/340kx",
        ] + Array(repeating: Self.blank80, count: 13) + [
            Self.bottom80,
        ])
    }

    @Test func incidentAt200x50ShowsEveryColumn() {
        let screen = render(ViewFixtures.incident(), width: 200, height: 50)
        let blank = String(repeating: " ", count: 200) + "x"
        expectLines(screen, [
            "SERVER                         STATE      W  REQ/S                          SHR/FAIR 5XX/S    RT    TT  SESS/Q CPU%                  MEM%                  LOAD                                         x",
            "app/app1                       UP       100   1.0k                      ▃▅█   90/50%    31 840ms 910ms  212/17  97%              ▃▅▇  91%              ▃▅▇ 7.80              ▃▅█                        x",
            "app/app2                       UP       100    118                      ▂▂▁   10/50%   0.4  14ms  18ms     9/0  18%              ▂▂▂  41%              ▄▄▄ 0.35              ▂▂▂                        x",
            "app/app3                       DOWN     100      0                      ▁▁▁     0/0%     0     —     —     0/0    —              ▂▁▁    —              ▁▁▁    —              ▁▁▁                        x",
            "api/api1                       UP        50     62                      ▁▁▁   52/50%     0  22ms  25ms     4/0                                                                                          x",
            "api/결제-서버-01               UP        50     58                      ▁▁▁   48/50%     0  25ms  27ms     3/0                                                                                          x",
            "api/api2                       MAINT     50      0                              0/0%     0     —     —     0/0                                                                                          x",
            "                                                                                                                                                                                                        x",
            "Nodes without balancer servers                                                                                                                                                                          x",
            "NODE                           CPU%                          MEM%                          LOAD                          CPUS    MEM USED   NET RX/TX                                                   x",
            "db1                             35%                      ▃▃▃  72%                      ▆▆▆ 1.20                      ▅▅▅    2   5.8G/8.0G   1.2M/340k                                                   x",
        ] + Array(repeating: blank, count: 39) + [String(repeating: "x", count: 201)])
    }

    @Test func rolesColourStatesThresholdsAndTheSelection() {
        let screen = render(ViewFixtures.incident(), width: 80, height: 24)
        #expect(screen.styleRuns(row: 0).first == StyleRun(columns: 0...79, style: Style(.header)))
        #expect(screen.styleRuns(row: 1).first == StyleRun(columns: 0...79, style: Style(.selected)))
        #expect(screen.style(atColumn: 14, row: 2) == Style(.stateUp))
        #expect(screen.style(atColumn: 14, row: 3) == Style(.stateDown))
        #expect(screen.style(atColumn: 14, row: 6) == Style(.stateMaint))
        #expect(screen.style(atColumn: 50, row: 2) == Style(.critical))   // 0.4 5xx/s
        #expect(screen.style(atColumn: 68, row: 2) == Style(.ok))         // CPU 18%
        #expect(screen.style(atColumn: 72, row: 2) == Style(.ok))         // MEM 41%
        #expect(screen.style(atColumn: 74, row: 3) == Style(.stale))      // web3 stale: —
        #expect(screen.style(atColumn: 44, row: 2) == Style(.ok))         // 10% of a fair 50%
        #expect(screen.style(atColumn: 44, row: 1) == Style(.selected))   // selection wins
        #expect(screen.style(atColumn: 69, row: 1) == Style(.selected))
    }

    @Test func selectionFollowsTheIDNotTheIndex() {
        let snapshot = ViewFixtures.incident()
        let screen = render(snapshot, width: 80, height: 24, selection: .server(snapshot.servers[3].id),
                            sort: ColumnSort(.requestRate, descending: true))
        #expect(screen.text(row: 3, columns: 0..<13) == "api/api1     ")
        #expect(screen.styleRuns(row: 3).first == StyleRun(columns: 0...79, style: Style(.selected)))
        #expect(screen.lines[0].hasPrefix("SERVER        STATE  REQ/S↓          SHR/FAIR"))
    }

    @Test func rowIDsFollowFilterAndSortThenTheUnjoinedNodes() {
        let snapshot = ViewFixtures.incident()
        let view = ServersView()
        let sorted = ViewContext(snapshot: snapshot, sort: ColumnSort(.requestRate, descending: true))
        #expect(view.rowIDs(in: sorted).map(Self.name) == ["app1", "app2", "api1", "결제-서버-01", "app3", "api2", "db1"])
        let filtered = ViewContext(snapshot: snapshot, filter: "API")
        #expect(view.rowIDs(in: filtered).map(Self.name) == ["api1", "결제-서버-01", "api2"])
        let byState = ViewContext(snapshot: snapshot, sort: ColumnSort(.state))
        #expect(view.rowIDs(in: byState).map(Self.name) == ["app3", "api2", "app1", "app2", "api1", "결제-서버-01", "db1"])
    }

    static func name(_ id: RowID) -> String {
        switch id {
        case .server(let s): return s.server
        case .node(let n): return n.rawValue
        case .proxy(let p): return p.proxy
        case .alert(let a): return a
        }
    }

    @Test func wideNamesInAnyScriptKeepTheColumnsAligned() {
        var b = SnapshotBuilder()
        b.server("pay", "결제-서버-01", rate: 40)
        b.server("pay", "サーバー", rate: 40)
        b.server("pay", "srv-🔥", rate: 20)
        let screen = render(b.build(), width: 80, height: 4)
        expectLines(screen, [
            "SERVER        STATE   REQ/S          SHR/FAIR 5XX/S    RT  SESS/Q CPU% MEM% LOADx",
            "pay/결제-서…  UP         40            40/33%     0     —     0/0               x",
            "pay/サーバー  UP         40            40/33%     0     —     0/0               x",
            "pay/srv-🔥    UP         20            20/33%     0     —     0/0               x",
            Self.bottom80,
        ])
    }

    @Test func controlBytesInANameAreDrawnEscaped() {
        var b = SnapshotBuilder()
        b.server("app", "evil\u{1b}[2J\rx", rate: 10)
        let screen = render(b.build(), width: 120, height: 2)
        expectLines(screen, [
            "SERVER               STATE      W  REQ/S          SHR/FAIR 5XX/S    RT    TT  SESS/Q CPU%        MEM%        LOAD       x",
            "app/evil\\x1b[2J\\rx   UP       100     10          100/100%     0     —     —     0/0                                    x",
            String(repeating: "x", count: 121),
        ])
        #expect(screen.hasNoRawControlBytes)
    }

    @Test func aQuietSecondKeepsTheFairShareAndChangesOneCharacter() throws {
        var quiet = SnapshotBuilder()
        quiet.server("app", "app1", rate: 0)
        quiet.server("app", "app2", rate: 0)
        var busy = SnapshotBuilder()
        busy.server("app", "app1", rate: 0)
        busy.server("app", "app2", rate: 4)
        let quietLines = render(quiet.build(), width: 80, height: 3).lines
        let busyLines = render(busy.build(), width: 80, height: 3).lines
        #expect(quietLines[1].contains("—/50%"))   // no request this second: no share, the fair share stays
        #expect(busyLines[1].contains("  0/50%"))
        // Only the share's first character differs on app1's row between the two seconds.
        let differing = zip(quietLines[1], busyLines[1]).filter { $0 != $1 }.count
        #expect(differing == 1)
        let quietScreen = render(quiet.build(), width: 80, height: 3), busyScreen = render(busy.build(), width: 80, height: 3)
        let shareColumn = try #require(quietLines[1].firstIndex(of: "—").map { quietLines[1].distance(from: quietLines[1].startIndex, to: $0) })
        #expect(quietScreen.style(atColumn: shareColumn, row: 1) == busyScreen.style(atColumn: shareColumn, row: 1))
    }

    @Test func aBackendUnderOneRequestASecondShowsNoShareButItsFairShare() {
        // Half a request a second lands on one server or the other: 100 % then 0 % says nothing
        // of the balancing, and would rewrite the cell every second.
        var sparse = SnapshotBuilder()
        sparse.server("app", "app1", rate: 0.5)
        sparse.server("app", "app2", rate: 0)
        let sparseLines = render(sparse.build(), width: 80, height: 3).lines
        #expect(sparseLines[1].contains("—/50%") && sparseLines[2].contains("—/50%"))
        var busy = SnapshotBuilder()
        busy.server("app", "app1", rate: 1.5)
        busy.server("app", "app2", rate: 0.5)
        let busyLines = render(busy.build(), width: 80, height: 3).lines
        #expect(busyLines[1].contains("75/50%") && busyLines[2].contains("25/50%"))
    }

    @Test func trendsOfAFractionOfARequestASecondDrawFlat() {
        // Ten-poll means of 0.1 and 0.3 req/s: under the 1 req/s scale floor they keep low levels
        // instead of being stretched to the scale of their own peak (0.5: `▂▅▁`, as 10 and 30 req/s draw).
        var b = SnapshotBuilder()
        b.server("app", "app1", rate: 0, history: Array(repeating: 0.1, count: 10) + Array(repeating: 0.3, count: 10)
                    + Array(repeating: 0, count: 10))
        let line = render(b.build(), width: 80, height: 2).lines[1]
        #expect(line.contains("▁▃▁"))
        var busy = SnapshotBuilder()
        busy.server("app", "app1", rate: 0, history: Array(repeating: 10, count: 10) + Array(repeating: 30, count: 10)
                    + Array(repeating: 0, count: 10))
        #expect(render(busy.build(), width: 80, height: 2).lines[1].contains("▂▅▁"))   // over the floor: scaled to 50 req/s
    }

    @Test func aStaleServerShowsDashesNeverZero() {
        var b = SnapshotBuilder()
        b.server("app", "app1", rate: 50, history: [40, 50])
        b.server("app", "app2", rate: 0, rtime: 0, stale: true, history: [40, nil])
        let screen = render(b.build(), width: 80, height: 3)
        expectLines(screen, [
            "SERVER        STATE   REQ/S          SHR/FAIR 5XX/S    RT  SESS/Q CPU% MEM% LOADx",
            "app/app1      UP         50        █  100/50%     0     —     0/0               x",
            "app/app2      UP          —                 —     —     —       —               x",
            Self.bottom80,
        ])
        #expect(screen.style(atColumn: 14, row: 2) == Style(.stale))
        #expect(screen.style(atColumn: 26, row: 2) == Style(.stale))   // REQ/S
        #expect(screen.style(atColumn: 35, row: 2) == Style(.stale))   // the gap in its trend
        #expect(screen.style(atColumn: 44, row: 2) == Style(.stale))   // SHR/FAIR
    }

    @Test func narrowScreensDropColumnsInTheDocumentedOrder() {
        let snapshot = ViewFixtures.incident()
        func header(_ width: Int) -> String { String(render(snapshot, width: width, height: 1).lines[0].dropLast()) }
        #expect(header(200) == "SERVER                         STATE      W  REQ/S                          SHR/FAIR 5XX/S    RT    TT  SESS/Q CPU%                  MEM%                  LOAD                                         ")
        #expect(header(120) == "SERVER               STATE      W  REQ/S          SHR/FAIR 5XX/S    RT    TT  SESS/Q CPU%        MEM%        LOAD       ")
        #expect(header(80) == "SERVER        STATE   REQ/S          SHR/FAIR 5XX/S    RT  SESS/Q CPU% MEM% LOAD")
        #expect(header(72) == "SERVER        STATE   REQ/S          SHR/FAIR 5XX/S    RT CPU% MEM% LOAD")
        #expect(header(60) == "SERVER         STATE    REQ/S SHR/FAIR 5XX/S    RT CPU% MEM%")
        #expect(header(40) == "SERVER          STATE     REQ/S SHR/FAIR")
        #expect(ColumnSpec.dropOrder(ServersView.columns) == [
            "", "", "", "TT", "W", "SESS/Q", "LOAD", "", "MEM%", "CPU%", "RT", "5XX/S", "SHR/FAIR",
        ])
    }

    @Test func nodesAloneMakeATinyHtop() {
        var b = SnapshotBuilder()
        b.targets = [TargetStatus(id: TargetID("local"), role: .node, displayURL: "local", health: .fresh)]
        b.node("local", cpu: 42, memory: 63, load: 0.8, cpus: 2, history: [10, 42])
        let snapshot = b.build()
        let screen = render(snapshot, width: 80, height: 3)
        expectLines(screen, [
            "NODE               CPU%          MEM%          LOAD CPUS    MEM USED   NET RX/TXx",
            "local               42%        ▃  63%        ▄ 0.80    2   5.0G/8.0G   1.2M/340kx",
            Self.blank80,
            Self.bottom80,
        ])
        #expect(ServersView().rowIDs(in: ViewContext(snapshot: snapshot)) == [.node(NodeID("local"))])
    }

    @Test func anEmptySnapshotSaysItIsWaiting() {
        let screen = render(.empty, width: 40, height: 2)
        expectLines(screen, [
            "Waiting for the first poll…             x",
            "                                        x",
            String(repeating: "x", count: 41),
        ])
    }
}

@Suite struct ServersViewColumnTests {
    /// Caddy-like servers: no weight, latency or session values in any row.
    @Test func columnsNoServerFillsAreLeftOut() {
        var snapshot = ViewFixtures.incident()
        snapshot.filledServerValues = [.sessions]
        let screen = renderView(ServersView(), ViewContext(snapshot: snapshot), width: 200, height: 10)
        let header = screen.lines[0]
        #expect(header.contains("SESS/Q"))
        #expect(!header.contains(" W "))
        #expect(!header.contains(" RT "))
        #expect(!header.contains(" TT "))
        #expect(screen.lines[1].hasPrefix("app/app1"))
        #expect(header.contains("SHR/FAIR 5XX/S  SESS/Q"), "\(header)")
    }

    @Test func theStoreSaysWhichValuesTheServersFill() {
        let id = ServerID(target: TargetID("t"), backend: "b", server: "s")
        let bare = ServerSnapshot(id: id, state: ServerState(kind: .up))
        #expect(ServerValues.filled(by: [bare]) == [])
        #expect(ServerValues.filled(by: [bare, ServerSnapshot(id: id, state: ServerState(kind: .up), weight: 1, sessions: 2)])
                == [.weight, .sessions])
        #expect(ServerValues.filled(by: ViewFixtures.incident().servers) == .all)
    }
}
