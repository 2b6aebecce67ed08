import Testing
@testable import LBTopCore

@Suite struct NginxLogParserTests {
    static func requests(_ name: String) throws -> [LogRequest] {
        try HAProxyLogParserTests.lines(name).map(HAProxyLogParserTests.request)
    }

    @Test func everyFieldOfARetriedRequest() throws {
        let first = try Self.requests("nginx/access-upstream-1.22.log")[0]
        #expect(first == LogRequest(
            format: .nginx, client: "127.0.0.1", backend: "pool", server: "127.0.0.1:29101", status: 200,
            bytes: 26, serverMs: 1, totalMs: 1, retries: 1, method: "GET", path: "/first",
            tries: [LogUpstreamTry(address: "127.0.0.1:29186", status: 502, responseMs: 0),
                    LogUpstreamTry(address: "127.0.0.1:29101", status: 200, responseMs: 1)]))
    }

    @Test func textAndJSONLayoutsAgree() throws {
        let text = try Self.requests("nginx/access-upstream-1.22.log")
        let json = try Self.requests("nginx/access-upstream-json-1.22.log")
        #expect(text.count == 20 && json.count == 20)
        for (plain, structured) in zip(text, json) {
            var same = structured
            same.format = .nginx
            // Escapes differ by layout (`\x22` against `"`); everything else is the same.
            if plain.path?.contains("\\x") == true { same.path = plain.path }
            #expect(plain == same)
        }
    }

    @Test func cacheHitsRedirectsAndDeadBlocks() throws {
        let lines = try Self.requests("nginx/access-upstream-1.22.log")
        #expect(lines[3].cacheStatus == "MISS" && lines[4].cacheStatus == "HIT" && lines[5].cacheStatus == "BYPASS")
        #expect(lines[4].server == nil && lines[4].tries.isEmpty && lines[4].backend == "cpool")
        #expect(lines[6].backend == nil && lines[6].server == nil && lines[6].cacheStatus == nil)  // `return`
        let abort = lines[12]
        #expect(abort.status == 499 && abort.tries == [LogUpstreamTry(address: "127.0.0.1:29101", status: nil, responseMs: 202)])
        let timeout = lines[13]
        #expect(timeout.retries == 1 && timeout.totalMs == 2003 && timeout.serverMs == 1001 && timeout.server == "127.0.0.1:29102")
        let noLive = lines[14]  // `$upstream_addr` is the block's name
        #expect(noLive.server == nil && noLive.backend == "slowpool" && noLive.tries.count == 1)
        let redirect = lines[16]  // 127.0.0.1:29186, 127.0.0.1:29188 : 127.0.0.1:29103
        #expect(redirect.tries.map(\.address) == ["127.0.0.1:29186", "127.0.0.1:29188", "127.0.0.1:29103"])
        #expect(redirect.tries.map(\.status) == [502, 502, 200] && redirect.server == "127.0.0.1:29103" && redirect.retries == 2)
        #expect(lines[8].client == "::1")
        #expect(lines[10].path == "/raw\\x1B[31mred" && lines[10].status == 400)
        #expect(lines[11].method == nil && lines[11].status == 400)  // "garbage"
    }

    @Test func jsonEscapesAreDecoded() throws {
        let line = Array(#"{"remote_addr":"::1","request":"GET /a\"b\u001B\u00e9\ud83d\ude00 HTTP/1.1","status":200,"request_time":0.250,"upstream_addr":"","proxy_host":"-"}"#.utf8)
        let request = try HAProxyLogParserTests.request(line)
        #expect(request.path == "/a\"b\u{1B}é😀" && request.totalMs == 250 && request.backend == nil && request.tries.isEmpty)
    }

    @Test func brokenLinesAreMalformed() throws {
        let text = try HAProxyLogParserTests.lines("nginx/access-upstream-1.22.log")[0]
        let json = try HAProxyLogParserTests.lines("nginx/access-upstream-json-1.22.log")[0]
        for cut in stride(from: 10, to: text.count - 6, by: 7) {
            #expect(LogLineParser.parse(Array(text.prefix(cut))) == .malformed, "text cut at \(cut)")
        }
        for cut in stride(from: 1, to: json.count - 1, by: 5) {
            #expect(LogLineParser.parse(Array(json.prefix(cut))) == .malformed, "json cut at \(cut)")
        }
        #expect(LogLineParser.parse(Array(#"{"status":"x","request_time":1,"upstream_addr":""}"#.utf8)) == .malformed)
        #expect(LogLineParser.parse(Array(#"{"status":200,"request_time":1,"upstream_addr":"a, b","upstream_status":"200","upstream_response_time":"0.1"}"#.utf8)) == .malformed)
        #expect(LogLineParser.parse(Array(#"{"a":{"b":1}}"#.utf8)) == .malformed)
    }
}
