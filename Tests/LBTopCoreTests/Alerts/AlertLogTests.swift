import Foundation
import LBTopCore
import Testing

private typealias S = ScriptedSnapshots

@Suite struct AlertLogTests {
    @Test func transitionsAreWrittenAsJSONLinesAndReadBack() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/state/lbtop/alerts.jsonl"
        let engine = AlertEngine(rules: [S.rule("server-down")], log: FileAlertLog(path: path), now: { S.at(2) })
        let fired = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app3", state: .down)]))
        await engine.acknowledge(fired.map(\.id), by: "alice")
        _ = await engine.evaluate(S.snapshot(at: 5, servers: [S.server("app3")]))

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == #"{"acknowledged_by":"alice","id":"server-down|http://127.0.0.1:8404/stats;csv|app/app3","#
            + #""message":"app/app3 is DOWN (check L4CON)","rule":"server-down","severity":"warning","#
            + #""since":"2027-01-15T08:00:00Z","state":"acknowledged","subject":"app/app3","#
            + #""target":"http://127.0.0.1:8404/stats;csv","threshold":1,"time":"2027-01-15T08:00:02Z","value":1}"#)

        let contents = try FileAlertLog(path: path).read()
        #expect(contents.records.states == ["firing warning", "acknowledged warning", "resolved warning"])
        #expect(contents.skippedLines == 0)
        #expect(contents.acknowledgements.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aTornOrForeignLineIsSkippedAndCounted() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        let log = FileAlertLog(path: path)
        let alert = Alert(id: "server-down|t|app/app1", rule: "server-down", severity: .warning, state: .acknowledged,
                          subject: "app/app1", message: "down", since: S.at(0), changedAt: S.at(1),
                          acknowledgedBy: "bob")
        try log.append([AlertLogRecord(alert, at: S.at(1))])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("not json\n{\"time\":\"2027-01-15T08:00".utf8))
        try handle.close()

        let contents = try FileAlertLog(path: path).read()
        #expect(contents.records.count == 1)
        #expect(contents.skippedLines == 2)
        #expect(contents.acknowledgements["server-down|t|app/app1"]?.acknowledgedBy == "bob")
    }

    @Test func aLogTruncatedUnderItGoesOnAtTheNewEnd() throws {
        // logrotate's copytruncate empties the file lbtop holds open: the next line must land at
        // the start of the emptied file, not after a hole of NUL bytes where the old end was.
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        let log = FileAlertLog(path: path)
        func record(_ subject: String) -> AlertLogRecord {
            AlertLogRecord(Alert(id: "server-down|t|\(subject)", rule: "server-down", severity: .warning, state: .firing,
                                 subject: subject, message: "down", since: S.at(0), changedAt: S.at(0)), at: S.at(0))
        }
        try log.append([record("app/app1"), record("app/app2")])
        #expect(truncate(path, 0) == 0)
        try log.append([record("app/app3")])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(!bytes.contains(0))
        let contents = try FileAlertLog(path: path).read()
        #expect(contents.records.map(\.subject) == ["app/app3"] && contents.skippedLines == 0)
    }

    @Test func aMissingLogReadsEmpty() throws {
        let dir = try TemporaryDirectory()
        #expect(try FileAlertLog(path: dir.path + "/none/alerts.jsonl").read() == AlertLogContents())
    }

    @Test func anUnwritableLogIsReportedNotFatal() async throws {
        let dir = try TemporaryDirectory()
        let blocker = dir.path + "/file"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
        let log = FileAlertLog(path: blocker + "/alerts.jsonl")   // a directory that is a file
        #expect(throws: AlertLogError.self) { try log.append([AlertLogRecord(Self.sample, at: S.at(0))]) }
        let engine = AlertEngine(rules: [S.rule("server-down")], log: log)
        #expect(await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)])).states
            == ["firing warning"])
    }

    /// A process killed with SIGKILL right after `evaluate` returned has every transition it
    /// reported on disk, each line whole.
    @Test func killMinusNineAfterATransitionLosesNoLine() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        for stopAfter in [1, 7, 40] {
            try? FileManager.default.removeItem(atPath: path)
            let writer = try CountingHelper("alert-log-writer", argument: path)
            let reported = writer.waitForCount(stopAfter)
            _ = writer.kill()
            #expect(writer.process.terminationReason == .uncaughtSignal)
            #expect(reported == stopAfter)

            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(text.hasSuffix("\n"))
            #expect(lines.count >= stopAfter)   // the writer may have logged one more before the signal landed
            let records = lines.compactMap { AlertLogRecord.parse(line: Array($0.utf8)) }
            #expect(records.count == lines.count)
            #expect(records.prefix(stopAfter).map(\.state.rawValue)
                == (0..<stopAfter).map { $0 % 2 == 0 ? "firing" : "resolved" })
        }
    }

    /// A record cut short by a crash mid-write is lost alone: the next lbtop cuts it off before its
    /// first record, which starts a line of its own, never glued to the broken one.
    @Test func aRecordCutShortIsCutOffBeforeTheNextOne() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        try FileAlertLog(path: path).append([AlertLogRecord(Self.sample, at: S.at(0))])
        let whole = try String(contentsOfFile: path, encoding: .utf8)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":"x","rule":"server-do"#.utf8))
        try handle.close()
        #expect(try FileAlertLog(path: path).read().skippedLines == 1)

        try FileAlertLog(path: path).append([AlertLogRecord(Self.sample, at: S.at(5))])
        let contents = try FileAlertLog(path: path).read()
        #expect(contents.records.map(\.time) == [S.at(0), S.at(5)])
        #expect(contents.skippedLines == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(whole) && !text.contains("server-do\""))
    }

    /// A last line that is not the start of a record (text someone else wrote) is kept and ended,
    /// not cut: only lbtop's own torn record is thrown away.
    @Test func aForeignLastLineIsKeptAndEnded() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        try FileAlertLog(path: path).append([AlertLogRecord(Self.sample, at: S.at(0))])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("a note without a newline".utf8))
        try handle.close()

        try FileAlertLog(path: path).append([AlertLogRecord(Self.sample, at: S.at(5))])
        let contents = try FileAlertLog(path: path).read()
        #expect(contents.records.map(\.time) == [S.at(0), S.at(5)])
        #expect(contents.skippedLines == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("a note without a newline\n{"))
    }

    /// SIGKILL at 100 random moments while transitions are being written, each run appending to
    /// the same log as a restarted lbtop would: the log stays readable, every transition a run
    /// reported is on disk, and the only broken line is ever a run's very last, unended (SIGKILL
    /// can shorten a `write`), which the next run cuts off.
    @Test func killMinusNineAtRandomMomentsKeepsTheLogReadable() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        var generator = SystemRandomNumberGenerator()
        var reportedTotal = 0
        for run in 0..<100 {
            let writer = try CountingHelper("alert-log-writer", argument: path)
            // Somewhere in the middle of writing: after 0–20 transitions plus up to 2 ms.
            writer.waitForCount(Int.random(in: 0...20, using: &generator))
            usleep(UInt32.random(in: 0..<2_000, using: &generator))
            reportedTotal += writer.kill() ?? 0

            let contents = try FileAlertLog(path: path).read()
            let torn = try Data(contentsOf: URL(fileURLWithPath: path)).last.map { $0 != UInt8(ascii: "\n") } ?? false
            #expect(contents.skippedLines == (torn ? 1 : 0), "run \(run): a broken line before the last")
            #expect(contents.records.count >= reportedTotal, "run \(run): \(contents.records.count) on disk, \(reportedTotal) reported")
            if contents.skippedLines > (torn ? 1 : 0) || contents.records.count < reportedTotal { break }
        }
    }

    /// An executable built next to the test bundle (SwiftPM puts all products in one folder).
    static func siblingExecutable(_ name: String) throws -> String {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestFailure("\(name) not found next to the test binary at \(path); run `swift build` first")
        }
        return path
    }

    static let sample = Alert(id: "x", rule: "server-down", severity: .warning, state: .firing, subject: "app/app1",
                              message: "down", since: S.at(0), changedAt: S.at(0))
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A private temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let path: String
    init() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lbtop-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
