import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

/// The request log where it joins the other views: P50/P99 beside RT in the servers view, and
/// the percentiles, causes and top paths in a server's detail.
@Suite struct LogPanelsTests {
    /// The incident, with app1's log saying 90 % of requests take 5 ms and the rest 300 ms.
    static func incidentWithLog() -> Snapshot {
        var snapshot = ViewFixtures.incident()
        snapshot.servers[0].log = LogFigures(requests: 600, windowSeconds: 60,
                                             serverTime: LatencyPercentiles(count: 600, p50: 5, p90: 5, p95: 300, p99: 300, max: 310))
        snapshot.logs = LogOverview(all: snapshot.servers[0].log)
        return snapshot
    }

    @Test func percentileColumnsStandBesideRTOnlyWithALog() {
        let context = ViewContext(snapshot: Self.incidentWithLog())
        let screen = renderView(ServersView(), context, width: 120, height: 4)
        expectLines(screen, [
            "SERVER          STATE      W  REQ/S          SHR/FAIR 5XX/S    RT   P50   P99    TT  SESS/Q CPU%        MEM%        LOADx",
            "app/app1        UP       100   1.0k      ▃▅█   90/50%    31 840ms   5ms 300ms 910ms  212/17  97%    ▃▅▇  91%    ▃▅▇ 7.80x",
            "app/app2        UP       100    118      ▂▂▁   10/50%   0.4  14ms     —     —  18ms     9/0  18%    ▂▂▂  41%    ▄▄▄ 0.35x",
            "app/app3        DOWN     100      0      ▁▁▁     0/0%     0     —     —     —     —     0/0    —    ▂▁▁    —    ▁▁▁    —x",
            String(repeating: "x", count: 121),
        ])
        let plain = renderView(ServersView(), ViewContext(snapshot: ViewFixtures.incident()), width: 120, height: 1)
        #expect(!plain.lines[0].contains("P50") && !plain.lines[0].contains("P99"))
    }

    @Test func aServersDetailShowsItsPercentilesCausesAndTopPaths() throws {
        let snapshot = RequestLogFixture.snapshot()
        let server = try #require(snapshot.servers.first { $0.id.server == "app2" })
        var screen = InMemoryScreen(width: 61, height: 14, fill: "x")
        LogSummary(figures: try #require(server.log), glyphs: .unicode)
            .render(in: Rect(x: 0, y: 0, width: 60, height: 13), on: &screen)
        // app2 served /login only: 25 at 40 ms, two 2 s timeouts (sH), one refusal (SC).
        expectLines(screen, [
            "request log, last 10s: 28 requests, 2.8 req/s               x",
            "p50 40ms     █░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░x",
            "p90 40ms     █░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░x",
            "p95 2.0s     ███████████████████████████████████████████████x",
            "p99 2.0s     ███████████████████████████████████████████████x",
            "max 2.0s     ███████████████████████████████████████████████x",
            "terminations: sH 2  SC 1                                    x",
            "top paths (count, 5xx, p99)                                 x",
            "/login                                           28  3  2.0sx",
            "                                                            x",
            "                                                            x",
            "                                                            x",
            "                                                            x",
            String(repeating: "x", count: 61),
        ])
        // The detail puts it under the graphs, its last 13 rows.
        let detail = renderView(DetailView(subject: .server(server.id)), ViewContext(snapshot: snapshot), width: 80, height: 30)
        #expect(detail.lines[17].hasPrefix("request log, last 10s: 28 requests") && detail.lines[23].hasPrefix("terminations: sH 2  SC 1"))
        #expect(detail.lines[25].hasPrefix("/login ") && detail.lines[25].hasSuffix("28  3  2.0sx"))
        // app1's own paths, most counted first; none of app2's.
        let app1 = try #require(snapshot.servers.first { $0.id.server == "app1" }?.log)
        #expect(app1.topPaths.map(\.key) == ["/api/items", "/static/app.js"])
        let other = renderView(DetailView(subject: .server(snapshot.servers.first { $0.id.server == "app1" }!.id)),
                               ViewContext(snapshot: snapshot), width: 80, height: 30)
        #expect(other.lines[25].hasPrefix("/api/items ") && other.lines[26].hasPrefix("/static/app.js ")
                && !other.lines.joined().contains("/login"))
    }
}
