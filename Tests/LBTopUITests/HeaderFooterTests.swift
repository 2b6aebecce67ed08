import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

@Suite struct HeaderBarTests {
    func render(_ snapshot: Snapshot, width: Int = 80, paused: Bool = false) -> InMemoryScreen {
        var screen = InMemoryScreen(width: width + 1, height: 3, fill: "x")
        let context = ViewContext(snapshot: snapshot, clockZone: .utc, isPaused: paused)
        HeaderBar().render(context, in: Rect(x: 0, y: 0, width: width, height: 2), on: &screen)
        return screen
    }

    @Test func totalsClockAndFreshTargets() {
        expectLines(render(ViewFixtures.incident()), [
            "lbtop · 6 servers 4 up 1 down 1 out · 1.3k req/s · 31 5xx/s · 4 nodes   08:00:00x",
            "http://127.0.0.1:8404/stats;csv 1s                                              x",
            String(repeating: "x", count: 81),
        ])
    }

    @Test func totalsAreTheSnapshotsTallyNotACountPerFrame() {
        var snapshot = ViewFixtures.incident()
        snapshot.serverTally = ServerTally(serving: 9_000, failed: 7, out: 0, freeSlots: 0, servers: 9_007)
        #expect(render(snapshot).lines[0].hasPrefix("lbtop · 9007 servers 9000 up 7 down · "))
    }

    @Test func aStaleTargetComesFirstWithStaleAndItsError() {
        var b = SnapshotBuilder()
        b.targets.append(TargetStatus(id: TargetID("unix:///run/haproxy.sock"), role: .balancer,
                                      displayURL: "unix:///run/haproxy.sock", health: .stale,
                                      lastError: "connection refused", secondsSinceSuccess: 12))
        b.server("app", "app1", rate: 5)
        let screen = render(b.build(), paused: true)
        expectLines(screen, [
            "lbtop · 1 servers 1 up · 5.0 req/s · 0 5xx/s                     PAUSED 08:00:00x",
            "unix:///run/haproxy.sock STALE 12s: connection refused  http://127.0.0.1:8404/stx",
            String(repeating: "x", count: 81),
        ])
        #expect(screen.style(atColumn: 0, row: 1) == Style(.stale))
        #expect(screen.style(atColumn: 26, row: 1) == Style(.critical, .bold))
        #expect(screen.style(atColumn: 65, row: 0) == Style(.paused, .bold))
    }
}

@Suite struct FooterBarTests {
    @Test func hintsThatDoNotFitAreLeftOutWholeAndFilterAndSortShowOnTheRight() {
        var screen = InMemoryScreen(width: 41, height: 1, fill: "x")
        let hints = [KeyHint(key: "q", label: "quit"), KeyHint(key: "?", label: "help"), KeyHint(key: "/", label: "filter"),
                     KeyHint(key: "s", label: "sort")]
        let context = ViewContext(snapshot: .empty, filter: "app", sort: ColumnSort(.requestRate, descending: true))
        FooterBar(hints: hints).render(context, in: Rect(x: 0, y: 0, width: 40, height: 1), on: &screen)
        expectLines(screen, ["q quit  ? help          /app sort req/s↓x"])
        #expect(screen.style(atColumn: 0, row: 0) == Style(.keyHint, .bold))
        #expect(screen.style(atColumn: 1, row: 0) == Style(.statusBar))
    }
}
