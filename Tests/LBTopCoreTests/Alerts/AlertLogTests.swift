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
            let (process, output) = try Self.startWriter(logPath: path)
            let reported = Self.readCount(from: output.fileHandleForReading, until: stopAfter)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
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

    /// A line cut short by a crash mid-write loses only itself: the next lbtop ends it with a
    /// newline before its first record, so that record is not glued to the broken one.
    @Test func aLineCutShortIsEndedBeforeTheNextRecord() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        try FileAlertLog(path: path).append([AlertLogRecord(Self.sample, at: S.at(0))])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":"x","rule":"server-do"#.utf8))
        try handle.close()

        try FileAlertLog(path: path).append([AlertLogRecord(Self.sample, at: S.at(5))])
        let contents = try FileAlertLog(path: path).read()
        #expect(contents.records.map(\.time) == [S.at(0), S.at(5)])
        #expect(contents.skippedLines == 1)
    }

    /// SIGKILL at 100 random moments while transitions are being written, each run appending to
    /// the same log as a restarted lbtop would: the log stays readable, every transition a run
    /// reported is on disk, and no line but a run's very last could ever be broken.
    @Test func killMinusNineAtRandomMomentsKeepsTheLogReadable() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/alerts.jsonl"
        var generator = SystemRandomNumberGenerator()
        var reportedTotal = 0
        for run in 0..<100 {
            let (process, output) = try Self.startWriter(logPath: path)
            // Somewhere in the middle of writing: after 0–20 transitions plus up to 2 ms.
            let reached = Self.readCount(from: output.fileHandleForReading, until: Int.random(in: 0...20, using: &generator))
            usleep(UInt32.random(in: 0..<2_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? output.fileHandleForWriting.close()
            let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let reported = rest.split(separator: "\n").compactMap { Int($0) }.last ?? reached
            reportedTotal += reported

            let contents = try FileAlertLog(path: path).read()
            #expect(contents.skippedLines == 0, "run \(run): a broken line")
            #expect(contents.records.count >= reportedTotal, "run \(run): \(contents.records.count) on disk, \(reportedTotal) reported")
            if contents.skippedLines > 0 || contents.records.count < reportedTotal { break }
        }
    }

    /// Starts `alert-log-writer` appending to `logPath`; its stdout reports the transitions so far.
    private static func startWriter(logPath: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try siblingExecutable("alert-log-writer"))
        process.arguments = [logPath]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return (process, output)
    }

    /// Reads the writer's running transition count until it reaches `count`.
    private static func readCount(from handle: FileHandle, until count: Int) -> Int {
        var buffer = ""
        var last = 0
        while last < count {
            let data = handle.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
            while let newline = buffer.firstIndex(of: "\n") {
                last = Int(buffer[..<newline]) ?? last
                buffer.removeSubrange(...newline)
                if last >= count { return last }
            }
        }
        return last
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
