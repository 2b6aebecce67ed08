import Foundation
import Testing
@testable import LBTopCore

@Suite struct TargetURLTests {
    @Test func schemesPickTheTransport() throws {
        #expect(try TargetURL("http://127.0.0.1:8404/stats;csv").scheme == .http)
        #expect(try TargetURL("https://lb.example/stats;csv").host == "lb.example")
        let socket = try TargetURL("unix:///run/haproxy/admin.sock")
        #expect(socket.scheme == .unix && socket.path == "/run/haproxy/admin.sock")
        let bare = try TargetURL("/run/haproxy/admin.sock")
        #expect(bare.scheme == .unix && bare.text == "unix:///run/haproxy/admin.sock")
        #expect(try TargetURL("local").scheme == .local)
    }

    @Test func badURLsAreRefusedWithAReason() {
        #expect(throws: CollectError(.unsupported, "unsupported scheme ftp:// in ftp://host/x (use http, https, unix, redis or memcached)")) {
            try TargetURL("ftp://host/x")
        }
        #expect(throws: CollectError.self) { try TargetURL("http://user:pw@host/stats;csv") }
        #expect(throws: CollectError.self) { try TargetURL("not a url at all") }
    }

    @Test func credentialsComeFromTheEnvironment() {
        let credentials = HTTPCredentials.fromEnvironment(["LBTOP_HTTP_USER": "monitor", "LBTOP_HTTP_PASSWORD": "s3cret"])
        #expect(credentials == HTTPCredentials(user: "monitor", password: "s3cret"))
        #expect(credentials?.headerValue == "Basic bW9uaXRvcjpzM2NyZXQ=")
        #expect(HTTPCredentials.fromEnvironment([:]) == nil)
    }
}

@Suite struct ShowInfoAndSnifferTests {
    @Test func showInfoGivesTheProcessIdentity() throws {
        let info = try #require(ShowInfoParser.parse(Fixture.bytes("haproxy/show-info-2.6.txt")))
        #expect(info == BalancerProcess(pid: 4766, startTime: 1795553593, uptimeSeconds: 20,
                                        version: "2.6.12-1+deb12u4", node: "vm", stopping: false))
        let fields = ShowInfoParser.fields(try Fixture.bytes("haproxy/show-info-2.6.txt"))
        #expect(fields.contains { $0.key == "Unstoppable Jobs" && $0.value == "0" })
        #expect(fields.contains { $0.key == "Build info" })
    }

    @Test func reloadChangesTheGeneration() throws {
        let before = try #require(ShowInfoParser.parse(Fixture.bytes("haproxy/show-info-before-reload-2.6.txt")))
        let after = try #require(ShowInfoParser.parse(Fixture.bytes("haproxy/show-info-after-reload-2.6.txt")))
        #expect(before.pid == 29807 && after.pid == 30266)
        #expect(after.isNewGeneration(comparedTo: before))
        #expect(!before.isNewGeneration(comparedTo: before))
    }

    @Test func formatsAreRecognisedFromBytes() throws {
        #expect(FormatSniffer.detect(try Fixture.bytes("haproxy/show-stat-2.6.csv")) == .haproxyCSV)
        #expect(FormatSniffer.detect(try Fixture.bytes("haproxy/show-info-2.6.txt")) == .haproxyInfo)
        #expect(FormatSniffer.detect(Array("# HELP x y\n# TYPE x counter\nx 1\n".utf8)) == .prometheus)
        #expect(FormatSniffer.detect(Array("node_load1 0.5\n".utf8)) == .prometheus)
        #expect(FormatSniffer.detect(Array("Active connections: 2 \n".utf8)) == .nginxStubStatus)
        #expect(FormatSniffer.detect(Array("<!DOCTYPE html><html>".utf8)) == .html)
        #expect(FormatSniffer.detect(Array("garbage".utf8)) == .unknown)
    }

    @Test func socketAnswerSplitsIntoInfoAndStats() throws {
        let answer = try Fixture.bytes("haproxy/show-info-2.6.txt") + Fixture.bytes("haproxy/show-stat-2.6.csv")
        let (info, stats) = HAProxyStatsDecoder.splitInfoAndStats(answer)
        #expect(ShowInfoParser.parse(info)?.pid == 4766)
        let sample = try HAProxyStatsDecoder.decode(statsBody: stats, process: ShowInfoParser.parse(info))
        #expect(sample.rows.count == 9)
        #expect(sample.process?.startTime == 1795553593)
    }

    @Test func wrongPayloadsNameWhatArrived() {
        #expect(throws: CollectError(.badPayload, "expected HAProxy stats CSV, got prometheus")) {
            try HAProxyStatsDecoder.decode(statsBody: Array("# TYPE x counter\nx 1\n".utf8)[...], process: nil)
        }
        #expect(throws: CollectError(.badPayload, "empty response")) {
            try HAProxyStatsDecoder.decode(statsBody: Array("\n".utf8)[...], process: nil)
        }
    }
}

@Suite struct SnapshotJSONTests {
    @Test func roundTripsWithStableKeys() throws {
        var store = Store()
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv"))
        let id = TargetID("unix:///s.sock")
        store.ingest(PollResult(target: id, role: .balancer, displayURL: id.rawValue, name: id.rawValue, host: nil,
                                at: 0, outcome: .success(.balancer(BalancerSample(rows: stats.rows, skippedLines: 2)))))
        let data = try SnapshotJSON.encode(store.snapshot(time: Date(timeIntervalSince1970: 1_800_000_000), now: 1))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"time\" : \"2027-01-15T08:00:00Z\""))
        #expect(text.contains("\"state\" : \"MAINT\""))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let document = try decoder.decode(SnapshotJSON.Document.self, from: data)
        #expect(document.targets.map(\.skippedLines) == [2])
        #expect(document.targets.map(\.secondsSinceSuccess) == [1])
        #expect(document.servers.map(\.name) == ["app1", "app2", "app3", "api1", "api2"])
        #expect(document.servers.map(\.stateKind) == ["UP", "DRAIN", "DOWN", "UP", "MAINT"])
        #expect(document.servers.first?.requestRate == nil)
        #expect(document.backends.map(\.servers) == [["app1", "app2", "app3"], ["api1", "api2"]])
    }
}
