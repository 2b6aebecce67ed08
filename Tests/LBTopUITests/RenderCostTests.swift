import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

/// A 1,000-server frame (50 backends × 20 servers, 15-minute histories) draws only the rows that
/// fit. What a frame costs is `lbtop-bench render key poll`'s to measure.
@Suite struct RenderCostTests {
    static let snapshot: Snapshot = {
        var b = SnapshotBuilder()
        let history: [Double?] = (0..<900).map { Double($0 % 60) }
        for backend in 0..<50 {
            for server in 0..<20 {
                b.server("be\(backend)", "srv\(server)", rate: Double(10 + server), errors: server == 3 ? 1 : 0,
                         rtime: 12, ttime: 15, sessions: server, node: "node\(backend * 20 + server)", history: history)
            }
        }
        for node in 0..<1_000 { b.node("node\(node)", cpu: Double(node % 100), memory: 50, load: 1, history: history) }
        return b.build()
    }()

    @Test func aThousandServerFrameDrawsOnlyTheVisibleRows() {
        let context = ViewContext(snapshot: Self.snapshot, selection: .server(Self.snapshot.servers[500].id),
                                  scrollOffset: 480)
        let screen = renderView(ServersView(), context, width: 200, height: 50)
        #expect(ServersView().rowIDs(in: context).count == 1_000)
        #expect(screen.lines[1].hasPrefix("be24/srv0 "))
        #expect(screen.lines[49].hasPrefix("be26/srv8 "))
        #expect(screen.styleRuns(row: 21).first == StyleRun(columns: 0...199, style: Style(.selected)))
    }
}
