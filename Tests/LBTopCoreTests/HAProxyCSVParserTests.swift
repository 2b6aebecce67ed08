import Foundation
import Testing
@testable import LBTopCore

@Suite struct HAProxyCSVParserTests {
    struct Expected: Equatable, CustomStringConvertible {
        var proxy, name: String
        var kind: StatRow.Kind
        var state: String
        var weight: Int64?
        var check: String?
        var requests: Int64?
        var description: String { "\(proxy)/\(name)" }
    }

    private func summary(_ rows: [StatRow]) -> [Expected] {
        rows.map { row in
            Expected(proxy: row.proxy, name: row.name, kind: row.kind,
                     state: row.kind == .server ? row.serverState.label : row.status,
                     weight: row[.weight], check: row.checkStatus, requests: row.requestCounter)
        }
    }

    @Test func aRememberedHeaderNeverMapsAnotherOnesColumns() throws {
        // The same columns in two orders, parsed alternately: each body is read by its own header.
        let first = "# pxname,svname,type,weight,scur,status\napp,s1,2,10,3,UP\n"
        let second = "# pxname,svname,type,scur,weight,status\napp,s1,2,3,10,UP\n"
        for body in [first, second, first, second] {
            let row = try #require(try HAProxyCSVParser.parse(body).rows.first)
            #expect(row[.weight] == 10 && row[.scur] == 3, "\(body)")
        }
    }

