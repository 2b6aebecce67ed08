import Testing
@testable import LBTopCore

@Suite struct NodeTrackerTests {
    private let node = NodeID("web1")

    private func sample(user: Double, system: Double = 0, idle: Double, iowait: Double = 0,
                        memTotal: Double = 1000, memAvailable: Double = 250, rx: Double = 0, tx: Double = 0,
                        uptime: Double? = nil) -> NodeSample {
        var sample = NodeSample(cpu: CPUTimes(user: user, system: system, idle: idle, iowait: iowait), cpuCount: 2,
                                memoryTotalBytes: memTotal, memoryAvailableBytes: memAvailable, load1: 0.5,
                                networkReceiveBytes: rx, networkTransmitBytes: tx)
        sample.uptimeSeconds = uptime
        return sample
    }

    private func server(_ name: String, address: String?) -> ServerSnapshot {
        ServerSnapshot(id: ServerID(target: TargetID("http://lb/stats;csv"), backend: "app", server: name),
                       state: ServerState(kind: .up), address: address)
    }

    private func only(_ tracker: NodeTracker) -> NodeSnapshot {
        var servers: [ServerSnapshot] = []
        return tracker.snapshots(joining: &servers)[0]
    }

    @Test func cpuPercentFromTwoSamples() {
        var tracker = NodeTracker(capacity: 10)
        tracker.ingest(sample(user: 10, idle: 100), node: node, name: "web1", host: "10.0.0.1", at: 0)
        #expect(only(tracker).cpuPercent == nil)
        tracker.ingest(sample(user: 10.5, system: 0.25, idle: 100.75, iowait: 0.5), node: node, name: "web1", host: "10.0.0.1", at: 1)
        // busy 0.75 of 2.0 seconds (idle + iowait = 1.25)
        #expect(only(tracker).cpuPercent == 37.5)
        #expect(only(tracker).memoryPercent == 75)
        #expect(only(tracker).memoryUsedBytes == 750)
    }

    @Test func iowaitGoingBackwardsIsClampedNotNegative() {
        let before = CPUTimes(user: 10, idle: 100, iowait: 5)
        let after = CPUTimes(user: 11, idle: 101, iowait: 4.5)
        // deltas: user 1, idle 1, iowait clamped to 0 → 50 %
        #expect(NodeRates.cpuPercent(from: before, to: after) == 50)
    }

    @Test func counterGoingBackwardsIsAResetWithoutSpike() {
        var tracker = NodeTracker(capacity: 10)
        tracker.ingest(sample(user: 500, idle: 5000, rx: 10_000, uptime: 1000), node: node, name: "web1", host: nil, at: 0)
        tracker.ingest(sample(user: 1, idle: 10, rx: 100, uptime: 3), node: node, name: "web1", host: nil, at: 1)
        let afterReset = only(tracker)
        #expect(afterReset.cpuPercent == nil)
        #expect(afterReset.networkReceiveBytesPerSecond == nil)
        #expect(afterReset.memoryPercent == 75)
        tracker.ingest(sample(user: 2, idle: 11, rx: 1100, uptime: 4), node: node, name: "web1", host: nil, at: 2)
        #expect(only(tracker).cpuPercent == 50)
        #expect(only(tracker).networkReceiveBytesPerSecond == 1000)
        #expect(NodeRates.cpuPercent(from: CPUTimes(user: 10, idle: 10), to: CPUTimes(user: 5, idle: 5)) == nil)
    }

