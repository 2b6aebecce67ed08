import Testing
@testable import LBTopCore

/// Fleet answers mapped to rows and nodes: captured answers for states, gauges and nodes, written
/// vectors for the summed rates (the captures' rate queries are summed differently).
@Suite struct FleetMapperTests {
    typealias Support = FleetAnswersSupport

    func capturedFleet() throws -> FleetSample {
        let requests = Support.vector([
            (["instance": "127.0.0.1:29132", "proxy": "b", "server": "s1"], "21.2"),
            (["instance": "127.0.0.1:29132", "proxy": "b", "server": "s2"], "0"),
            (["instance": "127.0.0.1:29132", "proxy": "fe", "server": "x"], "NaN"),
        ])
        let errors = Support.vector([(["instance": "127.0.0.1:29132", "proxy": "b", "server": "s1"], "2.135593220338983")])
        let backend = Support.vector([
            (["instance": "127.0.0.1:29132", "proxy": "b", "code": "2xx"], "17"),
            (["instance": "127.0.0.1:29132", "proxy": "b", "code": "5xx"], "3"),
        ])
        let frontends = Support.vector([(["instance": "127.0.0.1:29132", "proxy": "fe"], "20")])
        let answers = Support.answers(targets: try Support.fixture("targets-2.42.json"), [
            .serverStatus: try Support.fixture("query-haproxy-server-status-current-2.42.json"),
            .serverGauges: try Support.fixture("query-haproxy-server-response-time-2.42.json"),
            .serverRequests: Array(requests.utf8), .serverErrors: Array(errors.utf8),
            .backendResponses: Array(backend.utf8), .frontendRequests: Array(frontends.utf8),
            .nodeCPU: try Support.fixture("query-node-cpu-percent-2.42.json"),
            .nodeGauges: try Support.fixture("query-node-memavailable-2.42.json"),
        ])
        return try FleetMapper.map(answers)
    }

    @Test func serversOfTheCapturedExporter() throws {
        let fleet = try capturedFleet()
        #expect(fleet.scrapeInterval == 1 && fleet.unscraped.isEmpty)
        #expect(fleet.balancers.map(\.instance) == ["127.0.0.1:29132"])
        let rows = fleet.balancers[0].sample.rows
        #expect(fleet.balancers[0].sample.format == "prometheus-fleet")
        let servers = rows.filter { $0.kind == .server }
        #expect(servers.count == 13)
        #expect(servers.map { "\($0.proxy)/\($0.name) \($0.status)" }.prefix(4)
            == ["b/s1 UP", "b/s2 DRAIN", "b/s3 DOWN", "cached/c1 UP"])
        #expect(servers.first { $0.name == "dnsweb2" }?.serverState.kind == .maint)
        let s1 = servers[0]
        #expect(s1[.rtime] == 5, "0.005 s is 5 ms")
        #expect(s1[.weight] == nil, "a gauge not asked for stays unknown")
        #expect(s1.sourceRates == SourceRates(requests: 21.2, responses: ResponseRates(r5xx: 2.135593220338983)))
        #expect(servers[1].sourceRates?.responses.r5xx == 0, "no 5xx series for a server with requests: none")
        #expect(servers[2].sourceRates == nil, "no rate series: unknown")
        #expect(rows.first { $0.kind == .backend }?.sourceRates == SourceRates(requests: 20, responses: ResponseRates(r2xx: 17, r5xx: 3)))
        let frontend = try #require(rows.first { $0.kind == .frontend })
        #expect(frontend.proxy == "fe" && frontend.status == "OPEN" && frontend.sourceRates?.requests == 20)
        #expect(!rows.contains { $0.kind == .server && $0.proxy == "fe" }, "a NaN rate makes no row")
    }

    @Test func nodesOfTheCapture() throws {
        let fleet = try capturedFleet()
        #expect(fleet.nodes.map(\.instance) == ["127.0.0.1:29170"])
        let node = fleet.nodes[0].sample
        #expect(node.sourceRates?.cpuPercent == 6.567796610169873)
        #expect(node.memoryAvailableBytes == 24689123328)
        #expect(node.memoryTotalBytes == nil && node.load1 == nil)
    }

    @Test func downTargetIsUnscrapedWithItsError() throws {
        let targets = #"{"status":"success","data":{"activeTargets":[{"labels":{"instance":"lb2:8405","job":"haproxy"},"health":"down","lastError":"connection refused","scrapeInterval":"15s"}]}}"#
        let fleet = try FleetMapper.map(Support.answers(targets: Array(targets.utf8), [:]))
        #expect(fleet.unscraped == [FleetSample.Unscraped(instance: "lb2:8405", reason: "scrape failed: connection refused")])
        #expect(fleet.scrapeInterval == 15)
    }

    @Test func oneBadQueryFailsThePollWithItsReason() throws {
        let answers = Support.answers([.backendGauges: try Support.fixture("query-error-bad-data-2.42.json")])
        let error = #expect(throws: CollectError.self) { try FleetMapper.map(answers) }
        #expect(error?.message.hasPrefix("backend-gauges query: Prometheus bad_data") == true)
        var missing = Support.answers([:])
        missing.parts.removeLast()
        #expect(throws: CollectError.self) { try FleetMapper.map(missing) }
        var failed = Support.answers([:])
        failed.parts.append(("error:node-cpu", Array("HTTP 502 Bad Gateway from prom:9090".utf8)))
        let transport = #expect(throws: CollectError.self) { try FleetMapper.map(failed) }
        #expect(transport?.message == "HTTP 502 Bad Gateway from prom:9090")
        #expect(throws: CollectError.self) { try PayloadDecoder.prometheusFleet.decode(Array("garbage".utf8)) }
    }
}
