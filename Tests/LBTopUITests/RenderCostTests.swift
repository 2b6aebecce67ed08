import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

/// A 1,000-server frame (50 backends × 20 servers, 15-minute histories) draws only the rows that
/// fit. With `LBTOP_RENDER_COST_FILE` set, also times repeated frames and writes the figures there
/// (timing is reported, never asserted).
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

    @Test func measureFrameCost() throws {
        guard let path = ProcessInfo.processInfo.environment["LBTOP_RENDER_COST_FILE"] else { return }
        var report = ""
        func measure(_ name: String, _ body: () -> Void) {
            for _ in 0..<20 { body() }
            var samples: [Double] = []
            for _ in 0..<300 {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
            }
            samples.sort()
            report += "\(name): median \(Int(samples[150])) µs, p90 \(Int(samples[270])) µs, min \(Int(samples[0])) µs\n"
        }
        var screen = InMemoryScreen(width: 200, height: 50)
        let area = screen.bounds
        let context = ViewContext(snapshot: Self.snapshot, selection: .server(Self.snapshot.servers[500].id),
                                  scrollOffset: 480)
        let layout = DashboardLayout(area)
        measure("servers view 1000 servers 200x50 (body only)") { ServersView().render(context, in: layout.body, on: &screen) }
        measure("full frame: header + strip + servers + footer") {
            HeaderBar().render(context, in: layout.header, on: &screen)
            AlertStrip().render(context, in: layout.alertStrip, on: &screen)
            ServersView().render(context, in: layout.body, on: &screen)
            FooterBar(hints: [KeyHint(key: "q", label: "quit")]).render(context, in: layout.footer, on: &screen)
        }
        var sorted = context
        sorted.sort = ColumnSort(.requestRate, descending: true)
        measure("servers view sorted by req/s") { ServersView().render(sorted, in: layout.body, on: &screen) }
        var filtered = context
        filtered.filter = "srv1"
        measure("servers view filtered") { ServersView().render(filtered, in: layout.body, on: &screen) }
        measure("traffic view 50 backends") { TrafficView().render(context, in: layout.body, on: &screen) }
        try report.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
