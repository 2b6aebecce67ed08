import Testing
@testable import LBTopCore

/// The demo's CSV and node metrics go through the real HAProxy parser, node_exporter reader and
/// store while the simulated clock steps through the script: the pile-up, the DOWN and the
/// recovery show in the snapshot as the dashboard would see them (no sleeps).
@Suite struct DemoThroughStoreTests {
    private struct Replay {
        var cluster = DemoCluster()
        var store = Store()
        let target = TargetID("demo")

        init() {
            var demoNodes: [NodeTargetSpec] = []
            for server in cluster.servers {
                demoNodes.append(NodeTargetSpec(name: server.name, location: .exporter(url: "http://demo/\(server.name)"),
                                                servers: [server.id]))
            }
            for spec in demoNodes { store.register(node: spec) }
        }

        /// Advances to `second` and ingests one poll of the stats and of every node.
        mutating func poll(at second: Int) throws -> Snapshot {
            cluster.advance(to: second)
            let csv = Array(DemoStatsCSV.render(cluster).utf8)
            let sample = try HAProxyStatsDecoder.decode(statsBody: csv[...], process: nil)
            let at = Double(second)
            store.ingest(PollResult(target: target, role: .balancer, displayURL: "demo", name: "demo", host: nil,
                                    at: at, outcome: .success(.balancer(sample))))
            for server in cluster.servers {
                let metrics = DemoNodeMetrics.render(server, second: second, startEpoch: cluster.startEpoch)
                store.ingest(PollResult(target: TargetID(server.name), role: .node, displayURL: server.name,
                                        name: server.name, host: "127.0.0.1", at: at,
                                        outcome: .success(.node(NodeExporterReader.read(Array(metrics.utf8))))))
            }
            return store.snapshot(now: at)
        }
    }

    private func server(_ snapshot: Snapshot, _ name: String) throws -> ServerSnapshot {
        try #require(snapshot.servers.first { $0.id.server == name })
    }

    private func node(_ snapshot: Snapshot, _ name: String) throws -> NodeSnapshot {
        try #require(snapshot.nodes.first { $0.name == name })
    }

    @Test func pileUpDownAndRecoveryAsTheDashboardSeesThem() throws {
        var replay = Replay()
        _ = try replay.poll(at: 9)
        let steady = try replay.poll(at: 10)
        #expect(steady.servers.map(\.id.description) == ["app/app1", "app/app2", "app/app3", "app/app4", "api/api1", "api/api2"])
        #expect(steady.servers.map(\.node?.rawValue) == ["app1", "app2", "app3", "app4", "api1", "api2"])
        let steadyShare = try #require(try server(steady, "app2").share)
        #expect(abs(steadyShare - 0.25) < 0.05)

        _ = try replay.poll(at: 69)
        let pileUp = try replay.poll(at: 70)
        let hot = try server(pileUp, "app2")
        #expect(try #require(hot.share) > 0.65)
        #expect(try #require(hot.fairShare) == 0.25)
        #expect(try #require(hot.responseTimeMs) > 400)
        #expect(try #require(hot.errorRate) > 0)
        #expect(try #require(try node(pileUp, "app2").cpuPercent) > 90)
        #expect(try #require(try node(pileUp, "app2").memoryPercent) > 75)
        #expect(try #require(try node(pileUp, "app1").cpuPercent) < 40)

        _ = try replay.poll(at: 89)
        let down = try replay.poll(at: 90)
        #expect(try server(down, "app2").state.kind == .down)
        #expect(try server(down, "app2").share == 0)
        for name in ["app1", "app3", "app4"] {
            #expect(abs(try #require(try server(down, name).share) - 1.0 / 3) < 0.05, "\(name)")
        }

        _ = try replay.poll(at: 129)
        let recovered = try replay.poll(at: 130)
        #expect(try server(recovered, "app2").state.kind == .up)
        #expect(abs(try #require(try server(recovered, "app2").share) - 0.25) < 0.05)
        #expect(try #require(try node(recovered, "app2").cpuPercent) < 60)
        #expect(recovered.targets.allSatisfy { $0.health == .fresh && $0.resets == 0 })
    }
}
