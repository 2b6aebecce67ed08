import Foundation
import Testing
@testable import LBTopCore

/// The Prometheus query API's answers as captured from Prometheus 2.42.0 (Debian), and broken ones.
@Suite struct PrometheusQueryAnswerTests {
    typealias Series = FleetAnswersSupport.Series
    func vector(_ bytes: [UInt8]) throws(CollectError) -> [Series] { try FleetAnswersSupport.series(bytes) }

    @Test func currentServerStates() throws {
        let series = try vector(try FleetAnswersSupport.fixture("query-haproxy-server-status-current-2.42.json"))
        #expect(series.count == 13)
        #expect(series[0] == Series(name: "haproxy_server_status", labels: ["instance": "127.0.0.1:29132", "job": "haproxy",
                                                                           "proxy": "b", "server": "s1", "state": "UP"], value: 1))
        #expect(series.map { $0.labels["state"] ?? "" }.prefix(3) == ["UP", "DRAIN", "DOWN"])
        #expect(series.allSatisfy { $0.value == 1 })
    }

    @Test func valuesAsGoWritesThem() throws {
        let series = try vector(try FleetAnswersSupport.fixture("query-nan-limit-sessions-2.42.json"))
        #expect(series.count == 3 && series.allSatisfy { $0.value.isNaN })
        let written = FleetAnswersSupport.vector([([:], "+Inf"), ([:], "-Inf"), ([:], "2.4902385664e+10"), ([:], "Inf")])
        #expect(try vector(Array(written.utf8)).map(\.value) == [.infinity, -.infinity, 2.4902385664e10, .infinity])
        let unnamed = try #require(try vector(Array(written.utf8)).first)
        #expect(unnamed.name.isEmpty && unnamed.labels.isEmpty, "a rate has no __name__")
    }

    @Test func escapedLabelValuesAreDecoded() throws {
        let body = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","path":"/a\"b\u00e9\\","x":"\ud83d\ude00"},"value":[1,"1"]}]}}"#
        #expect(try vector(Array(body.utf8)) == [Series(name: "up", labels: ["path": "/a\"bé\\", "x": "😀"], value: 1)])
    }

    @Test func emptyResultIsNoSeries() throws {
        #expect(try vector(try FleetAnswersSupport.fixture("query-empty-2.42.json")).isEmpty)
    }

    @Test func errorAnswerNamesTypeAndText() throws {
        let error = #expect(throws: CollectError.self) {
            try vector(try FleetAnswersSupport.fixture("query-error-bad-data-2.42.json"))
        }
        #expect(error?.message == "Prometheus bad_data: invalid parameter \"query\": 1:31: parse error: unclosed left parenthesis")
    }

    @Test func otherResultTypesAreRefused() throws {
        let scalar = #expect(throws: CollectError.self) {
            try vector(try FleetAnswersSupport.fixture("query-scalar-2.42.json"))
        }
        #expect(scalar?.message == "Prometheus answered a scalar, not a vector")
        let matrix = #expect(throws: CollectError.self) {
            try vector(try FleetAnswersSupport.fixture("query-range-server-rps-2.42.json"))
        }
        #expect(matrix?.message == "Prometheus answered a matrix, not a vector")
    }

    @Test func warningsMakeAPartialAnswer() throws {
        let body = #"{"status":"success","warnings":["remote read timed out"],"data":{"resultType":"vector","result":[]}}"#
        let error = #expect(throws: CollectError.self) { try vector(Array(body.utf8)) }
        #expect(error?.message == "partial answer from Prometheus: remote read timed out")
    }

    @Test func brokenAnswers() throws {
        let whole = try FleetAnswersSupport.fixture("query-haproxy-server-weight-2.42.json")
        let cut = #expect(throws: CollectError.self) { try vector(Array(whole.prefix(whole.count / 2))) }
        #expect(cut?.message == "malformed JSON")
        for body in [#"[1,2]"#, #"{"data":{}}"#, #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1]}]}}"#,
                     "<html>proxy error</html>"] {
            #expect(throws: CollectError.self) { try vector(Array(body.utf8)) }
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
            == "sum by (instance, proxy, server) (rate(haproxy_server_http_responses_total{code=\"5xx\"}[60s])) > 0")
        let proxies = FleetQuery.proxyGauges.promQL(match: "job=\"edge\"", range: 4) + FleetQuery.proxyRequests.promQL(match: "job=\"edge\"", range: 4)
        #expect(proxies.components(separatedBy: "job=\"edge\"").count - 1 == 6, "the match in each balancer's part")
        #expect(FleetQuery.allCases.count == 16, "a fixed set of queries, whatever the fleet")
        #expect(FleetQuery.range(scrapeInterval: 1) == 4 && FleetQuery.range(scrapeInterval: nil) == 60)
        #expect(FleetQuery.range(scrapeInterval: 0.2) == 2)
    }
}

/// The reader behind the API answers, on what JSON allows and forbids.
@Suite struct JSONScannerTests {
    /// Whether `text` is one well-formed JSON value, stepped over by the scanner.
    func wellFormed(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var scanner = JSONScanner(bytes)
            scanner.skip()
            return scanner.atEnd()
        }
    }

    @Test func valuesEscapesAndNesting() {
        let text = #" {"a":[1,-2.5e3,true,false,null,{}],"s":"q\"\\\/\n\u00e9\ud83d\ude00","o":{"p":[[]]}} "#
        #expect(wellFormed(text))
        let decoded = Array(text.utf8).withUnsafeBufferPointer { bytes -> [String] in
            var scanner = JSONScanner(bytes)
            var keys: [String] = []
            guard var members = scanner.object() else { return [] }
            while let key = scanner.nextKey(&members) {
                keys.append(scanner.string(key))
                if scanner.matches(key, "s") { keys.append(scanner.stringValue() ?? "not a string") } else { scanner.skip() }
            }
            return scanner.atEnd() ? keys : []
        }
        #expect(decoded == ["a", "s", "q\"\\/\né😀", "o"])
    }

    @Test func faultsAreRefused() {
        for text in ["", "{", "{\"a\":1,}", "[1,]", "[1 2]", "\"tab\there\"", "01x", "{\"a\" 1}", "tru", "\"\\x\"", "1 2",
                     "\"\\u12\"", "-", "1.", "1e", "{1:2}", "[1}", String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            #expect(!wellFormed(text), "\(text)")
        }
    }
}
