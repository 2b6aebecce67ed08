import Testing
@testable import LBTopCore

/// A fleet through the store: one target per instance, rates as Prometheus gave them, instances
/// that vanish or fail going stale with the reason, and servers joined to nodes.
@Suite struct FleetStoreTests {
    let prom = TargetID("http://prom:9090")

    func server(_ instance: String, _ proxy: String, _ name: String, _ state: String, rate: Double? = nil) -> StatRow {
        var row = StatRow(proxy: proxy, name: name, kind: .server, status: state)
        row[.weight] = 1
        if let rate { row.sourceRates = SourceRates(requests: rate, responses: ResponseRates(r5xx: 0)) }
        return row
    }

    func poll(_ fleet: FleetSample, at time: Double) -> PollResult {
        PollResult(target: prom, role: .fleet, displayURL: prom.rawValue, name: prom.rawValue, host: nil, at: time,
                   outcome: .success(.fleet(fleet)))
    }

    func fleet(_ balancers: [String: [StatRow]], nodes: [String: NodeSample] = [:], unscraped: [FleetSample.Unscraped] = []) -> FleetSample {
        FleetSample(balancers: balancers.keys.sorted().map { FleetSample.Balancer(instance: $0, sample: BalancerSample(format: "prometheus-fleet", rows: balancers[$0]!)) },
                    nodes: nodes.keys.sorted().map { FleetSample.Node(instance: $0, sample: nodes[$0]!) }, unscraped: unscraped)
    }

    @Test func instancesBecomeTargetsWithTheGivenRates() {
        var store = Store()
        store.ingest(poll(fleet(["lb1:8405": [server("lb1", "app", "web1", "UP", rate: 30), server("lb1", "app", "web2", "UP", rate: 10)],
                                 "lb2:8405": [server("lb2", "app", "web1", "DOWN", rate: 0)]]), at: 1))
        let snapshot = store.snapshot(now: 1)
        #expect(snapshot.targets.map(\.id.rawValue) == ["http://prom:9090", "lb1:8405", "lb2:8405"])
        #expect(snapshot.targets.allSatisfy { $0.health == .fresh })
        #expect(snapshot.servers.map { "\($0.id.target.rawValue) \($0.id) \($0.state.label)" }
            == ["lb1:8405 app/web1 UP", "lb1:8405 app/web2 UP", "lb2:8405 app/web1 DOWN"])
        #expect(snapshot.servers[0].requestRate == 30, "the first poll already has Prometheus's rate")
        #expect(snapshot.servers[0].share == 0.75)
    }

    @Test func vanishedAndUnscrapedInstancesGoStaleWithTheReason() {
        var store = Store()
        let rows = [server("", "app", "web1", "UP", rate: 1)]
        store.ingest(poll(fleet(["lb1:8405": rows, "lb2:8405": rows, "lb3:8405": rows]), at: 1))
        store.ingest(poll(fleet(["lb1:8405": rows, "lb3:8405": rows],
                                unscraped: [.init(instance: "lb3:8405", reason: "scrape failed: connection refused")]), at: 2))
        let snapshot = store.snapshot(now: 2)
        let byID = Dictionary(uniqueKeysWithValues: snapshot.targets.map { ($0.id.rawValue, $0) })
        #expect(byID["lb1:8405"]?.health == .fresh)
        #expect(byID["lb2:8405"]?.health == .stale && byID["lb2:8405"]?.lastError == "gone from Prometheus's last scrape")
        #expect(byID["lb3:8405"]?.lastError == "scrape failed: connection refused")
        #expect(snapshot.servers.map(\.isStale) == [false, true, true])
        #expect(snapshot.goneServers.isEmpty, "a stale instance's servers are not gone")
    }

    @Test func aFailedPrometheusMakesEveryMemberStale() {
        var store = Store()
        store.ingest(poll(fleet(["lb1:8405": [server("", "app", "web1", "UP", rate: 1)]], nodes: ["n1:9100": NodeSample()]), at: 1))
        store.ingest(PollResult(target: prom, role: .fleet, displayURL: prom.rawValue, name: prom.rawValue, host: nil, at: 2,
                                outcome: .failure(CollectError(.timeout, "timed out after 2s"))))
        let snapshot = store.snapshot(now: 2)
        #expect(snapshot.targets.map(\.health) == [.stale, .stale, .stale])
        #expect(snapshot.targets[0].lastError == "timed out after 2s")
        #expect(snapshot.targets[1].lastError == "via http://prom:9090: timed out after 2s")
        #expect(snapshot.servers[0].isStale && snapshot.nodes[0].isStale)
        #expect(snapshot.servers[0].state.kind == .up, "the last state is kept")
    }

    @Test func serversJoinNodesByNameListOrDirectTarget() {
        var store = Store()
        var named = NodeSample()
        named.hostname = "web1"
        store.register(fleetNode: "10.0.0.9:9100", servers: ["api/a1"])
        let rows = [server("", "app", "web1", "UP"), server("", "api", "a1", "UP"), server("", "app", "web3", "UP"),
                    server("", "app", "web4", "UP")]
        store.ingest(poll(fleet(["10.0.0.2:8405": rows],
                                nodes: ["10.0.0.7:9100": named, "10.0.0.9:9100": NodeSample(), "10.0.0.4:9100": NodeSample()]), at: 1))
        // The same balancer's CSV knows web4's address.
        var direct = StatRow(proxy: "app", name: "web4", kind: .server, status: "UP")
        direct.address = "10.0.0.4:8080"
        store.ingest(PollResult(target: TargetID("http://10.0.0.2:8404/stats;csv"), role: .balancer,
                                displayURL: "http://10.0.0.2:8404/stats;csv", name: "lb", host: nil, at: 1,
                                outcome: .success(.balancer(BalancerSample(rows: [direct])))))
        let snapshot = store.snapshot(now: 1)
        let fleetServers = snapshot.servers.filter { $0.id.target.rawValue == "10.0.0.2:8405" }
        #expect(fleetServers.map { $0.node?.rawValue } == ["10.0.0.7:9100", "10.0.0.9:9100", nil, "10.0.0.4:9100"])
        #expect(fleetServers[3].address == "10.0.0.4:8080")
        #expect(snapshot.nodes.first { $0.id.rawValue == "10.0.0.4:9100" }?.name == "10.0.0.4")
        let note = snapshot.targets.first { $0.id == prom }?.note
        #expect(note?.hasPrefix("1 of 4 servers not joined to a node: the HAProxy exporter gives no server address") == true)
    }

    @Test func serversWithAnAddressNoNodeHasAreToldApart() {
        var store = Store()
        var upstream = server("", "reverse_proxy", "10.9.9.9:80", "UP")
        upstream.address = "10.9.9.9:80"
        store.ingest(poll(fleet(["caddy:2019": [upstream, server("", "app", "web9", "UP")]], nodes: ["10.0.0.7:9100": NodeSample()]), at: 1))
        let note = store.snapshot(now: 1).targets.first { $0.id == prom }?.note
        #expect(note == "2 of 2 servers not joined to a node: the HAProxy exporter gives no server address (list them in "
            + "servers = [...], name a node as the server, or also poll the balancer's CSV); 1 with an address no node has")
    }
}
