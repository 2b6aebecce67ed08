import Foundation
import Testing

extension EndToEnd {
    /// `--record`, `--json` streaming and `replay --json` with the built binary on the demo cluster.
    @Suite struct RecordReplayTests {
        /// Seconds of the live-versus-replayed comparison (`Tests/perf/replay-equality.sh` runs 60).
        static let seconds = Double(ProcessInfo.processInfo.environment["LBTOP_E2E_RECORD_SECONDS"] ?? "") ?? 10

        func replayedLines(_ file: String) throws -> [String] {
            let replay = try LBTopBinary.run(["replay", file, "--json"], timeout: 120)
            #expect(replay.status == 0, "stderr: \(replay.stderr)")
            return String(decoding: replay.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        @Test func liveJSONLinesEqualTheReplayedOnes() async throws {
            let scratch = try ScratchDirectory()
            defer { withExtendedLifetime(scratch) {} }
            let folder = scratch.path
            let file = folder + "/demo-%Y%m%d-%H%M%S.lbrec"
            let live = try StreamingLBTop(["--demo", "--json", "--interval", "1s", "--record", file,
                                           "--alert-log", folder + "/alerts.jsonl"])
            let count = Int(Self.seconds)
            try await offPool { try live.waitForLines(count, timeout: Self.seconds + 30) }
            let status = try await offPool { live.stop(with: SIGINT) }
            #expect(status == 130, "stderr: \(live.stderr)")
            let recorded = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".lbrec") }
            #expect(recorded.count == 1 && recorded[0].hasPrefix("demo-2"), "files: \(recorded)")
            let replayed = try await offPool { try self.replayedLines(folder + "/" + recorded[0]) }
            let lines = live.lines
            #expect(lines.count >= count)
            // Every live line, all fields to the byte, is one the replay rebuilt, in the same order.
            var cursor = replayed.startIndex
            for (number, line) in lines.enumerated() {
                guard let found = replayed[cursor...].firstIndex(of: line) else {
                    Issue.record("live line \(number) is not among the replayed ones after \(cursor): \(line.prefix(300))")
                    break
                }
                cursor = found + 1
            }
            #expect(lines.last?.contains("\"health\":\"fresh\"") == true)
        }

        @Test func killedWithSIGKILLWhileRecordingTheFileStillReplaysUpToTheKill() async throws {
            let scratch = try ScratchDirectory()
            defer { withExtendedLifetime(scratch) {} }
            let folder = scratch.path
            let file = folder + "/killed.lbrec"
            let live = try StreamingLBTop(["--demo", "--json", "--interval", "1s", "--record", file,
                                           "--alert-log", folder + "/alerts.jsonl"])
            try await offPool { try live.waitForLines(5, timeout: 40) }
            _ = try await offPool { live.stop(with: SIGKILL) }
            let lines = live.lines
            let replayed = try await offPool { try self.replayedLines(file) }
            #expect(replayed.count >= 4)
            // At most the last second is lost: the line printed two seconds before the kill (its
            // snapshot built up to a second before that) replays.
            let beforeKill = lines[lines.count - 3]
            #expect(replayed.contains(beforeKill), "replayed \(replayed.count) snapshots, not the one of two seconds before the kill")

            let noise = folder + "/noise.lbrec"
            try Data((0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }).write(to: URL(fileURLWithPath: noise))
            let refused = try await offPool { try LBTopBinary.run(["replay", noise, "--json"]) }
            #expect(refused.status == 1)
            #expect(refused.stderr == "lbtop: \(noise) is not an lbtop recording (file is not a database)\n")
        }

        /// The stream after two lines, and `--once` whose reader is gone before it writes.
        @Test(arguments: ["--demo --json --interval 0.5s | head -n 2 >/dev/null", "--demo --once --json | true"])
        func theJSONEndsQuietlyWhenItsReaderGoes(_ pipeline: String) async throws {
            let script = "'\(try LBTopBinary.path())' \(pipeline); echo \"status ${PIPESTATUS[0]}\""
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let status = try await offPool { process.exitStatus(waitingAtMost: 40) }
            #expect(status == 0)
            #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "status 0\n")
            #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "")
        }
    }
}