    @Test func networkRatesPerSecondIgnoringLoopback() {
        var tracker = NodeTracker(capacity: 10)
        var first = sample(user: 0, idle: 1)
        first.interfaces = [NetworkInterfaceCounters(name: "lo", receiveBytes: 0, transmitBytes: 0),
                            NetworkInterfaceCounters(name: "eth0", receiveBytes: 1000, transmitBytes: 50)]
        var second = first
        second.cpu = CPUTimes(user: 1, idle: 2)
        second.interfaces = [NetworkInterfaceCounters(name: "lo", receiveBytes: 9999, transmitBytes: 9999),
                             NetworkInterfaceCounters(name: "eth0", receiveBytes: 5000, transmitBytes: 250),
                             NetworkInterfaceCounters(name: "eth1", receiveBytes: 7, transmitBytes: 7)]
        tracker.ingest(first, node: node, name: "web1", host: nil, at: 10)
        tracker.ingest(second, node: node, name: "web1", host: nil, at: 12)
        #expect(only(tracker).networkReceiveBytesPerSecond == 2000)
        #expect(only(tracker).networkTransmitBytesPerSecond == 100)
        #expect(only(tracker).interfaces == [
            NetworkInterfaceRates(name: "lo", receiveBytesPerSecond: 4999.5, transmitBytesPerSecond: 4999.5),
            NetworkInterfaceRates(name: "eth0", receiveBytesPerSecond: 2000, transmitBytesPerSecond: 100),
        ])
    }

    @Test func staleLeavesAGapAndHistoryIsBounded() {
        var tracker = NodeTracker(capacity: 3)
        for second in 0..<4 {
            tracker.ingest(sample(user: Double(second), idle: Double(second) * 3), node: node, name: "web1", host: nil,
                           at: Double(second))
        }
        tracker.markStale(node: node, name: "web1", host: nil, at: 4)
        let snapshot = only(tracker)
        #expect(snapshot.isStale)
        #expect(snapshot.history.cpuPercent == Series([25, 25, .nan]))
        #expect(snapshot.history.memoryPercent == Series([75, 75, .nan]))
        #expect(snapshot.history.load1 == Series([0.5, 0.5, .nan]))
        tracker.ingest(sample(user: 10, idle: 30), node: node, name: "web1", host: nil, at: 5)
        #expect(only(tracker).isStale == false)
    }

    @Test func joinsServersByAddressHost() {
        var tracker = NodeTracker(capacity: 5)
        tracker.ingest(sample(user: 0, idle: 1), node: NodeID("a"), name: "a", host: "10.0.0.1", at: 0)
        tracker.ingest(sample(user: 0, idle: 1), node: NodeID("b"), name: "b", host: "fe80::1", at: 0)
        var servers = [server("s1", address: "10.0.0.1:8080"), server("s2", address: "10.0.0.2:8080"),
                       server("s3", address: "[fe80::1]:80"), server("s4", address: nil), server("s5", address: "unix")]
        let nodes = tracker.snapshots(joining: &servers)
        #expect(servers.map(\.node) == [NodeID("a"), nil, NodeID("b"), nil, nil])
        #expect(nodes.map(\.servers) == [[servers[0].id], [servers[2].id]])
    }

    @Test func localNodeJoinsLoopbackServersAndItsHostname() {
        var tracker = NodeTracker(capacity: 5)
        var local = sample(user: 0, idle: 1)
        local.hostname = "Box7"
        tracker.register(try! NodeTargetSpec.parse("local"))
        tracker.ingest(local, node: NodeID("local"), name: "local", host: "localhost", at: 0)
        var servers = [server("s1", address: "127.0.0.1:8001"), server("s2", address: "[::1]:8002"),
                       server("s3", address: "box7:80"), server("s4", address: "192.0.2.1:80")]
        _ = tracker.snapshots(joining: &servers)
        #expect(servers.map(\.node) == [NodeID("local"), NodeID("local"), NodeID("local"), nil])
    }

    @Test func joinsByAnAddressTheNodeReports() {
        var tracker = NodeTracker(capacity: 5)
        var local = sample(user: 0, idle: 1)
        local.addresses = ["127.0.0.1", "10.1.2.3", "fe80::5"]
        tracker.ingest(local, node: NodeID("local"), name: "local", host: "localhost", at: 0)
        var servers = [server("s1", address: "10.1.2.3:8080"), server("s2", address: "[FE80::5]:80"),
                       server("s3", address: "10.1.2.4:8080")]
        _ = tracker.snapshots(joining: &servers)
        #expect(servers.map(\.node) == [NodeID("local"), NodeID("local"), nil])
    }

    @Test func explicitServerListOverridesAddressMatching() throws {
        var tracker = NodeTracker(capacity: 5)
        tracker.register(try NodeTargetSpec.parse("db=http://10.0.0.1:9100/metrics", servers: ["app/s2"]))
        tracker.register(try NodeTargetSpec.parse("http://10.0.0.9:9100/metrics"))
        var servers = [server("s1", address: "10.0.0.1:8080"), server("s2", address: "10.0.0.2:8080"),
                       server("s3", address: "10.0.0.9:8080")]
        let nodes = tracker.snapshots(joining: &servers)
        #expect(servers.map(\.node) == [nil, NodeID("db"), NodeID("10.0.0.9")])
        #expect(nodes.map(\.name) == ["db", "10.0.0.9"])
        #expect(nodes.map(\.isStale) == [false, false])
        #expect(nodes[0].cpuPercent == nil)
    }
}

@Suite struct NodeTargetSpecTests {
    @Test func parsesLocalURLsAndNames() throws {
        #expect(try NodeTargetSpec.parse("local") == NodeTargetSpec(name: "local", location: .local(procRoot: "/proc")))
        #expect(try NodeTargetSpec.parse("web1=http://10.0.0.5:9100/metrics")
                == NodeTargetSpec(name: "web1", location: .exporter(url: "http://10.0.0.5:9100/metrics")))
        let unnamed = try NodeTargetSpec.parse("http://host.example:9200/metrics")
        #expect(unnamed.name == "host.example:9200")
        #expect(unnamed.host == "host.example")
        #expect(try NodeTargetSpec.parse("http://[::1]:9100/metrics").host == "::1")
        #expect(try NodeTargetSpec.parse("box=local").name == "box")
    }

    @Test func rejectsWhatItCannotUse() {
        #expect(throws: NodeSpecError.self) { try NodeTargetSpec.parse("ftp://x/metrics") }
        #expect(throws: NodeSpecError.self) { try NodeTargetSpec.parse("=local") }
        #expect(throws: NodeSpecError.self) { try NodeTargetSpec.parse("localhost") }
        #expect(throws: NodeSpecError.self) { try NodeTargetSpec.parse("http://user:pw@host.example:9100/metrics") }
    }
}
