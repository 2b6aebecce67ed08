import Foundation
import Testing
@testable import LBTopCore

/// A private temporary folder per test, removed at the end.
struct TemporaryFolder: ~Copyable {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "lbtop-recording-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Polls of one stats page, live: each result recorded, ingested, built into a snapshot that the
/// rules evaluate, as the monitor does; the JSON lines are what `--json` would print.
struct LiveRun {
    static let target = RecordedTarget(id: TargetID("edge"), role: .balancer, decoder: .haproxyCSV,
                                       url: "http://127.0.0.1:8404/stats;csv", name: "edge", host: nil)
    static let start = 1_764_000_000.0

    /// Bodies: the capture with its numbers growing each poll, a refused connection at poll 5 and
    /// an HTML page at poll 7.
    static func bodies(_ count: Int) throws -> [[UInt8]?] {
        let base = String(decoding: try Fixture.bytes("haproxy/stats-2.6-http.csv"), as: UTF8.self)
        return (0..<count).map { poll -> [UInt8]? in
            if poll == 5 { return nil }
            if poll == 7 { return Array("<html><body>stats</body></html>".utf8) }
            let lines = base.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("#") ? String(line) : line.split(separator: ",", omittingEmptySubsequences: false)
                    .enumerated().map { column, field in
                        (7...9).contains(column) ? Int(field).map { "\($0 + poll * (column + 3))" } ?? String(field) : String(field)
                    }.joined(separator: ",")
            }
            return Array(lines.joined(separator: "\n").utf8)
        }
    }

    static func record(into recorder: Recorder, bodies: [[UInt8]?]) async throws -> [Data] {
        var store = Store(options: StoreOptions(interval: 1, window: 900, maxPoints: 3600))
        store.register(id: target.id, role: target.role, displayURL: target.url)
        let engine = AlertEngine(log: RecordingAlertLog(InMemoryAlertLog(), recorder: recorder))
        var lines: [Data] = []
        for (poll, body) in bodies.enumerated() {
            let mono = 100 + Double(poll)
            let wall = Date(timeIntervalSince1970: start + Double(poll))
            let outcome: Result<TargetPayload, CollectError> = body.map { bytes in
                Result { () throws(CollectError) in try target.decoder.decode(bytes) }
            } ?? .failure(CollectError(.unreachable, "connection refused (127.0.0.1:8404)"))
            let result = PollResult(target: target.id, role: target.role, displayURL: target.url, name: target.name,
                                    host: nil, at: mono, received: body, outcome: outcome)
            recorder.record(result, wall: wall)
            store.ingest(result)
            let built = wall.addingTimeInterval(0.001)
            var snapshot = store.snapshot(time: built, now: mono + 0.001)
            recorder.recordSnapshot(mono: mono + 0.001, wall: built)
            snapshot.alerts = await engine.evaluate(snapshot)
            lines.append(try SnapshotJSON.encodeLine(snapshot))
        }
        return lines
    }

    static func replayedLines(_ path: String) async throws -> [Data] {
        let player = ReplayPlayer(reader: try RecordingReader(path: path))
        var lines: [Data] = []
        for (index, entry) in player.reader.entries.enumerated() {
            await player.play(to: index + 1)
            if case .snapshot = entry.kind, let snapshot = player.latest { lines.append(try SnapshotJSON.encodeLine(snapshot)) }
        }
        return lines
    }
}

@Suite struct RecordingRoundTripTests {
    func makeRecorder(_ path: String, maxSize: Int64 = Recorder.defaultMaxSize, commitEvery: Double = 1) throws -> Recorder {
        try Recorder(path: path, maxSize: maxSize, targets: [LiveRun.target], nodes: [], options: MonitorOptions(interval: 1),
                     commitEvery: commitEvery)
    }

