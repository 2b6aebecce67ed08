import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// The incident kept and written up: lbtop records a real haproxy while one of its servers is
    /// killed and brought back; `lbtop report` names that server DOWN at the alert log's times, and
    /// `lbtop replay` under tmux reaches that moment with `]`.
    @Suite struct RecordReportHAProxyTests {
        /// Seconds the server stays down (`LBTOP_E2E_DOWN_SECONDS`; the whole run is about 3x this).
        static let downSeconds = Double(ProcessInfo.processInfo.environment["LBTOP_E2E_DOWN_SECONDS"] ?? "") ?? 8

        @Test func theReportNamesTheKilledServerDownAndReplayReachesTheMoment() async throws {
            try await offPool {
                let dir = try ScratchDirectory()
                let log = dir.path + "/alerts.jsonl", file = dir.path + "/incident.lbrec"
                let haproxy = try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2", "app3"])])
                defer { haproxy.stop() }
                let live = try StreamingLBTop(["--json", "--interval", "500ms", "--alert-log", log, "--record", file, haproxy.statsURL])
                let traffic = TrafficLoop(haproxy)
                defer { traffic.stop() }
                try live.waitForLines(6, timeout: 30)

                let app2 = haproxy.servers["app/app2"]!
                app2.stop()
                try waitUntil(20, "the alert log to say app2 is DOWN") {
                    ((try? TUIAlertsTests.records(log)) ?? []).contains { $0.subject == "app/app2" && $0.state == .firing }
                }
                Thread.sleep(forTimeInterval: Self.downSeconds)
                let back = try ToyServer.start(name: "app2", port: app2.port)
                defer { back.stop() }
                try waitUntil(20, "the alert log to say app2 is back") {
                    ((try? TUIAlertsTests.records(log)) ?? []).contains { $0.subject == "app/app2" && $0.state == .resolved }
                }
                Thread.sleep(forTimeInterval: 2)
                #expect(live.stop(with: SIGINT) == 130, "stderr: \(live.stderr)")
                let records = try TUIAlertsTests.records(log).filter { $0.subject == "app/app2" && $0.rule == "server-down" }
                let fired = try #require(records.first { $0.state == .firing }).time
                let resolved = try #require(records.first { $0.state == .resolved }).time

                // The report, as JSON: app2 DOWN from about the firing to about the resolution.
                let json = try LBTopBinary.run(["report", file, "--format", "json"])
                #expect(json.status == 0, "stderr: \(json.stderr)")
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let report = try decoder.decode(IncidentReport.self, from: json.stdout)
                let down = try #require(report.summary.downtimes.first, "no downtime in \(String(decoding: json.stdout, as: UTF8.self))")
                #expect(report.summary.downtimes.count == 1)
                #expect(down.server == "app/app2")
                #expect(abs(down.from.timeIntervalSince(fired)) <= 2, "DOWN from \(down.from), alert fired \(fired)")
                #expect(abs(try #require(down.to).timeIntervalSince(resolved)) <= 2, "DOWN to \(String(describing: down.to)), resolved \(resolved)")
                #expect(report.timeline.contains { $0.kind == .alert && $0.subject == "app/app2" && $0.detail.hasPrefix("server-down warning firing") })
                #expect(report.servers.map(\.server) == ["app/app1", "app/app2", "app/app3"])
                #expect(report.distributions.map(\.backend) == ["app"])
                let markdown = try LBTopBinary.run(["report", file])
                #expect(String(decoding: markdown.stdout, as: UTF8.self).contains("**Servers down:** `app/app2` DOWN \(Self.clock(down.from))–"))

                // Replay under tmux: pause, `]` to the first transition: app2 DOWN, the header at its time.
                let tmux = try TmuxSession.start(width: 120, height: 30)
                defer { tmux.stop() }
                try tmux.run("env -u NO_COLOR -u COLORTERM '\(try LBTopBinary.path())' replay '\(file)'; echo \(DashboardUnderTmux.exitMarker)$?")
                try tmux.waitForScreen("the replay to list the servers") { $0.contains("app/app1") && $0.contains("x1") }
                try tmux.send("Space")
                try tmux.waitForScreen("the replay to pause") { $0.contains("‖ x1") }
                try tmux.send("]")
                try tmux.waitForScreen("app2 DOWN at the alert's time") { screen in
                    Self.row("app/app2", in: screen)?.contains("DOWN") == true && screen.contains(Self.clock(fired))
                }
                try tmux.send("q")
                try tmux.waitForScreen("replay to exit") { DashboardUnderTmux.exitStatus(in: $0) == 0 }
            }
        }

        static func row(_ server: String, in screen: String) -> String? {
            screen.split(separator: "\n").first { $0.hasPrefix(server) }.map(String.init)
        }

        /// `HH:MM:SS` in local time, as lbtop prints it.
        static func clock(_ date: Date) -> String {
            var seconds = time_t(date.timeIntervalSince1970)
            var parts = tm()
            localtime_r(&seconds, &parts)
            return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
        }
    }
}

/// A few requests a second through haproxy until stopped.
final class TrafficLoop: @unchecked Sendable {
    private let running = NSLock()
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    init(_ haproxy: HAProxyProcess) {
        Thread { [self] in
            while !running.withLock({ stopped }) {
                try? haproxy.sendRequests(1, to: "app")
                usleep(100_000)
            }
            done.signal()
        }.start()
    }

    func stop() {
        guard !running.withLock({ defer { stopped = true }; return stopped }) else { return }
        done.wait()
    }
}
