import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `lbtop replay` (the built binary, in tmux) of a recording that holds log batches: view `4`
    /// rebuilds the requests of the window from them.
    @Suite struct ReplayRequestsViewTests {
        static let input = RecordedTarget(id: TargetID("udp://127.0.0.1:5514"), role: .log, decoder: .logLines,
                                          url: "udp://127.0.0.1:5514", name: "udp://127.0.0.1:5514", host: nil)

        static func line(_ path: String, ms: Int, status: Int = 200, termination: String = "--NI") -> String {
            "<134>Dec  2 00:42:11 haproxy[1]: 10.0.0.7:40000 [02/Dec/2026:00:42:11.560] web app/app1"
                + " 0/0/1/\(ms)/\(ms + 1) \(status) 120 - - \(termination) 1/1/0/0/0 0/0 \"GET \(path) HTTP/1.1\"\n"
        }

        /// Six polls of one log input, each with 20 requests to /checkout and one slow 504 on /pay.
        static func record(to path: String) throws {
            let recorder = try Recorder(path: path, targets: [input], nodes: [], options: MonitorOptions(interval: 1))
            let start = Date().addingTimeInterval(-60)
            for poll in 0..<6 {
                let lines = Array(repeating: line("/checkout", ms: 12), count: 20)
                    + [line("/pay", ms: 2500, status: 504, termination: "sHNN")]
                let body = LogBatch(bytes: Array(lines.joined().utf8), lineCount: lines.count).framed()
                let result = PollResult(target: input.id, role: .log, displayURL: input.url, name: input.name, host: nil,
                                        at: 100 + Double(poll), received: body,
                                        outcome: Result { () throws(CollectError) in try input.decoder.decode(body) })
                let wall = start.addingTimeInterval(Double(poll))
                recorder.record(result, wall: wall)
                recorder.recordSnapshot(mono: 100 + Double(poll) + 0.001, wall: wall.addingTimeInterval(0.001))
            }
            recorder.close()
            if let failure = recorder.failure { throw LoopbackError("recording failed: \(failure)") }
        }

        @Test func viewFourOfAReplayShowsTheRecordedRequests() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-replay-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("logs.lbrec").path
            try Self.record(to: file)
            let binary = try LBTopBinary.path()
            let tmux = try TmuxSession.start(width: 120, height: 30)
            defer { tmux.stop() }
            try tmux.run("env -u NO_COLOR \(binary) replay '\(file)' --at +5s; echo LBTOP-EXIT=$?")
            try tmux.waitForScreen("the replay dashboard") { _ in (try? tmux.alternateScreenOn()) == true }
            try tmux.send("4")
            try tmux.waitForScreen("view 4 with the recorded paths") { screen in
                screen.contains("Top paths") && screen.contains("/checkout") && screen.contains("GET /pay")
                    && screen.contains("server timeout")
            }
            try tmux.send("q")
            try tmux.waitForScreen("lbtop to exit") { $0.contains("LBTOP-EXIT=0") }
        }
    }
}
