import Foundation
import Testing
@testable import LBTopCore

/// The summary's servers down as an incident writer pastes them: one line for a single down, else
/// per server with its count and total down time, the longest first, capped; JSON keeps each down.
@Suite struct IncidentReportMarkdownTests {
    static let start = Date(timeIntervalSince1970: 1_764_000_000)

    static func down(_ server: String, _ from: Double, _ seconds: Double?) -> IncidentReport.Downtime {
        .init(server: server, target: "edge", from: start.addingTimeInterval(from),
              to: seconds.map { start.addingTimeInterval(from + $0) }, seconds: seconds ?? 3600 - from)
    }

    static func report(_ downs: [IncidentReport.Downtime]) -> IncidentReport {
        IncidentReport(summary: .init(from: start, to: start.addingTimeInterval(3600), seconds: 3600, targets: ["edge"],
                                      downtimes: downs.sorted { ($0.from, $0.server) < ($1.from, $1.server) }),
                       timeline: [], servers: [], distributions: [])
    }

    static func time(_ offset: Double) -> String { LocalClock.time(start.addingTimeInterval(offset)) }

    static func summaryLines(_ report: IncidentReport) -> [String] {
        let lines = report.markdown().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = lines.firstIndex { $0.hasPrefix("- **Servers down:**") }!
        return Array(lines[first...].prefix { $0.hasPrefix("- **Servers down:**") || $0.hasPrefix("  - ") })
    }

    @Test func oneDownIsOneLine() {
        #expect(Self.summaryLines(Self.report([Self.down("app/app2", 60, 18)]))
                == ["- **Servers down:** `app/app2` DOWN \(Self.time(60))–\(Self.time(78)) (18 s)"])
        #expect(Self.summaryLines(Self.report([])) == ["- **Servers down:** none"])
    }

    @Test func manyDownsAreGroupedPerServerLongestFirstAndCapped() throws {
        // app/a: 4 downs of 40 s (160 s); app/b: one of 100 s; app/c: down from 3000 s to the end
        // (600 s); then twelve servers of 10 s each: the list stops at ten servers.
        var downs = [0.0, 600, 1200, 1800].map { Self.down("app/a", $0, 40) }
        downs += [Self.down("app/b", 100, 100), Self.down("app/c", 3000, nil)]
        downs += (0..<12).map { Self.down("web/s\($0 < 10 ? "0" : "")\($0)", 2000, 10) }
        let report = Self.report(downs)
        let lines = Self.summaryLines(report)
        #expect(lines.count == 12, "\(lines.joined(separator: "\n"))")
        #expect(lines[0] == "- **Servers down:** 15 servers, 18 downs, 16 min 20 s in all; the longest first:")
        #expect(lines[1] == "  - `app/c` DOWN \(Self.time(3000)) until the end (10 min 0 s)")
        #expect(lines[2] == "  - `app/a` DOWN 4 times, 2 min 40 s in all: \(Self.time(0))–\(Self.time(40)), "
                + "\(Self.time(600))–\(Self.time(640)), \(Self.time(1200))–\(Self.time(1240)) and 1 more")
        #expect(lines[3] == "  - `app/b` DOWN \(Self.time(100))–\(Self.time(200)) (1 min 40 s)")
        #expect(lines[4] == "  - `web/s00` DOWN \(Self.time(2000))–\(Self.time(2010)) (10 s)")
        #expect(lines[10] == "  - `web/s06` DOWN \(Self.time(2000))–\(Self.time(2010)) (10 s)")
        #expect(lines[11] == "  - and 5 more servers, 5 downs, 50 s in all (the Servers table has each one's down time)")

        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let json = try decoder.decode(IncidentReport.self, from: try report.json())
        #expect(json.summary.downtimes.count == 18)
    }
}
