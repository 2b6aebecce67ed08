import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// The demo cluster through the same HTTP path as real targets: its CSV goes through the real
    /// HAProxy collector and parser, its node metrics through the node_exporter collector.
    @Suite struct DemoClusterHTTPTests {
        @Test func statsAndNodeMetricsReadThroughTheRealCollectors() async throws {
            let demo = try await DemoServer.start(startSecond: 60)
            let haproxy = try HAProxyCollector(url: TargetURL(demo.targets.statsURL))
            guard case .balancer(let sample) = try await haproxy.collect() else {
                Issue.record("expected a balancer payload")
                await demo.shutdown()
                return
            }
            #expect(sample.skippedLines == 0)
            let servers = sample.rows.filter { $0.kind == .server }
            #expect(servers.map { "\($0.proxy)/\($0.name)" } == ["app/app1", "app/app2", "app/app3", "app/app4", "api/api1", "api/api2"])
            #expect(servers.map(\.address) == ["10.0.1.11:8080", "10.0.1.12:8080", "10.0.1.13:8080", "10.0.1.14:8080",
                                               "10.0.2.11:9000", "10.0.2.12:9000"])
            #expect(sample.rows.filter { $0.kind == .frontend }.map(\.proxy) == ["www"])
            #expect(sample.rows.filter { $0.kind == .backend }.map(\.proxy) == ["app", "api"])

            #expect(demo.targets.nodes.map(\.name) == ["app1", "app2", "app3", "app4", "api1", "api2"])
            #expect(demo.targets.nodes.map(\.servers) == [["app/app1"], ["app/app2"], ["app/app3"], ["app/app4"], ["api/api1"], ["api/api2"]])
            for spec in demo.targets.nodes {
                guard case .exporter(let url) = spec.location else { Issue.record("demo node without URL"); continue }
                let node = try await NodeProbe.sample(NodeExporterCollector(spec: spec, transport: try HTTPTransport(url: url, limits: .init(timeout: 15))))
                #expect(node.skippedLines == 0)
                #expect(node.cpuCount == 2)
                #expect(node.hostname == spec.name)
            }
            await demo.shutdown()
        }

        @Test func demoOnceJSONJoinsEveryServerToItsNode() async throws {
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--demo"]) }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.targets.allSatisfy { $0.health == .fresh })
            #expect(document.servers.map(\.name) == ["app1", "app2", "app3", "app4", "api1", "api2"])
            #expect(document.servers.map(\.node) == ["app1", "app2", "app3", "app4", "api1", "api2"])
            #expect(document.servers.allSatisfy { ($0.requestRate ?? 0) > 0 })
            #expect(document.nodes.allSatisfy { $0.cpuPercent != nil && $0.memoryPercent != nil && $0.servers.count == 1 })
        }
    }
}