    @Test func socketCaptureHasEveryRowAndState() throws {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-2.6.csv"))
        #expect(stats.skippedLines == 0)
        #expect(stats.columnCount == 128)
        #expect(summary(stats.rows) == [
            Expected(proxy: "web", name: "FRONTEND", kind: .frontend, state: "OPEN", weight: nil, check: nil, requests: 859),
            Expected(proxy: "stats", name: "FRONTEND", kind: .frontend, state: "OPEN", weight: nil, check: nil, requests: 1),
            Expected(proxy: "app", name: "app1", kind: .server, state: "UP", weight: 1, check: "L7OK", requests: 279),
            Expected(proxy: "app", name: "app2", kind: .server, state: "DRAIN", weight: 1, check: "L7OK", requests: 99),
            Expected(proxy: "app", name: "app3", kind: .server, state: "DOWN", weight: 1, check: "* L4CON", requests: 100),
            Expected(proxy: "app", name: "BACKEND", kind: .backend, state: "UP", weight: 1, check: nil, requests: 479),
            Expected(proxy: "api", name: "api1", kind: .server, state: "UP", weight: 1, check: "L4OK", requests: 230),
            Expected(proxy: "api", name: "api2", kind: .server, state: "MAINT", weight: 50, check: nil, requests: 149),
            Expected(proxy: "api", name: "BACKEND", kind: .backend, state: "UP", weight: 1, check: nil, requests: 379),
        ])
        let app1 = try #require(stats.rows.first { $0.name == "app1" })
        #expect(app1.address == "127.0.0.1:18101")
        #expect(app1.mode == "http")
        #expect(app1[.stot] == 280)
        #expect(app1[.hrsp2xx] == 279)
        #expect(app1[.rtime] == 4)
        #expect(app1[.slim] == nil)
        #expect(app1[.lastsess] == 0)
        let api2 = try #require(stats.rows.first { $0.name == "api2" })
        #expect(api2.cookie == "a2")
        #expect(api2.serverState.kind == .maint)
        let appBackend = try #require(stats.rows.first { $0.proxy == "app" && $0.kind == .backend })
        #expect(appBackend.algorithm == "roundrobin")
        #expect(appBackend[.slim] == 200)
    }

    @Test func httpPageMatchesSocketRowsWithoutAddresses() throws {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/stats-2.6-http.csv"))
        #expect(stats.skippedLines == 0)
        #expect(stats.rows.map(\.name) == ["FRONTEND", "FRONTEND", "app1", "app2", "app3", "BACKEND", "api1", "api2", "BACKEND"])
        #expect(stats.rows.filter { $0.kind == .server }.map(\.serverState.label) == ["UP", "DRAIN", "DOWN", "UP", "MAINT"])
        #expect(stats.rows.allSatisfy { $0.address == nil })
    }

    @Test func everyStateOfTheStatesCapture() throws {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-states-2.6.csv"))
        #expect(stats.skippedLines == 0)
        let servers = stats.rows.filter { $0.kind == .server }
        let table = servers.map { "\($0.proxy)/\($0.name)=\($0.serverState.label)|\($0.checkStatus ?? "-")" }
        #expect(table == [
            "app/up1=UP|L7OK", "app/drain1=DRAIN|L7OK", "app/maint1=MAINT|-", "app/nolb1=NOLB|L7OKC",
            "app/l7sts1=DOWN|L7STS", "app/nocheck1=no check|-", "app/via1=MAINT (via app/maint1)|-",
            "app/godown1=UP 21/30|L7STS", "app/goup1=DOWN 9/30|L7OK", "app/l4con1=DOWN|L4CON",
            "app/l4tout1=DOWN|* L4TOUT", "app/l7rsp1=DOWN|L7RSP", "app/dns1=MAINT (resolution)|-",
            "app/bk1=UP|L7OK", "api/agdrain=DRAIN (agent)|L7OK", "api/agpct=UP|L7OK",
            "api/agdown=DOWN (agent)|L7OK", "api/agmaint=MAINT|-", "slowchk/slow1=DOWN|* L7TOUT",
            "tcpapp/t1=UP|L4OK", "tcpapp/t2=UP|L4OK",
        ])
        func state(_ name: String) throws -> ServerState { try #require(servers.first { $0.name == name }).serverState }
        #expect(try state("godown1") == ServerState(kind: .up, transition: .init(step: 21, of: 30)))
        #expect(try state("goup1") == ServerState(kind: .down, transition: .init(step: 9, of: 30)))
        #expect(try state("via1") == ServerState(kind: .maint, detail: "via app/maint1"))
        #expect(try state("agdrain") == ServerState(kind: .drain, detail: "agent"))
        #expect(try state("nocheck1").kind == .noCheck)
        #expect(try state("nocheck1").isServing)
        #expect(try !state("nolb1").isServing)
        let bk1 = try #require(servers.first { $0.name == "bk1" })
        #expect(bk1[.bck] == 1 && bk1[.weight] == 50)
        #expect(try #require(servers.first { $0.name == "via1" }).tracked == "app/maint1")
        #expect(try #require(servers.first { $0.name == "l4con1" }).lastCheck == "Connection refused")
        // The listener row is classified by type, not by name.
        #expect(stats.rows.filter { $0.kind == .listener }.map(\.name) == ["sock-1"])
        // TCP mode: no req_tot, requests come from stot.
        let t1 = try #require(servers.first { $0.name == "t1" })
        #expect(t1.isTCP && t1[.reqTot] == nil && t1.requestCounter == 15)
    }

    @Test func quotedFieldWithCommaAndDoubledQuotes() throws {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-states-2.6.csv"))
        let l7sts1 = try #require(stats.rows.first { $0.name == "l7sts1" })
        #expect(l7sts1.lastCheck == #"Busy, "really""#)
        #expect(l7sts1[.checkCode] == 500)
        #expect(l7sts1.address == "127.0.0.1:38105")
    }

    @Test func rawBytesInLastCheckArriveIntact() throws {
        let stats = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-raw-bytes-2.6.csv"))
        #expect(stats.skippedLines == 0)
        let row = try #require(stats.rows.first)
        #expect(stats.rows.count == 1)
        #expect(row.name == "l7sts1")
        #expect(row.lastCheck == "Bad\u{1B}[31mRed\tTab café \u{FFFD} end")
        #expect(row[.lastsess] == -1)
    }

    @Test func headerWithTheColumnsOf18Parses() throws {
        // HAProxy 1.7/1.8 had the first 83 columns (pxname … dses) and nothing after them.
        let lines = try Fixture.text("haproxy/show-stat-2.6.csv").split(separator: "\n")
        let header = lines[0].dropFirst(2).split(separator: ",", omittingEmptySubsequences: false).prefix(83)
        #expect(header.last == "dses")
        var csv = "# " + header.joined(separator: ",") + ",\n"
        for line in lines.dropFirst() {
            csv += line.split(separator: ",", omittingEmptySubsequences: false).prefix(83).joined(separator: ",") + ",\n"
        }
        let stats = try HAProxyCSVParser.parse(csv)
        #expect(stats.columnCount == 83)
        #expect(stats.skippedLines == 0)
        #expect(stats.rows.filter { $0.kind == .server }.map(\.serverState.label) == ["UP", "DRAIN", "DOWN", "UP", "MAINT"])
        let app1 = try #require(stats.rows.first { $0.name == "app1" })
        #expect(app1[.reqTot] == 279)
        #expect(app1[.uweight] == nil)
        #expect(app1[.eint] == nil)
    }

    @Test func headerOf15WithoutReqTotFallsBackToStot() throws {
        let csv = """
        # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,
        app,s1,0,0,0,1,,42,0,0,,0,,0,0,0,0,UP,1,1,0,0,0,10,0,,1,2,1,,42,,2,

        """
        let stats = try HAProxyCSVParser.parse(csv)
        let row = try #require(stats.rows.first)
        #expect(row.requestCounter == 42)
        #expect(row.mode == nil && row[.reqTot] == nil)
    }

    @Test func columnsAreFoundByNameInAnyOrder() throws {
        let csv = "# type,status,svname,pxname,req_tot,weight,\n2,UP,s1,app,17,3,\n1,UP,BACKEND,app,17,3,\n"
        let stats = try HAProxyCSVParser.parse(csv)
        #expect(stats.rows.map(\.name) == ["s1", "BACKEND"])
        #expect(stats.rows[0][.reqTot] == 17 && stats.rows[0][.weight] == 3 && stats.rows[0].proxy == "app")
    }

    @Test func garbageLinesAreSkippedAndCounted() throws {
        var lines = try Fixture.text("haproxy/show-stat-2.6.csv").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("this is not csv", at: 2)
        lines.insert("app,broken,1,2,3", at: 4)
        lines.insert(lines[5].replacingOccurrences(of: "app,app1,0,0,", with: "app,bogus,x,0,"), at: 5)
        lines.insert("<html><body>oops</body></html>", at: 7)
        let stats = try HAProxyCSVParser.parse(lines.joined(separator: "\n"))
        #expect(stats.skippedLines == 4)
        #expect(stats.rows.map(\.name) == ["FRONTEND", "FRONTEND", "app1", "app2", "app3", "BACKEND", "api1", "api2", "BACKEND"])
    }

    /// HAProxy's counters are 64 bits; one past 18 digits (a counter that jumped by 2^62) is
    /// unknown, and the row keeps its state and every other number, in both readers.
    @Test func aCounterPastEighteenDigitsIsUnknownAndItsRowKept() throws {
        for quote in ["", "\""] {
            let csv = "# pxname,svname,stot,status,type,weight,\n"
                + "app,s1,\(quote)4611686018427387914\(quote),UP,2,7,\n"
            let stats = try HAProxyCSVParser.parse(csv)
            #expect(stats.skippedLines == 0)
            let row = try #require(stats.rows.first)
            #expect(row[.stot] == nil && row[.weight] == 7 && row.status == "UP")
        }
    }

    @Test func rowWithUnknownTypeIsSkipped() throws {
        let csv = "# pxname,svname,type,status,\napp,s1,7,UP,\napp,s2,2,UP,\n,s3,2,UP,\n"
        let stats = try HAProxyCSVParser.parse(csv)
        #expect(stats.rows.map(\.name) == ["s2"])
        #expect(stats.skippedLines == 2)
    }

    @Test func truncatedBodyIsAnError() throws {
        let bytes = try Fixture.bytes("haproxy/show-stat-2.6.csv")
        let cut = Array(bytes.prefix(bytes.count / 2))
        let lastLine = cut.filter { $0 == UInt8(ascii: "\n") }.count + 1
        #expect(lastLine > 2)
        #expect(throws: HAProxyCSVError.truncated(line: lastLine)) { try HAProxyCSVParser.parse(cut) }
    }

    @Test func unterminatedQuoteAtTheEndIsTruncation() throws {
        let csv = "# pxname,svname,type,last_chk,\napp,s1,2,\"Busy, re"
        #expect(throws: HAProxyCSVError.truncated(line: 2)) { try HAProxyCSVParser.parse(csv) }
    }

    @Test func bodyWithoutHeaderIsRefused() throws {
        #expect(throws: HAProxyCSVError.missingHeader(found: "app,s1,0")) { try HAProxyCSVParser.parse("app,s1,0\n") }
        #expect(throws: HAProxyCSVError.empty) { try HAProxyCSVParser.parse("\n\n") }
        #expect(throws: HAProxyCSVError.missingColumns(["type"])) { try HAProxyCSVParser.parse("# pxname,svname,status,\n") }
    }

    @Test func crlfLineEndingsParse() throws {
        let csv = "# pxname,svname,type,status,stot,\r\napp,s1,2,UP,5,\r\napp,BACKEND,1,UP,5,\r\n\r\n"
        let stats = try HAProxyCSVParser.parse(csv)
        #expect(stats.rows.map(\.status) == ["UP", "UP"])
        #expect(stats.rows[0][.stot] == 5)
        #expect(stats.skippedLines == 0)
    }

    @Test func quotedFieldInAnUnusedColumnIsSkippedWhole() throws {
        let csv = "# pxname,svname,type,check_desc,status,lastsess,\napp,s1,2,\"a,\n \"\"b\"\"\",UP,-1,\napp,s2,2,,DOWN,-,\napp,s3,2,x,UP,7\r\n"
        let stats = try HAProxyCSVParser.parse(csv)
        #expect(stats.rows.map(\.name) == ["s1", "s3"])
        #expect(stats.rows.map(\.status) == ["UP", "UP"])
        #expect(stats.rows.map { $0[.lastsess] } == [-1, 7])
        #expect(stats.skippedLines == 1)
    }

    @Test func repeatedTextIsReusedWithoutMixingColumnsUp() throws {
        let csv = "# pxname,svname,type,status,check_status,mode,\na,s1,2,UP,L7OK,http,\na,s2,2,UP,L7OK,http,\nb,s1,2,DOWN,L4CON,tcp,\nb,s2,2,DOWN,,tcp,\n"
        let stats = try HAProxyCSVParser.parse(csv)
        #expect(stats.rows.map { "\($0.proxy)/\($0.name) \($0.status) \($0.checkStatus ?? "-") \($0.mode ?? "-")" }
                == ["a/s1 UP L7OK http", "a/s2 UP L7OK http", "b/s1 DOWN L4CON tcp", "b/s2 DOWN - tcp"])
    }

    @Test func serverStateStrings() {
        #expect(ServerState(haproxyStatus: "UP 1/3") == ServerState(kind: .up, transition: .init(step: 1, of: 3)))
        #expect(ServerState(haproxyStatus: "NOLB 1/2") == ServerState(kind: .nolb, transition: .init(step: 1, of: 2)))
        #expect(ServerState(haproxyStatus: "DRAIN 1/2").kind == .drain)
        #expect(ServerState(haproxyStatus: "MAINT (resolution)") == ServerState(kind: .maint, detail: "resolution"))
        #expect(ServerState(haproxyStatus: "DOWN (agent)") == ServerState(kind: .down, detail: "agent"))
        #expect(ServerState(haproxyStatus: "WEIRD").kind == .unknown)
        #expect(ServerState(haproxyStatus: "UP x/y").kind == .unknown)
        #expect(ServerState(haproxyStatus: "").kind == .unknown)
        #expect(!ServerState(haproxyStatus: "SOMETHING").isServing)
    }
}
