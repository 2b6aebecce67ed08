import Testing
@testable import LBTopCore

@Suite struct HAProxyLogParserTests {
    static func lines(_ name: String) throws -> [[UInt8]] {
        try Fixture.bytes(name).split(separator: ASCIINumber.newline, omittingEmptySubsequences: true).map(Array.init)
    }

    static func request(_ line: [UInt8]) throws -> LogRequest {
        guard case .request(let request) = LogLineParser.parse(line) else {
            Issue.record("not a request: \(String(decoding: line, as: UTF8.self))")
            throw CancellationError()
        }
        return request
    }

    @Test func everyFieldOfANormalRequest() throws {
        let lines = try Self.lines("haproxy/httplog-udp-2.6.txt")
        #expect(try Self.request(lines[2]) == LogRequest(
            format: .haproxyHTTP, client: "127.0.0.1", frontend: "web", backend: "app", server: "s1", status: 200,
            bytes: 158, queueMs: 0, connectMs: 0, serverMs: 1, totalMs: 1, termination: "--NI", retries: 0,
            method: "GET", path: "/"))
    }

    @Test func unreachedPhasesAreUnknownNotZero() throws {
        let lines = try Self.lines("haproxy/httplog-udp-2.6.txt")
        let timeout = try Self.request(lines[7])  // 504 sHNN 0/0/0/-1/1002
        #expect(timeout.status == 504 && timeout.serverMs == nil && timeout.totalMs == 1002 && timeout.termination == "sHNN")
        let refused = try Self.request(lines[8])  // SC-- 0/0/-1/-1/3003, 3 retries
        #expect(refused.connectMs == nil && refused.serverMs == nil && refused.totalMs == 3003)
        #expect(refused.retries == 3 && refused.backend == "refused" && refused.server == "r1" && !refused.redispatched)
        let noServer = try Self.request(lines[9])
        #expect(noServer.backend == "dead" && noServer.server == nil && noServer.status == 503 && noServer.queueMs == nil)
        let badRequest = try Self.request(lines[14])
        #expect(badRequest.backend == "web" && badRequest.server == nil && badRequest.method == nil && badRequest.path == nil)
        #expect(badRequest.termination == "PR--" && badRequest.totalMs == 0 && badRequest.status == 400)
        let clientTimeout = try Self.request(lines[29])
        #expect(clientTimeout.status == 408 && clientTimeout.totalMs == 3001 && clientTimeout.termination == "cR--")
    }

    @Test func requestLineFromTheRightOfCapturedHeaders() throws {
        let lines = try Self.lines("haproxy/httplog-udp-2.6.txt")
        let captured = try Self.request(lines[42])  // {lb.example|Mozilla/5.0 (X11; Linux x86_64} {text/plain}
        #expect(captured.frontend == "webcap" && captured.path == "/ua-space" && captured.termination == "--NI")
        #expect(try Self.request(lines[23]).path == "/")
    }

    @Test func escapedAndCutURIsAreKeptAsLogged() throws {
        let lines = try Self.lines("haproxy/httplog-udp-2.6.txt")
        #expect(try Self.request(lines[15]).path == "/say#22hi#22")
        #expect(try Self.request(lines[32]).path == "/utf8/caf#C3#A9")
        #expect(try Self.request(lines[13]).path == "/q?a=%22quoted%22&sp=%20&h=%23")
        let cut = try Self.request(lines[12])  // HAProxy's `len` cut the line inside the URI
        #expect(cut.path?.hasPrefix("/long/xxxx") == true && cut.path?.hasSuffix("x") == true && cut.status == 200)
        #expect(lines[12].count == 1024)
    }

    @Test func ipv6ClientSplitsAtTheLastColon() throws {
        #expect(try Self.request(Self.lines("haproxy/httplog-udp-2.6.txt")[27]).client == "::1")
    }

    @Test func redispatchMarkIsRead() throws {
        let line = Array(#"10.0.0.1:5000 [02/Dec/2026:00:42:14.375] web app/s2 0/0/1/3/4 200 10 - - ---- 1/1/0/0/+1 0/0 "GET /r HTTP/1.1""#.utf8)
        let request = try Self.request(line)
        #expect(request.redispatched && request.retries == 1 && request.server == "s2")
    }

    @Test func tcplogLines() throws {
        let lines = try Self.lines("haproxy/tcplog-udp-2.6.txt")
        #expect(try Self.request(lines[2]) == LogRequest(
            format: .haproxyTCP, client: "127.0.0.1", frontend: "tcpfe", backend: "tcpapp", server: "t1",
            bytes: 11, queueMs: 1, connectMs: 0, totalMs: 0, termination: "--"))
        let refused = try Self.request(lines[3])
        #expect(refused.termination == "SC" && refused.connectMs == nil && refused.totalMs == 3005 && refused.retries == 3)
        let noServer = try Self.request(lines[4])
        #expect(noServer.server == nil && noServer.backend == "tcpdead" && noServer.queueMs == nil)
        #expect(try Self.request(lines[6]).termination == "sD")
        #expect(try Self.request(lines[7]).termination == "CD")
    }

    @Test func serverEventsAreKeptApartFromRequests() throws {
        let lines = try Self.lines("haproxy/httplog-udp-2.6.txt")
        #expect(LogLineParser.parse(lines[0]) == .event(LogServerEvent(
            kind: .serverDown, backend: "dead", server: "d1",
            text: #"Server dead/d1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue."#)))
        #expect(LogLineParser.parse(lines[1]) == .event(LogServerEvent(kind: .backendDown, backend: "dead",
                                                                      text: "backend dead has no server available!")))
        guard case .event(let maintenance) = LogLineParser.parse(lines[39]),
              case .event(let ready) = LogLineParser.parse(lines[41]) else {
            Issue.record("events not recognised")
            return
        }
        #expect(maintenance.kind == .serverMaintenance && maintenance.server == "s3")
        #expect(ready.kind == .serverUp && ready.backend == "app")
    }

    @Test func everyCapturedLineIsReadInEachHeaderLayout() throws {
        for name in ["haproxy/httplog-udp-2.6.txt", "haproxy/httplog-udp-rfc5424-2.6.txt", "haproxy/httplog-stdout-raw-2.6.txt"] {
            let parsed = try Self.lines(name).map(LogLineParser.parse)
            #expect(parsed.count == 43, "\(name)")
            #expect(!parsed.contains(.malformed), "\(name)")
            #expect(parsed.filter { if case .event = $0 { true } else { false } }.count == 4, "\(name)")
        }
        // HAProxy cuts the whole line at 1024 bytes, so line 13's long URI ends sooner after a longer header.
        let longURI = 12
        let udp = try Self.lines("haproxy/httplog-udp-2.6.txt").map(LogLineParser.parse)
        for name in ["haproxy/httplog-udp-rfc5424-2.6.txt", "haproxy/httplog-stdout-raw-2.6.txt"] {
            var parsed = try Self.lines(name).map(LogLineParser.parse)
            guard case .request(var cut) = parsed[longURI], case .request(let full) = udp[longURI] else {
                Issue.record("\(name): line 13 is not a request")
                continue
            }
            #expect(cut.path.map { $0.count > 800 && $0.prefix(800) == full.path?.prefix(800) } == true, "\(name)")
            cut.path = full.path
            parsed[longURI] = .request(cut)
            #expect(parsed == udp, "\(name)")
        }
        #expect(try Self.lines("haproxy/tcplog-udp-2.6.txt").map(LogLineParser.parse).allSatisfy { $0 != .malformed })
    }

    @Test func syslogHeadersWithHostTagsAndStructuredData() throws {
        let message = #"127.0.0.1:1 [02/Dec/2026:00:42:11.560] web app/s1 0/0/0/7/9 200 1 - - ---- 1/1/0/0/0 0/0 "GET /h HTTP/1.1""#
        let expected = try Self.request(Array(message.utf8))
        for header in ["<134>Dec  2 00:43:54 lb1 haproxy[3622]: ", "Dec 12 00:43:54 lb1 haproxy[3622]: ",
                       "2026-12-02T00:43:54.123456+00:00 lb1 haproxy[3622]: ",
                       "<134>1 2026-12-02T00:43:07.432783+00:00 lb1 haproxy 32255 - [meta a=\"x\\]y\"] ",
                       "<134>1 2026-12-02T00:43:07.432783+00:00 - haproxy 32255 - - \u{FEFF}"] {
            #expect(try Self.request(Array((header + message).utf8)) == expected, "\(header)")
        }
    }

    @Test func brokenLinesAreMalformed() throws {
        let good = try Self.lines("haproxy/httplog-udp-2.6.txt")[2]
        // Cut anywhere before the request line, the line is not a request.
        let requestStart = good.firstIndex(of: LogBytes.quote)!
        for cut in stride(from: 40, to: requestStart - 8, by: 3) {
            #expect(LogLineParser.parse(Array(good.prefix(cut))) == .malformed, "cut at \(cut)")
        }
        #expect(LogLineParser.parse([]) == .malformed)
        #expect(LogLineParser.parse(Array("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}".utf8)) == .malformed)
        #expect(LogLineParser.parse((0..<255).map { UInt8($0) }) == .malformed)
        #expect(LogLineParser.parse(Array("<134>Dec  2 00:42:11 haproxy[1]: hello world".utf8)) == .malformed)
        let overLong = Array(good.prefix(requestStart + 6)) + [UInt8](repeating: 0x78, count: LogLineParser.maximumLineLength)
        #expect(LogLineParser.parse(overLong) == .malformed)
        var binaryTimer = good
        let timers = Array(" 0/0/0/1/1 ".utf8)
        let timersStart = try #require((0...(good.count - timers.count)).first { Array(good[$0..<$0 + timers.count]) == timers })
        binaryTimer[timersStart + 5] = 0xFF
        #expect(LogLineParser.parse(binaryTimer) == .malformed)
    }
}
