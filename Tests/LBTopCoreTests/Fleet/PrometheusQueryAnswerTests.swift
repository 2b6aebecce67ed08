import Testing
@testable import LBTopCore

/// The Prometheus query API's answers as captured from Prometheus 2.42.0 (Debian), and broken ones.
@Suite struct PrometheusQueryAnswerTests {
    @Test func currentServerStates() throws {
        let series = try PrometheusQueryAnswer.vector(try FleetAnswersSupport.fixture("query-haproxy-server-status-current-2.42.json"))
        #expect(series.count == 13)
        #expect(series[0].labels == ["__name__": "haproxy_server_status", "instance": "127.0.0.1:29132", "job": "haproxy",
                                     "proxy": "b", "server": "s1", "state": "UP"])
        #expect(series.map { $0["state"] ?? "" }.prefix(3) == ["UP", "DRAIN", "DOWN"])
        #expect(series.allSatisfy { $0.value == 1 })
    }

    @Test func nanStaysNaN() throws {
        let series = try PrometheusQueryAnswer.vector(try FleetAnswersSupport.fixture("query-nan-limit-sessions-2.42.json"))
        #expect(series.count == 3 && series.allSatisfy { $0.value.isNaN })
        #expect(PrometheusQueryAnswer.value("+Inf") == .infinity && PrometheusQueryAnswer.value("-Inf") == -.infinity)
        #expect(PrometheusQueryAnswer.value("2.4902385664e+10") == 2.4902385664e10)
    }

    @Test func emptyResultIsNoSeries() throws {
        #expect(try PrometheusQueryAnswer.vector(try FleetAnswersSupport.fixture("query-empty-2.42.json")).isEmpty)
    }

    @Test func errorAnswerNamesTypeAndText() throws {
        let error = #expect(throws: CollectError.self) {
            try PrometheusQueryAnswer.vector(try FleetAnswersSupport.fixture("query-error-bad-data-2.42.json"))
        }
        #expect(error?.message == "Prometheus bad_data: invalid parameter \"query\": 1:31: parse error: unclosed left parenthesis")
    }

    @Test func otherResultTypesAreRefused() throws {
        let scalar = #expect(throws: CollectError.self) {
            try PrometheusQueryAnswer.vector(try FleetAnswersSupport.fixture("query-scalar-2.42.json"))
        }
        #expect(scalar?.message == "Prometheus answered a scalar, not a vector")
        let matrix = #expect(throws: CollectError.self) {
            try PrometheusQueryAnswer.vector(try FleetAnswersSupport.fixture("query-range-server-rps-2.42.json"))
        }
        #expect(matrix?.message == "Prometheus answered a matrix, not a vector")
    }

    @Test func warningsMakeAPartialAnswer() throws {
        let body = #"{"status":"success","warnings":["remote read timed out"],"data":{"resultType":"vector","result":[]}}"#
        let error = #expect(throws: CollectError.self) { try PrometheusQueryAnswer.vector(Array(body.utf8)) }
        #expect(error?.message == "partial answer from Prometheus: remote read timed out")
    }

    @Test func brokenAnswers() throws {
        let whole = try FleetAnswersSupport.fixture("query-haproxy-server-weight-2.42.json")
        let cut = #expect(throws: CollectError.self) { try PrometheusQueryAnswer.vector(Array(whole.prefix(whole.count / 2))) }
        #expect(cut?.message == "malformed JSON")
        for body in [#"[1,2]"#, #"{"data":{}}"#, #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1]}]}}"#,
                     "<html>proxy error</html>"] {
            #expect(throws: CollectError.self) { try PrometheusQueryAnswer.vector(Array(body.utf8)) }
        }
    }

    @Test func targetsGiveScrapeIntervalAndHealth() throws {
        let targets = try PrometheusTargetsAnswer.targets(try FleetAnswersSupport.fixture("targets-2.42.json"))
        #expect(targets == [PrometheusTarget(instance: "127.0.0.1:29132", job: "haproxy", health: "up", scrapeInterval: 1),
                            PrometheusTarget(instance: "127.0.0.1:29170", job: "node", health: "up", scrapeInterval: 1)])
        #expect(PrometheusTargetsAnswer.duration("1m30s") == 90)
        #expect(PrometheusTargetsAnswer.duration("500ms") == 0.5)
        #expect(PrometheusTargetsAnswer.duration("15") == nil && PrometheusTargetsAnswer.duration("x") == nil)
    }

    @Test func framedAnswersRoundTrip() throws {
        let answers = FleetAnswers(parts: [("targets", Array("{}".utf8)), ("server-status", []), ("node-cpu", Array("a\nb".utf8))])
        #expect(FleetAnswers(framed: answers.framed) == answers)
        #expect(FleetAnswers(framed: Array("targets 99\n{}\n".utf8)) == nil)
    }

    @Test func queriesCarryTheMatchAndTheRange() {
        #expect(FleetQuery.matchInside("{job=\"haproxy\"}") == "job=\"haproxy\"")
        #expect(FleetQuery.matchInside("") == "")
        #expect(FleetQuery.matchInside("{job=\"haproxy\"") == nil)
        #expect(FleetQuery.serverRequests.promQL(match: "job=\"lb\"", range: 4)
            == "sum by (instance, proxy, server) (rate(haproxy_server_http_responses_total{job=\"lb\"}[4s]))")
        #expect(FleetQuery.serverErrors.promQL(match: "", range: 60)
            == "sum by (instance, proxy, server) (rate(haproxy_server_http_responses_total{code=\"5xx\"}[60s]))")
        #expect(FleetQuery.range(scrapeInterval: 1) == 4 && FleetQuery.range(scrapeInterval: nil) == 60)
        #expect(FleetQuery.range(scrapeInterval: 0.2) == 2)
    }
}

/// The reader behind the API answers, on what JSON allows and forbids.
@Suite struct CompactJSONTests {
    @Test func valuesEscapesAndNesting() {
        let text = #" {"a":[1,-2.5e3,true,false,null],"s":"q\"\\\/\n\u00e9\ud83d\ude00","o":{}} "#
        let value = CompactJSON.parse(Array(text.utf8))
        #expect(value?["a"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]))
        #expect(value?["s"]?.string == "q\"\\/\né😀")
        #expect(value?["o"] == .object([]))
    }

    @Test func faultsAreRefused() {
        for text in ["", "{", "{\"a\":1,}", "[1 2]", "\"tab\there\"", "01x", "{\"a\" 1}", "tru", "\"\\x\"", "1 2",
                     String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            #expect(CompactJSON.parse(Array(text.utf8)) == nil, "\(text)")
        }
    }
}
