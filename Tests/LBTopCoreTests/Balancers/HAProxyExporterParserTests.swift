import Testing
@testable import LBTopCore

/// `Fixtures/haproxy/prometheus-exporter-2.6.prom`: HAProxy 2.6.12 (Debian) serving
/// `http-request use-service prometheus-exporter`, all servers UP, after 100 requests per backend.
@Suite struct HAProxyExporterParserTests {
    @Test func theCaptureGivesTheSameRowsAsTheCSVWould() throws {
        let sample = HAProxyExporterParser.parse(try Fixture.bytes("haproxy/prometheus-exporter-2.6.prom"))
        #expect(sample.format == "haproxy-exporter")
        #expect(sample.skippedLines == 0)
        let servers = sample.rows.filter { $0.kind == .server }
        #expect(servers.map { "\($0.proxy)/\($0.name)" } == ["app/app1", "app/app2", "app/app3", "api/api1", "api/api2"])
        #expect(servers.map(\.serverState.kind) == [.up, .up, .up, .up, .up])
        #expect(servers.map(\.checkStatus) == ["L7OK", "L7OK", "L7OK", "L4OK", "L4OK"])
        #expect(servers.map { $0[.weight] } == [1, 1, 1, 1, 50])
        // No server request counter in 2.6: the sum of the response classes stands in.
        #expect(servers.map(\.requestCounter) == [33, 33, 34, 50, 50])
        #expect(servers.map { $0[.hrsp2xx] } == [33, 33, 34, 50, 50])
        #expect(servers.map { $0[.rtime] } == [1, 1, 1, 1, 1])
        #expect(servers.map { $0[.ttime] } == [1, 1, 1, 1, 1])
        #expect(servers.allSatisfy { $0[.slim] == nil && $0[.qlimit] == nil }, "NaN is unknown, not 0")
        #expect(servers.allSatisfy { $0.address == nil })
        #expect(servers.first?[.lastchg] == 6)

        #expect(sample.rows.filter { $0.kind == .frontend }.map(\.proxy) == ["web", "stats", "prometheus"])
        let backends = sample.rows.filter { $0.kind == .backend }
        #expect(backends.map(\.proxy) == ["app", "api"])
        #expect(backends.map(\.requestCounter) == [100, 100])
        #expect(backends.map(\.status) == ["UP", "UP"])
        #expect(sample.process?.version == "2.6.12-1+deb12u4")
        #expect(sample.process?.uptimeSeconds == 7)
    }

    @Test func rowsFollowTheCSVOrderPerProxy() throws {
        let sample = HAProxyExporterParser.parse(try Fixture.bytes("haproxy/prometheus-exporter-2.6.prom"))
        let app = sample.rows.filter { $0.proxy == "app" }.map(\.name)
        #expect(app == ["app1", "app2", "app3", "BACKEND"])
    }

    @Test func theDecoderTellsTheExporterFromOtherMetrics() throws {
        let exporter = try BalancerBodyDecoder.decode(try Fixture.bytes("haproxy/prometheus-exporter-2.6.prom")[...])
        #expect(exporter.format == "haproxy-exporter")
        let csv = try BalancerBodyDecoder.decode(try Fixture.bytes("haproxy/show-stat-2.6.csv")[...])
        #expect(csv.format == "haproxy-csv")
        #expect(throws: CollectError(.badPayload, "got node_exporter metrics: pass this URL with --node")) {
            try BalancerBodyDecoder.decode(try Fixture.bytes("node/node-exporter-1.5.prom")[...])
        }
    }

    @Test func aServerInEachStateAndAMalformedLine() {
        let body = """
        haproxy_server_status{proxy="b",server="s1",state="UP"} 0
        haproxy_server_status{proxy="b",server="s1",state="DRAIN"} 1
        haproxy_server_status{proxy="b",server="s2",state="DOWN"} 1
        haproxy_server_status{proxy="b",server="s3",state="MAINT"} 1
        haproxy_server_current_sessions{proxy="b",server="s1"} 4
        haproxy_server_sessions_total{proxy="b",server="s1"} 2
        haproxy_server_http_responses_total{proxy="b",server="s1",code="2xx"} 5
        haproxy_server_http_responses_total{proxy="b",server="s1",code="5xx"} 1
        haproxy_server_current_sessions{proxy="b",server="s2"
        haproxy_server_weight{proxy="b"} 3

        """
        let sample = HAProxyExporterParser.parse(Array(body.utf8))
        #expect(sample.rows.map(\.serverState.kind) == [.drain, .down, .maint])
        #expect(sample.rows.map { $0[.scur] } == [4, nil, nil])
        #expect(sample.rows.first?.requestCounter == 6, "requests are responses of every class, not sessions")
        #expect(sample.skippedLines == 1)
        #expect(sample.rows.allSatisfy { $0[.weight] == nil }, "a server sample without `server` is dropped")
    }
}
