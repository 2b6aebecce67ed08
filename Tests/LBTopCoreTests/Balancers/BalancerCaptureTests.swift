import Testing
@testable import LBTopCore

/// Each balancer format read from a real capture (`Fixtures/…`, sources in the fixtures README),
/// through the same decoder a target uses.
@Suite struct BalancerCaptureTests {
    func decode(_ name: String) throws -> BalancerSample {
        try BalancerBodyDecoder.decode(try Fixture.bytes(name)[...])
    }

    /// Source: Envoy admin `/clusters?format=json` as kept in istio/istio
    /// istioctl/pkg/writer/envoy/clusters/testdata/clusters.json (cluster `inbound_9092`).
    @Test func envoyClustersJSON() throws {
        let sample = try decode("envoy/clusters-json-istio-testdata-excerpt.json")
        #expect(sample.format == "envoy-clusters")
        #expect(sample.rows.map(\.kind) == [.server, .backend])
        let host = sample.rows[0]
        #expect(host.proxy == "inbound_9092" && host.name == "/sock/mixer.socket")
        #expect(host.serverState.kind == .up)
        #expect(host.requestCounter == 300076)
        #expect(host[.hrsp5xx] == 78, "rq_error counts the errors")
        #expect(host[.scur] == 8)
        #expect(host[.weight] == 1)
        #expect(host[.rtime] == nil, "Envoy gives no latency per host: unknown, not 0")
    }

    @Test func envoyHealthFlagsAndSocketAddresses() throws {
        let body = """
        {"cluster_statuses":[{"name":"web","host_statuses":[
          {"address":{"socket_address":{"address":"10.0.0.1","port_value":80}},"health_status":{"eds_health_status":"HEALTHY"},"stats":[{"name":"rq_total","value":"5"}]},
          {"address":{"socket_address":{"address":"::1","port_value":81}},"health_status":{"failed_active_health_check":true,"active_hc_timeout":true}},
          {"address":{"socket_address":{"address":"10.0.0.3","port_value":80}},"health_status":{"eds_health_status":"DRAINING"}},
          {"address":{"socket_address":{"address":"10.0.0.4","port_value":80}},"health_status":{"eds_health_status":"DEGRADED"}},
          {"address":{"socket_address":{"address":"10.0.0.5","port_value":80}},"health_status":{"pending_active_hc":true}}]}]}
        """
        let sample = try BalancerBodyDecoder.decode(Array(body.utf8)[...])
        let servers = sample.rows.filter { $0.kind == .server }
        #expect(servers.map(\.name) == ["10.0.0.1:80", "[::1]:81", "10.0.0.3:80", "10.0.0.4:80", "10.0.0.5:80"])
        #expect(servers.map(\.serverState.kind) == [.up, .down, .drain, .up, .unknown])
        #expect(servers.map(\.requestCounter) == [5, 0, 0, 0, 0], "a stat Envoy leaves out is 0")
        #expect(servers[3].serverState.detail == "degraded")
    }

    /// Source: Traefik v2 proxy `/metrics` from DataDog/integrations-core
    /// traefik_mesh/tests/fixtures/traefik_proxy.txt.
    @Test func traefikMetrics() throws {
        let sample = try decode("traefik/metrics-v2-traefik-mesh-proxy.prom")
        #expect(sample.format == "traefik")
        #expect(sample.rows.filter { $0.kind == .frontend }.map(\.proxy) == ["readiness", "traefik"])
        let readiness = try #require(sample.rows.first { $0.proxy == "readiness" })
        #expect(readiness.requestCounter == 70439, "70424 answered 200 and 15 answered 404")
        #expect(readiness[.hrsp4xx] == 15)
        #expect(readiness[.hrsp2xx] == 70424)
        let service = try #require(sample.rows.first { $0.kind == .backend })
        #expect(service.proxy == "readiness@http")
        #expect(service.requestCounter == 70424)
        #expect(service[.scur] == 0)
        #expect(!sample.rows.contains { $0.kind == .server }, "no health check in the capture: no server_up")
    }

    /// `traefik_service_server_up` as the Traefik docs describe it (no capture of it was found).
    @Test func traefikServerUp() throws {
        let body = """
        traefik_service_server_up{service="api@docker",url="http://10.0.0.3:80"} 1
        traefik_service_server_up{service="api@docker",url="http://10.0.0.4:80"} 0
        traefik_service_requests_total{code="503",method="GET",protocol="http",service="api@docker"} 7

        """
        let sample = try BalancerBodyDecoder.decode(Array(body.utf8)[...])
        let servers = sample.rows.filter { $0.kind == .server }
        #expect(servers.map(\.name) == ["http://10.0.0.3:80", "http://10.0.0.4:80"])
        #expect(servers.map(\.serverState.kind) == [.up, .down])
        #expect(servers.map(\.address) == ["10.0.0.3:80", "10.0.0.4:80"])
        #expect(servers.allSatisfy { $0.requestCounter == nil }, "Traefik counts requests per service only")
        #expect(sample.rows.last?[.hrsp5xx] == 7)
    }

