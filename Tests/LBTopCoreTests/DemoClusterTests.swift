import Foundation
import Testing
@testable import LBTopCore

@Suite struct DemoClusterTests {
    /// Requests each server received between two simulated seconds.
    private func requests(_ cluster: inout DemoCluster, from start: Int, to end: Int) -> [String: Int] {
        cluster.advance(to: start)
        let before = Dictionary(uniqueKeysWithValues: cluster.servers.map { ($0.id, $0.counters.requests) })
        cluster.advance(to: end)
        return Dictionary(uniqueKeysWithValues: cluster.servers.map { ($0.id, $0.counters.requests - before[$0.id]!) })
    }

    private func appShare(_ deltas: [String: Int], _ server: String) -> Double {
        let total = deltas.filter { $0.key.hasPrefix("app/") }.values.reduce(0, +)
        return Double(deltas["app/\(server)"]!) / Double(total)
    }

    private func server(_ cluster: DemoCluster, _ name: String) -> DemoCluster.Server {
        cluster.servers.first { $0.name == name }!
    }

    @Test func scriptRunsRoundRobinThenPileUpThenDownThenRecovery() {
        var cluster = DemoCluster()
        let steady = requests(&cluster, from: 0, to: 14)
        for name in ["app1", "app2", "app3", "app4"] {
            #expect(abs(appShare(steady, name) - 0.25) < 0.03, "steady share of \(name)")
        }

        let pileUp = requests(&cluster, from: 40, to: 75)
        #expect(appShare(pileUp, "app2") > 0.7)
        #expect(appShare(pileUp, "app1") < 0.1)
        let hot = server(cluster, "app2")
        #expect(hot.status == "UP")
        #expect(hot.node.cpuPercent > 90)
        #expect(hot.node.memoryPercent > 80)
        #expect(hot.rtimeMs > 500)
        #expect(hot.counters.responses5xx > 0)
        #expect(server(cluster, "app1").node.cpuPercent < 40)
        #expect(server(cluster, "app1").rtimeMs < 20)

        cluster.advance(to: 80)
        #expect(server(cluster, "app2").status == "UP 2/3")

        let down = requests(&cluster, from: 86, to: 99)
        #expect(server(cluster, "app2").status == "DOWN")
        #expect(down["app/app2"] == 0)
        for name in ["app1", "app3", "app4"] {
            #expect(abs(appShare(down, name) - 1.0 / 3) < 0.03, "share of \(name) while app2 is down")
        }
        #expect(server(cluster, "app2").counters.checkDowns == 1)

        let recovered = requests(&cluster, from: 110, to: 145)
        #expect(server(cluster, "app2").status == "UP")
        #expect(abs(appShare(recovered, "app2") - 0.25) < 0.03)
        #expect(server(cluster, "app2").node.cpuPercent < 60)
        #expect(server(cluster, "app2").rtimeMs < 20)

        // The loop starts over: the next cycle piles up again.
        let nextPileUp = requests(&cluster, from: 150 + 40, to: 150 + 75)
        #expect(appShare(nextPileUp, "app2") > 0.7)
        #expect(server(cluster, "app2").counters.checkDowns == 1)
    }

    @Test func firstVisibleChangeComesWithinTwentySeconds() {
        var cluster = DemoCluster()
        let early = requests(&cluster, from: 15, to: 22)
        #expect(appShare(early, "app2") > 0.3)
    }

    @Test func csvHasExactlyTheHAProxy26ColumnsOnEveryRow() throws {
        var cluster = DemoCluster()
        cluster.advance(to: 30)
        let lines = DemoStatsCSV.render(cluster).split(separator: "\n", omittingEmptySubsequences: false)
        let fixtureHeader = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/haproxy/stats-2.6-http.csv"), encoding: .utf8)
            .split(separator: "\n").first.map(String.init)
        #expect(String(lines[0]) == fixtureHeader)
        #expect(lines.last == "")
        let rows = lines.dropFirst().dropLast()
        #expect(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).first! }
                == ["www", "app", "app", "app", "app", "app", "api", "api", "api"])
        for row in rows { #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == 129) }
    }

    @Test func nodeMetricsReadBackThroughTheNodeExporterReader() {
        var cluster = DemoCluster()
        cluster.advance(to: 59)
        let first = NodeExporterReader.read(Array(DemoNodeMetrics.render(server(cluster, "app2"), second: 59,
                                                                          startEpoch: cluster.startEpoch).utf8))
        cluster.advance(to: 60)
        let second = NodeExporterReader.read(Array(DemoNodeMetrics.render(server(cluster, "app2"), second: 60,
                                                                           startEpoch: cluster.startEpoch).utf8))
        #expect(first.skippedLines == 0)
        #expect(second.cpuCount == 2)
        #expect(second.hostname == "app2")
        var tracker = NodeTracker(capacity: 4)
        tracker.ingest(first, node: NodeID("app2"), name: "app2", host: nil, at: 0)
        tracker.ingest(second, node: NodeID("app2"), name: "app2", host: nil, at: 1)
        var servers: [ServerSnapshot] = []
        let node = tracker.snapshots(joining: &servers)[0]
        #expect(abs(node.cpuPercent! - server(cluster, "app2").node.cpuPercent) < 0.5)
        #expect(abs(node.memoryPercent! - server(cluster, "app2").node.memoryPercent) < 0.1)
    }

    @Test func responsesRouteStatsNodesAndNotFound() {
        let cluster = DemoCluster()
        #expect(DemoResponse(path: "/stats;csv", cluster: cluster).statusCode == 200)
        #expect(DemoResponse(path: "/nodes/api1/metrics", cluster: cluster).body.contains("nodename=\"api1\""))
        #expect(DemoResponse(path: "/nodes/nope/metrics", cluster: cluster).statusCode == 404)
    }
}
