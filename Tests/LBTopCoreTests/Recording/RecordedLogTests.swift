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

    @Test func replayedLogFiguresEqualTheLiveOnes() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let recorder = try Recorder(path: path, targets: [Self.target], nodes: [], options: MonitorOptions(interval: 1))
        var store = Store(options: StoreOptions(interval: 1, window: 900, maxPoints: 3600))
        store.register(id: Self.target.id, role: .log, displayURL: Self.target.url)
        let engine = AlertEngine(log: RecordingAlertLog(InMemoryAlertLog(), recorder: recorder))
        var live: [Data] = []
        for poll in 0..<20 {
            let lines = (0..<(poll * 10)).map { index in
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
        let replayed = try await LiveRun.replayedLines(path)
        #expect(replayed == live)
        let last = String(decoding: try #require(replayed.last), as: UTF8.self)
        #expect(last.contains("\"p99Ms\"") && last.contains("\"/p1\"") && last.contains("\"skipped\":1") && last.contains("\"dropped\":3"))
        #expect(last.contains("\"rule\":\"error-ratio\""))

        // A seek builds the log figures of the snapshot it shows alone: the figures, rows and
        // states are those of playing through (alerts aside: their ages count from the seek).
        let played = ReplayPlayer(reader: try RecordingReader(path: path))
        await played.play(to: played.reader.entries.count)
        let sought = ReplayPlayer(reader: try RecordingReader(path: path))
        await sought.seek(to: sought.reader.entries.count)
        var expected = try #require(played.latest), got = try #require(sought.latest)
        expected.alerts = []
        got.alerts = []
        #expect(try SnapshotJSON.encodeLine(got) == SnapshotJSON.encodeLine(expected))
        #expect(got.logs?.all != nil)
    }
}