    @Test func replayedSnapshotsEqualTheLiveOnesFromTheSameBytes() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let recorder = try makeRecorder(path)
        let live = try await LiveRun.record(into: recorder, bodies: try LiveRun.bodies(130))
        recorder.close()
        #expect(recorder.failure == nil)
        let replayed = try await LiveRun.replayedLines(path)
        #expect(replayed.count == live.count)
        #expect(replayed == live)
        // The refused poll and the HTML page replay as the live errors.
        let stale = String(decoding: replayed[5], as: UTF8.self)
        #expect(stale.contains("\"error\":\"connection refused (127.0.0.1:8404)\""))
        #expect(String(decoding: replayed[7], as: UTF8.self).contains("got an HTML page"))
        let reader = try RecordingReader(path: path)
        let keyframes = reader.entries.filter { if case .poll(_, true, _) = $0.kind { return true }; return false }
        #expect(keyframes.count == 3)   // the first body, then every 60 polls
    }

    @Test func seekingBackAndForthShowsWhatPlayingThroughShowed() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let recorder = try makeRecorder(path)
        _ = try await LiveRun.record(into: recorder, bodies: try LiveRun.bodies(600))
        recorder.close()
        let reader = try RecordingReader(path: path)
        let straight = ReplayPlayer(reader: reader)
        await straight.play(to: 1001)
        let seeking = ReplayPlayer(reader: reader)
        await seeking.seek(to: 1150)
        await seeking.seek(to: 1001)
        #expect(seeking.position == 1001)
        // Servers, states and rates as played through; alerts are left out: after a seek one that
        // began before the warm-up counts its age from there.
        var expected = try #require(straight.latest), got = try #require(seeking.latest)
        expected.alerts = []
        got.alerts = []
        #expect(try SnapshotJSON.encodeLine(got) == SnapshotJSON.encodeLine(expected))
        #expect(got.servers.count > 0)
        // The graphs hold the polls of the warm-up as played through (the first of them has no
        // rate yet: it is where the seek's store began).
        let drawn = Int(seeking.warmUp / reader.interval) - 1
        for (server, played) in zip(got.servers, expected.servers) {
            let rates = server.history.requestRate.values, playedRates = played.history.requestRate.values
            #expect(rates.count >= drawn)
            #expect(rates.suffix(drawn).map(\.bitPattern) == playedRates.suffix(drawn).map(\.bitPattern), "\(server.id)")
        }
    }

    @Test func theFileIsPrivateAndAnExistingFileOrSymlinkIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let recorder = try makeRecorder(path)
        recorder.close()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: RecordingError.self) { try self.makeRecorder(path) }
        let link = folder.path + "/link.lbrec"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path + "/elsewhere.lbrec")
        #expect(throws: RecordingError.self) { try self.makeRecorder(link) }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/elsewhere.lbrec"))
    }

    @Test func randomBytesAndAnEmptyFileAreNotARecording() throws {
        let folder = try TemporaryFolder()
        let noise = folder.path + "/noise.lbrec"
        var generator = SystemRandomNumberGenerator()
        try Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: noise))
        #expect { try RecordingReader(path: noise) } throws: { error in
            (error as? RecordingError)?.message == "\(noise) is not an lbtop recording (file is not a database)"
        }
        let empty = folder.path + "/empty.lbrec"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect { try RecordingReader(path: empty) } throws: { error in
            (error as? RecordingError)?.message.hasPrefix("\(empty) is not an lbtop recording") == true
        }
    }

    @Test func aTruncatedCopyOpensWithWhatComesBeforeTheCutOrSaysItIsDamaged() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let recorder = try makeRecorder(path)
        _ = try await LiveRun.record(into: recorder, bodies: try LiveRun.bodies(300))
        recorder.close()
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        for fraction in [0.3, 0.6, 0.9] {
            let cut = folder.path + "/cut-\(fraction).lbrec"
            try whole.prefix(Int(Double(whole.count) * fraction)).write(to: URL(fileURLWithPath: cut))
            do {
                let reader = try RecordingReader(path: cut)
                let player = ReplayPlayer(reader: reader)
                await player.play(to: reader.entries.count)
                #expect(reader.damage != nil || player.damagedPolls > 0, "a cut at \(fraction) went unnoticed")
            } catch {
                #expect(error.message.contains("damaged") || error.message.contains("not an lbtop recording"), "\(error)")
            }
        }
    }

    @Test func pastMaxSizeTheOldestDataIsDroppedAndTheRestStillReplays() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let recorder = try makeRecorder(path, maxSize: 1_000_000, commitEvery: 0)
        var generator = SystemRandomNumberGenerator()
        // Incompressible bodies (20 KB of random bytes each) fill the file fast.
        for poll in 0..<300 {
            let body = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = PollResult(target: LiveRun.target.id, role: .balancer, displayURL: LiveRun.target.url, name: "edge",
                                    host: nil, at: Double(poll), received: body, outcome: .failure(CollectError(.badPayload, "noise")))
            recorder.record(result, wall: Date(timeIntervalSince1970: LiveRun.start + Double(poll)))
        }
        recorder.close()
        #expect(recorder.failure == nil)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(size < 1_500_000, "file is \(size) bytes")
        let reader = try RecordingReader(path: path)
        #expect(reader.damage == nil)
        let polls = reader.entries.filter { if case .poll = $0.kind { return true }; return false }
        #expect(polls.count < 100 && polls.count > 10)
        #expect(polls.last?.seq == 300)
        if case .poll(_, let keyframe, _) = polls[0].kind { #expect(keyframe) }
        let player = ReplayPlayer(reader: reader)
        await player.play(to: reader.entries.count)
        #expect(player.damagedPolls == 0)
    }
}

