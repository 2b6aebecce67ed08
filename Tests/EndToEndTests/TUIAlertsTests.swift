import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// Alerts end to end: a real haproxy loses a server, the real binary under tmux raises it in the
    /// strip, the engineer acknowledges it in the alerts view, and a restarted lbtop keeps it
    /// acknowledged; the alert log on disk holds every transition.
    @Suite struct TUIAlertsTests {
        static let user = "oncall-e2e"

        @Test func aDownServerIsRaisedAcknowledgedAndStaysAcknowledgedAfterARestart() async throws {
            try await offPool {
                let dir = try ScratchDirectory()
                let log = dir.path + "/alerts.jsonl"
                let arguments = ["--interval", "500ms", "--alert-log", log]
                let dashboard = try DashboardUnderTmux.start(width: 200, height: 40, environment: ["USER": Self.user],
                                                             arguments: arguments)
                defer { dashboard.stop() }
                let tmux = dashboard.tmux

                // Kill one backend server's process: haproxy's checks take it DOWN, the strip says so.
                dashboard.haproxy.servers["app/app2"]!.stop()
                try tmux.waitForScreen("the strip to show app2 DOWN") { $0.contains("app/app2 is DOWN") }
                let fired = try Self.records(log)
                #expect(fired.map(\.state) == [.firing])
                #expect(fired.map(\.subject) == ["app/app2"])

                // `3`: the alerts view, its one firing alert selected; `a` acknowledges it.
                try tmux.send("3")
                try tmux.waitForScreen("the alerts view to list app2 firing") { Self.row("app/app2", in: $0)?.contains("firing") == true }
                try tmux.send("a")
                try tmux.waitForScreen("app2 to show acknowledged") { Self.row("app/app2", in: $0)?.contains("acked") == true }
                #expect(Self.row("app/app2", in: try tmux.capture())?.contains(Self.user) == true)
                let acknowledged = try Self.records(log)
                #expect(acknowledged.map(\.state) == [.firing, .acknowledged])
                #expect(acknowledged.last?.acknowledgedBy == Self.user)

                // Quit, start again: the alert comes back acknowledged, nothing fires again.
                try tmux.send("q")
                #expect(try dashboard.waitForExit() == 0)
                let binary = try LBTopBinary.path()
                let args = ([dashboard.haproxy.statsURL] + arguments).map { "'\($0)'" }.joined(separator: " ")
                try tmux.run("clear; env -u NO_COLOR -u COLORTERM USER='\(Self.user)' \(binary) \(args)")
                try tmux.waitForScreen("lbtop to list the servers again") { $0.contains("app/app1") }
                try tmux.send("3")
                try tmux.waitForScreen("app2 acknowledged after the restart") {
                    Self.row("app/app2", in: $0)?.contains("acked") == true
                }
                #expect(try tmux.capture().contains("no firing alerts"))
                try tmux.send("q")

                let all = try Self.records(log)
                #expect(all.map(\.state) == [.firing, .acknowledged, .acknowledged])
                #expect(all.allSatisfy { $0.id == all[0].id && $0.rule == "server-down" })
                #expect(all.map(\.acknowledgedBy) == [nil, Self.user, Self.user])
            }
        }

        /// The alert log's lines, each of which must parse.
        static func records(_ path: String) throws -> [AlertLogRecord] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n")
            let records = lines.compactMap { AlertLogRecord.parse(line: Array($0.utf8)) }
            guard records.count == lines.count else { throw LoopbackError("alert log has unparsable lines:\n\(text)") }
            return records
        }

        /// The alerts view's row for `subject`: the line naming it with a state (the strip names the
        /// alert too, but never with its state).
        static func row(_ subject: String, in screen: String) -> String? {
            screen.split(separator: "\n").first { line in
                line.contains(subject) && ["firing", "acked", "pending", "resolved"].contains { line.contains($0) }
            }.map(String.init)
        }
    }
}
