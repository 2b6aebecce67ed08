import Foundation
import Testing
@testable import LBTopCore

/// Log batches go into a recording as the bytes a log collector fetched, and replay into the same
/// percentiles, top lists and input counts.
@Suite struct RecordedLogTests {
    static let target = RecordedTarget(id: TargetID("udp://127.0.0.1:5514"), role: .log, decoder: .logLines,
                                       url: "udp://127.0.0.1:5514", name: "udp://127.0.0.1:5514", host: nil)

    @Test func aFramedBatchDecodesToTheBatch() throws {
        let batch = LogBatch(bytes: Array("a\nbc\n".utf8), lineCount: 2, droppedLines: 7)
        for sent in [batch, LogBatch()] {
            guard case .logs(let received) = try PayloadDecoder.logLines.decode(sent.framed()) else {
                Issue.record("not a log batch")
                continue
            }
            #expect(received == sent)
        }
        for broken in ["", "a\nbc\n", "dropped \n", "dropped x\n", "dropped -1\na\n", "dropped 3"] {
            #expect(throws: CollectError.self, "\(broken)") { try PayloadDecoder.logLines.decode(Array(broken.utf8)) }
        }
    }

    /// Records `polls` log batches (poll n has 10 (n mod 20) requests) as the monitor does, over a log
    /// window of `logWindow` seconds; returns the `--json` lines the live run printed.
    static func recordLive(to path: String, polls: Int, logWindow: Double = 60) async throws -> [Data] {
        let recorder = try Recorder(path: path, targets: [Self.target], nodes: [],
                                    options: MonitorOptions(interval: 1, logWindow: logWindow))
        var store = Store(options: StoreOptions(interval: 1, window: 900, maxPoints: 3600, logWindow: logWindow))
        store.register(id: Self.target.id, role: .log, displayURL: Self.target.url)
        let engine = AlertEngine(log: RecordingAlertLog(InMemoryAlertLog(), recorder: recorder))
        var live: [Data] = []
        for poll in 0..<polls {
            let lines = (0..<(poll % 20 * 10)).map { index in
                LogStoreTests.line(server: "s\(index % 3)", serverMs: index % 10 == 9 ? 300 : 5,
                                   status: index % 7 == 0 ? 503 : 200, path: "/p\(index % 4)")
            } + (poll == 4 ? ["not a request line\n"] : [])
            let body = LogBatch(bytes: Array(lines.joined().utf8), lineCount: lines.count, droppedLines: poll == 6 ? 3 : 0).framed()
            let result = PollResult(target: Self.target.id, role: .log, displayURL: Self.target.url, name: Self.target.name,
                                    host: nil, at: 100 + Double(poll), received: body,
                                    outcome: Result { () throws(CollectError) in try Self.target.decoder.decode(body) })
            let wall = Date(timeIntervalSince1970: LiveRun.start + Double(poll))
            recorder.record(result, wall: wall)
            store.ingest(result)
            let built = wall.addingTimeInterval(0.001)
            var snapshot = store.snapshot(time: built, now: 100 + Double(poll) + 0.001)
            recorder.recordSnapshot(mono: 100 + Double(poll) + 0.001, wall: built)
            snapshot.alerts = await engine.evaluate(snapshot)
            live.append(try SnapshotJSON.encodeLine(snapshot))
        }
        recorder.close()
        #expect(recorder.failure == nil)
        return live
    }

    /// The snapshot a seek to entry `index` shows and the one playing through to it shows, as
    /// `--json` lines without alerts (after a seek, their ages count from the warm-up).
    static func soughtAndPlayed(_ path: String, to index: Int) async throws -> (sought: String, played: String) {
        let played = ReplayPlayer(reader: try RecordingReader(path: path))
        await played.play(to: index)
        let sought = ReplayPlayer(reader: try RecordingReader(path: path))
        await sought.seek(to: index)
        var expected = try #require(played.latest), got = try #require(sought.latest)
        expected.alerts = []
        got.alerts = []
        return (String(decoding: try SnapshotJSON.encodeLine(got), as: UTF8.self),
                String(decoding: try SnapshotJSON.encodeLine(expected), as: UTF8.self))
    }

    @Test func replayedLogFiguresEqualTheLiveOnes() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let live = try await Self.recordLive(to: path, polls: 20)
        let replayed = try await LiveRun.replayedLines(path)
        #expect(replayed == live)
        let last = String(decoding: try #require(replayed.last), as: UTF8.self)
        #expect(last.contains("\"p99Ms\"") && last.contains("\"/p1\"") && last.contains("\"skipped\":1") && last.contains("\"dropped\":3"))
        #expect(last.contains("\"rule\":\"error-ratio\""))

        // A seek builds the log figures of the snapshot it shows alone: the figures, rows and
        // states are those of playing through (alerts aside: their ages count from the seek).
        let end = try await Self.soughtAndPlayed(path, to: try RecordingReader(path: path).entries.count)
        #expect(end.sought == end.played)
        #expect(end.sought.contains("\"p99Ms\""))
    }

    /// A seek folds only the requests of the last two log windows before the point it shows:
    /// the older ones have left the window, so its figures are those of playing through. (The
    /// last 61 s before it are played whole for the alert rules: a window longer than that shows
    /// what the seek's warm-up folded.)
    @Test func aSeekFoldsOnlyTheRequestsStillInTheWindow() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        _ = try await Self.recordLive(to: path, polls: 150, logWindow: 90)
        let entries = try RecordingReader(path: path).entries.count
        for index in [entries, entries * 3 / 4] {
            let (sought, played) = try await Self.soughtAndPlayed(path, to: index)
            #expect(sought == played, "seek to entry \(index)")
            #expect(sought.contains("\"p99Ms\""))
        }
    }
}