@Suite struct ReplayFeedTests {
    /// The time of the snapshot built after poll `poll` of `LiveRun`.
    func time(ofPoll poll: Int) -> Date { Date(timeIntervalSince1970: LiveRun.start + Double(poll) + 0.001) }

    @Test func replayKeysMoveBetweenPollsAlertTransitionsAndMinutes() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/run.lbrec"
        let recorder = try Recorder(path: path, targets: [LiveRun.target], nodes: [], options: MonitorOptions(interval: 1))
        _ = try await LiveRun.record(into: recorder, bodies: try LiveRun.bodies(130))
        recorder.close()
        let reader = try RecordingReader(path: path)
        // app3 is DOWN from the first poll; the refused poll 5 fires target-stale, poll 6 resolves
        // it; the HTML page at 7 and 8 the same.
        #expect(reader.alerts.map { "\($0.rule) \($0.state)" } == ["server-down firing", "target-stale firing",
                                                                     "target-stale resolved", "target-stale firing",
                                                                     "target-stale resolved"])
        let feed = await ReplayFeed(player: ReplayPlayer(reader: reader), start: 0)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 0))
        await feed.control(.playPause)
        #expect(await feed.status.isPlaying == false)

        await feed.control(.nextEvent)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 0))
        await feed.control(.nextEvent)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 5))
        #expect(await feed.latestSnapshot().targets.first?.health == .stale)
        #expect(await feed.latestSnapshot().alerts.first?.rule == "target-stale")
        await feed.control(.nextEvent)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 6))
        await feed.control(.previousEvent)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 5))
        await feed.control(.stepForward)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 6))
        await feed.control(.stepBack)
        await feed.control(.stepBack)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 4))
        await feed.control(.minuteForward)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 64))
        await feed.control(.minuteBack)
        #expect(await feed.latestSnapshot().time == time(ofPoll: 4))
        await feed.control(.faster)
        await feed.control(.faster)
        #expect(await feed.status.speed == 5)
        await feed.control(.slower)
        #expect(await feed.status.speed == 2)
        let status = await feed.status
        #expect(status.start == Date(timeIntervalSince1970: LiveRun.start) && status.position == time(ofPoll: 4))
    }
}