    /// Source: NGINX Plus R27 `/api/8/http/upstreams` from netdata/netdata
    /// src/go/plugin/go.d/collector/nginxplus/testdata/api-8/http_upstreams.json.
    @Test func nginxPlusR27() throws {
        let sample = try decode("nginx/plus-api-8-http-upstreams-r27.json")
        #expect(sample.format == "nginx-plus")
        let servers = sample.rows.filter { $0.kind == .server }
        #expect(servers.map { "\($0.proxy)/\($0.name)" } == ["backend/127.0.0.1:81", "backend/127.0.0.1:82"])
        #expect(servers.map(\.serverState.kind) == [.down, .up])
        #expect(servers.map { $0[.weight] } == [5, 1])
        #expect(servers.map(\.requestCounter) == [26, 102])
        #expect(servers.map { $0[.hrsp2xx] } == [0, 102])
        #expect(servers.map { $0[.rtime] } == [0, 1])
        #expect(servers.map { $0[.downtime] } == [1020, 0])
    }

    /// Source: the documented example of `GET /api/9/http/upstreams/` in nginx/nginx.org
    /// yaml/nginx_api.yaml, converted to JSON.
    @Test func nginxPlusAPI9Example() throws {
        let sample = try decode("nginx/plus-api-9-http-upstreams-docs-example.json")
        let servers = sample.rows.filter { $0.kind == .server }
        #expect(!servers.isEmpty)
        #expect(servers.contains { $0.serverState.kind == .down && $0[.bck] == 1 }, "the unhealthy backup peer")
        #expect(Set(sample.rows.filter { $0.kind == .backend }.map(\.proxy)).count == Set(servers.map(\.proxy)).count)
    }

    /// Source: Caddy 2.6.2 (Debian) admin API, captured on loopback (see the file's header).
    @Test func caddyUpstreams() throws {
        let capture = try Fixture.text("caddy/reverse-proxy-upstreams-2.6.txt")
        let answers = capture.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(answers.count >= 8)
        let busy = try BalancerBodyDecoder.decode(Array(answers[1].utf8)[...])
        #expect(busy.format == "caddy-upstreams")
        #expect(busy.rows.map(\.name) == ["127.0.0.1:29162", "127.0.0.1:29163", "127.0.0.1:29165", "BACKEND"])
        #expect(busy.rows.prefix(3).map { $0[.scur] } == [3, 3, 0], "num_requests is in flight")
        #expect(busy.rows.prefix(3).allSatisfy { $0.requestCounter == nil }, "Caddy has no request totals")
        let failed = try BalancerBodyDecoder.decode(Array(answers[4].utf8)[...])
        #expect(failed.rows.prefix(3).map(\.serverState.kind) == [.up, .up, .down])
        let reordered = try BalancerBodyDecoder.decode(Array(answers[2].utf8)[...])
        #expect(reordered.rows.map(\.name) == busy.rows.map(\.name), "sorted: Caddy's order changes between calls")
    }

    /// Source: the 2021 build of caddyserver/caddy PR #4125, with the since-removed `healthy`.
    @Test func caddyWithHealthyField() throws {
        let sample = try decode("caddy/reverse-proxy-upstreams-pr4125.json")
        #expect(sample.rows.filter { $0.kind == .server }.count == 3)
        let docs = try decode("caddy/reverse-proxy-upstreams-docs-example.json")
        #expect(docs.format == "caddy-upstreams")
    }

    /// Source: nginx 1.22.1 (Debian) `stub_status`.
    @Test func nginxStubStatus() throws {
        let sample = try decode("nginx/nginx-stub-status-1.22.txt")
        #expect(sample.format == "nginx-stub-status")
        #expect(sample.rows.count == 1)
        let row = sample.rows[0]
        #expect(row.kind == .frontend && row.proxy == "nginx")
        #expect(row[.scur] == 1)
        #expect(row.requestCounter == 31)
        #expect(throws: CollectError(.badPayload, "not an nginx stub_status page")) {
            try BalancerBodyDecoder.decode(Array("Active connections: lots\n".utf8)[...])
        }
    }

    @Test func unknownJSONSaysWhatItExpected() {
        #expect(throws: CollectError.self) { try BalancerBodyDecoder.decode(Array("{\"a\": 1}".utf8)[...]) }
        #expect(throws: CollectError(.badPayload, "malformed JSON")) { try BalancerBodyDecoder.decode(Array("{\"a\": ".utf8)[...]) }
    }

    /// Found by `Tests/fuzz/run.sh` (target traefik): a request counter of `704e24` trapped in
    /// Int64(Double). A sample past Int64, or one whose sum would pass it, is left out.
    @Test func traefikCountersPastInt64AreLeftOut() throws {
        let fuzzed = try Fixture.bytes("fuzz/traefik-b980112f.bin")
        _ = TraefikMetricsParser.parse(fuzzed)
        let body = """
            traefik_service_requests_total{code="200",method="GET",protocol="http",service="app@docker"} 1e19
            traefik_service_requests_total{code="200",method="GET",protocol="http",service="app@docker"} 9e18
            traefik_service_requests_total{code="500",method="GET",protocol="http",service="app@docker"} 9e18
            traefik_service_open_connections{method="GET",protocol="http",service="app@docker"} 1e300

            """
        let sample = TraefikMetricsParser.parse(Array(body.utf8))
        let backend = try #require(sample.rows.first { $0.kind == .backend })
        #expect(backend[.reqTot] == 9_000_000_000_000_000_000, "1e19 left out, the second 9e18 would overflow")
        #expect(backend[.hrsp2xx] == 9_000_000_000_000_000_000)
        #expect(backend[.hrsp5xx] == 9_000_000_000_000_000_000)
        #expect(backend[.scur] == nil)
    }
}
