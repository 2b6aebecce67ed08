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

    /// Prometheus 2.42.0 (Debian) scraping the captures `traefik/metrics-v2-traefik-mesh-proxy.prom`,
    /// `envoy/stats-prometheus-consul-dataplane-subset.prom` and `caddy/metrics-2.6.prom` every
    /// second (each counter grown by 1 % of its captured value a second, so rates are not 0),
    /// answering `proxy-gauges` and `proxy-requests` as `FleetQuery` writes them (range 4 s).
    @Test func traefikEnvoyAndCaddyOfTheCaptures() throws {
        let fleet = try FleetMapper.map(Support.answers([
            .proxyGauges: try Support.fixture("query-proxy-gauges-2.42.json"),
            .proxyRequests: try Support.fixture("query-proxy-requests-2.42.json"),
        ]))
        #expect(fleet.balancers.map(\.instance) == ["traefik-1:8080", "envoy-1:9901", "caddy-1:2019"])
        func rows(_ index: Int) -> [String] {
            fleet.balancers[index].sample.rows.map { "\($0.proxy)/\($0.name) \($0.status)" }
        }
        func row(_ index: Int, _ proxy: String, _ name: String) -> StatRow? {
            fleet.balancers[index].sample.rows.first { $0.proxy == proxy && $0.name == name }
        }

        // Traefik: entry points are frontends, services backends (no server_up: no health check).
        #expect(rows(0) == ["readiness/FRONTEND OPEN", "traefik/FRONTEND OPEN", "readiness@http/BACKEND UP"])
        let entry = try #require(row(0, "traefik", "FRONTEND"))
        #expect(entry[.scur] == 1)
        #expect(entry.sourceRates?.responses == ResponseRates(r2xx: 774.6459441489393, r4xx: 0.010305851063829833))
        #expect(entry.sourceRates?.requests == 774.6459441489393 + 0.010305851063829833)
        #expect(row(0, "readiness@http", "BACKEND")?.sourceRates?.responses.r2xx == 704.218417553188)

        // Envoy: clusters are backends, UP while a member is healthy; no per-host series.
        #expect(rows(1) == ["consul-dataplane/BACKEND UP", "local_app/BACKEND UP", "original-destination/BACKEND DOWN",
                            "prometheus_backend/BACKEND UP"])
        #expect(row(1, "prometheus_backend", "BACKEND")?[.scur] == 2)
        #expect(row(1, "consul-dataplane", "BACKEND")?[.act] == 1)
        let local = try #require(row(1, "local_app", "BACKEND")?.sourceRates)
        #expect(local.requests == 17.578333333333223 && local.responses.total == nil, "no rq_xx for a cluster without HTTP responses")
        #expect(row(1, "prometheus_backend", "BACKEND")?.sourceRates?.responses.r2xx == 0.02999999999999995)

        // Caddy: upstreams are the servers of one backend, its HTTP servers frontends.
        #expect(rows(2) == ["srv0/FRONTEND OPEN", "srv1/FRONTEND OPEN", "reverse_proxy/127.0.0.1:29162 DOWN",
                            "reverse_proxy/127.0.0.1:29163 UP", "reverse_proxy/127.0.0.1:29165 UP", "reverse_proxy/BACKEND UP"])
        #expect(row(2, "reverse_proxy", "127.0.0.1:29163")?.address == "127.0.0.1:29163")
        #expect(row(2, "srv0", "FRONTEND")?.sourceRates?.requests == 0.22981987991994665)
        #expect(row(2, "srv1", "FRONTEND")?[.scur] == 0)
    }

    /// `traefik_service_server_up{service,url}` (`../shared/FORMATS.md` §6.3): present only for a
    /// service with a health check, and in no capture found; written here as Prometheus answers it.
    @Test func traefikServersAreItsServerURLs() throws {
        func fleet(_ states: [String]) throws -> [String] {
            let gauges = Support.vector(states.enumerated().map { index, state in
                (["__name__": "traefik_service_server_up", "instance": "edge:8080", "service": "web@docker",
                  "url": "http://10.0.0.\(index + 3):80"], state)
            })
            let sample = try FleetMapper.map(Support.answers([.proxyGauges: Array(gauges.utf8)]))
            return sample.balancers.flatMap(\.sample.rows).map { "\($0.name) \($0.status) \($0.address ?? "-")" }
        }
        #expect(try fleet(["1", "0"]) == ["http://10.0.0.3:80 UP 10.0.0.3:80", "http://10.0.0.4:80 DOWN 10.0.0.4:80", "BACKEND UP -"])
        #expect(try fleet(["0", "0"]).last == "BACKEND DOWN -")
    }
}
