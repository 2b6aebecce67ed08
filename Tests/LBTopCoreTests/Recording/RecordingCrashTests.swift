import Foundation
import LBTopCore
import Testing

@Suite struct RecordingCrashTests {
    /// SIGKILL at 100 random moments while a recording is written (`recording-writer` records the
    /// demo cluster's polls, snapshots and alerts, flushing after each poll): every file opens as
    /// replay and report open it, undamaged, with every poll the writer reported flushed and at
    /// most the one after it, and replays to the end without a damaged body.
    @Test func killMinusNineAtRandomMomentsKeepsEachRecordingReadable() async throws {
        let folder = try TemporaryFolder()
        var generator = SystemRandomNumberGenerator()
        var opened = 0
        for run in 0..<100 {
            let path = folder.path + "/run-\(run).lbrec"
            let writer = try CountingHelper("recording-writer", argument: path)
            // Somewhere in the middle of writing: after 0–12 polls plus up to 3 ms.
            writer.waitForCount(Int.random(in: 0...12, using: &generator))
            usleep(UInt32.random(in: 0..<3_000, using: &generator))
            let reported = writer.kill()
            #expect(writer.process.terminationReason == .uncaughtSignal, "run \(run): the writer ended by itself")

            guard let reported else {
                // Killed while creating the file: nothing was recorded, and it says so if it is not one.
                do { _ = try RecordingReader(path: path) } catch {
                    #expect(error.message.contains("not an lbtop recording") || error.message.contains("no such file"),
                            "run \(run): \(error.message)")
                }
                continue
            }
            let reader: RecordingReader
            do { reader = try RecordingReader(path: path) } catch {
                Issue.record("run \(run): killed after \(reported) polls, the recording does not open: \(error.message)")
                break
            }
            opened += 1
            #expect(reader.damage == nil, "run \(run): \(reader.damage ?? "")")
            let polls = reader.entries.filter { if case .poll = $0.kind { return true }; return false }
            #expect((reported...reported + 1).contains(polls.count), "run \(run): \(polls.count) polls on disk, \(reported) reported")
            #expect(polls.map(\.mono) == (0..<polls.count).map { Double($0 + 1) }, "run \(run): polls out of order or missing")
            let player = ReplayPlayer(reader: reader)
            await player.play(to: reader.entries.count)
            #expect(player.damagedPolls == 0, "run \(run): \(player.damagedPolls) damaged polls")
            #expect(reported == 0 || player.latest?.servers.isEmpty == false, "run \(run): no servers replayed")
            if reader.damage != nil || polls.count < reported { break }
        }
        #expect(opened > 50, "only \(opened) of 100 runs got past creating the file")
    }
}
