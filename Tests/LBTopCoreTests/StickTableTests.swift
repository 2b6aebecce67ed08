import Foundation
import Testing
@testable import LBTopCore

/// HAProxy's stick tables over the stats socket: the fill of each, and where the socket allows
/// the contents, the entries routing to each server of the backend the table belongs to.
@Suite struct StickTableTests {
    /// `show table`, then `show table rl;show table st`, from a real HAProxy 2.6 at `level
    /// operator`: `rl` tracks request rates (no server), `st` sticks clients to servers a, b, c.
    @Test func theSummaryThenEachDumpGiveFillAndEntriesPerServer() throws {
        let tables = ShowTableParser.parse(try Fixture.bytes("haproxy/show-table-2.6.txt")[...])
        #expect(tables.map(\.name) == ["st", "rl"])
        let st = tables[0], rl = tables[1]
        #expect(st.type == "ip" && st.size == 1024 && st.used == 4 && !st.contentsDenied)
        #expect(st.entriesByServer == ["a": 2, "b": 2])
        #expect(rl.size == 102_400 && rl.used == 5 && rl.entriesByServer == [:], "tracking only: routes nowhere")
    }

    @Test func aSocketAtLevelUserGivesTheFillOnly() throws {
        let tables = ShowTableParser.parse(try Fixture.bytes("haproxy/show-table-user-2.6.txt")[...])
        #expect(tables.map { "\($0.name) \($0.used)/\($0.size)" } == ["st 4/1024", "rl 5/102400"])
        #expect(tables.allSatisfy { $0.contentsDenied && $0.entriesByServer == nil })
    }

    @Test func otherAnswersAndEntriesWithoutAServerKeyAreReadAsWellAsTheyCanBe() {
        let answer = """
            # table: web, type: string, size:100, used:3
            # table: broken, type: ip
            Unknown command

            No such table

            # table: web, type: string, size:100, used:3
            0x1: key=a b server_key=evil use=0 exp=10 server_id=2
            0x2: key=c use=0 exp=10 server_id=2 server_key=s2
            0x3: key=d use=0 exp=10 gpc0=1

            # table: unlisted, type: ip, size:10, used:1
            0x4: key=e use=0 exp=10 server_id=1 server_key=s1

            """
        let tables = ShowTableParser.parse(Array(answer.utf8)[...])
        #expect(tables.map(\.name) == ["web"], "a header without its fill, and a dump the summary did not list, are left out")
        // A string key may hold spaces (and text like `server_key=`): read from the right.
        #expect(tables.first?.entriesByServer == ["#2": 1, "s2": 1])
    }

    @Test func thePollReadsTheSmallestTablesWhileTheirEntriesStayUnderTheLimit() {
        func answer(_ summary: [String]) -> [UInt8] {
            Array(("Name: HAProxy\nPid: 1\n\n# pxname,svname,\nfe,FRONTEND,\n\n" + summary.joined(separator: "\n") + "\n\n").utf8)
        }
        let limit = StickTableDump.entryLimit
        #expect(StickTableDump.command(after: answer([
            "# table: big, type: ip, size:1048576, used:\(limit)",
            "# table: st, type: ip, size:1024, used:4",
            "# table: empty, type: ip, size:1024, used:0",
            "# table: rl, type: ip, size:102400, used:5",
        ])) == "show table st;show table rl", "big would take the whole budget after the small ones")
        #expect(StickTableDump.command(after: answer(["# table: x;show map, type: ip, size:8, used:1"])) == nil,
                "a name that could split the command line is never sent")
        #expect(StickTableDump.command(after: answer([])) == nil)
        #expect(StickTableDump.command(after: Array("Name: HAProxy\nPid: 1\n\n# pxname,svname,\nfe,FRONTEND,\n\n".utf8)) == nil)
    }

    @Test func theSocketAnswerCarriesTheTablesAfterTheStats() throws {
        let answer = try Fixture.bytes("haproxy/show-info-2.6.txt") + Fixture.bytes("haproxy/show-stat-2.6.csv")
            + Fixture.bytes("haproxy/show-table-2.6.txt")
        let sample = try HAProxyStatsDecoder.decodeSocket(answer)
        #expect(sample.rows.count == 9 && sample.process?.pid == 4766)
        #expect(sample.stickTables.map(\.name) == ["st", "rl"])
        // A recording made before the tables were asked for decodes as it did.
        let older = try PayloadDecoder.haproxySocket.decode(
            try Fixture.bytes("haproxy/show-info-2.6.txt") + Fixture.bytes("haproxy/show-stat-2.6.csv"))
        guard case .balancer(let before) = older else { Issue.record("not a balancer"); return }
        #expect(before.rows.count == 9 && before.stickTables.isEmpty)
    }

    @Test func aBackendsOwnTableGivesItsFillAndEachServerItsEntries() throws {
        let target = TargetID("unix:///run/haproxy.sock")
        let rows = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv")).rows
        var store = Store(options: StoreOptions(interval: 1))
        let tables = [StickTable(name: "app", type: "ip", size: 1024, used: 5, entriesByServer: ["app1": 4, "app3": 1]),
                      StickTable(name: "rl", type: "ip", size: 100, used: 9, entriesByServer: [:])]
        store.ingest(PollResult(target: target, role: .balancer, displayURL: target.rawValue, name: target.rawValue, host: nil,
                                at: 0, outcome: .success(.balancer(BalancerSample(rows: rows, stickTables: tables)))))
        let snapshot = store.snapshot(now: 0)
        #expect(snapshot.backends.map { $0.stickTable?.used } == [5, nil], "app has its table, api none")
        #expect(snapshot.servers.map(\.stickEntries) == [4, 0, 1, nil, nil])
        let document = SnapshotJSON.Document(snapshot)
        #expect(document.servers.map(\.stickEntries) == [4, 0, 1, nil, nil])
        let fill = try #require(document.backends.first?.stickTable)
        #expect(fill.name == "app" && fill.used == 5 && fill.size == 1024 && !fill.contentsDenied)
    }

    @Test func aStickTableRoutingToServersShowsThePersistColumnBeforeAnyRequestDoes() throws {
        let target = TargetID("unix:///run/haproxy.sock")
        // Backend app alone: no cookie, no request yet.
        let rows = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv")).rows.filter { $0.proxy == "app" }
        func snapshot(_ tables: [StickTable]) -> Snapshot {
            var store = Store(options: StoreOptions(interval: 1))
            store.ingest(PollResult(target: target, role: .balancer, displayURL: target.rawValue, name: target.rawValue,
                                    host: nil, at: 0, outcome: .success(.balancer(BalancerSample(rows: rows, stickTables: tables)))))
            return store.snapshot(now: 0)
        }
        #expect(!snapshot([]).usesPersistence)
        #expect(!snapshot([StickTable(name: "app", type: "ip", size: 10, used: 0, entriesByServer: [:])]).usesPersistence)
        #expect(snapshot([StickTable(name: "app", type: "ip", size: 10, used: 1, entriesByServer: ["app2": 1])]).usesPersistence)
    }
}
