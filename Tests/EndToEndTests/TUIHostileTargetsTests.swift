import Foundation
import Testing

extension EndToEnd {
    /// One live dashboard in tmux watching a real haproxy beside a dozen targets that misbehave on
    /// purpose (`FaultyEndpoint`): it keeps redrawing and answering keys, each bad target is stale
    /// with a reason a person can act on, memory stays bounded, odd but valid CSV makes no false
    /// spike or alert, and the targets that heal come back fresh.
    @Suite struct TUIHostileTargetsTests {
        /// The reason each failing target must show (the alert message starts `URL is not answering: `).
        static let reasons: [FaultyEndpoint.Fault: String] = [
            .stalledHTTP: "timed out after 2s",
            .stalledTLS: "timed out after 2s",
            .slowBody: "timed out after 2s",
            .endlessBody: "response larger than the 16 MiB cap",
            .twoGigabyteLength: "response larger than the 16 MiB cap",
            .closedMidBody: "connection closed by 127.0.0.1:",
            .socketIsDirectory: "not a socket: ",
        ]
        /// Valid answers that are only unusual: they must stay fresh and raise nothing.
        static let odd: [FaultyEndpoint.Fault] = [.shiftingHeader, .counterJump]

        @Test func theDashboardStaysResponsiveAmongHostileTargetsAndRecovers() throws {
            let faults = Array(Self.reasons.keys).sorted { $0.rawValue < $1.rawValue } + Self.odd
            let endpoints = try faults.map { try FaultyEndpoint.start($0) }
            defer { endpoints.forEach { $0.stop() } }
            let dashboard = try DashboardUnderTmux.start(width: 240, height: 60,
                                                         arguments: endpoints.map(\.url) + ["--interval", "1s", "--timeout", "2s"])
            defer { dashboard.stop() }
            let tmux = dashboard.tmux
            let pid = try dashboard.lbtopPID()

            // Every failing target stale, its alert saying why.
            try tmux.send("3")
            try tmux.waitForScreen("a target-stale alert with its reason for every hostile target", timeout: 30) { screen in
                endpoints.allSatisfy { endpoint in
                    guard let reason = Self.reasons[endpoint.fault] else { return true }
                    return Self.alertRow(in: screen, for: endpoint)?.contains("is not answering: " + reason) == true
                }
            }

            // Keys still answered while fetches hang, crawl and overflow: view switches measured from
            // send-keys to the new view on tmux's screen (tmux's own round trips included).
            var latencies: [Double] = []
            for _ in 0..<4 {
                for (key, mark) in [("1", "SERVER "), ("2", "STATUS"), ("3", "MESSAGE")] {
                    latencies.append(try Self.keyLatency(tmux, key: key) { $0.contains(mark) })
                }
            }
            latencies.sort()
            let median = latencies[latencies.count / 2], worst = latencies.last ?? 0
            print("hostile targets: key to redraw \(Int(median * 1000)) ms median, \(Int(worst * 1000)) ms worst of \(latencies.count)")
            #expect(worst < 1.5, "a key took \(worst) s to show")

            // Still redrawing on its own: the clock moves.
            let clock = try Self.clock(tmux)
            try tmux.waitForScreen("the clock to move", timeout: 5) { _ in (try? Self.clock(tmux)) != clock }

            // Memory bounded although bodies without end (and one claiming 2 GB) keep arriving.
            let rss = try Self.residentMegabytes(pid)
            print("hostile targets: lbtop RSS \(Int(rss)) MB")
            #expect(rss < 200, "RSS \(rss) MB")

            // The odd but valid targets: fresh, no alert, no spike from the 2^62 jump.
            try tmux.send("1")
            try tmux.waitForScreen("the odd targets' servers listed", timeout: 10) { screen in
                Self.odd.allSatisfy { screen.contains($0.backend + "/s1") }
            }
            // By now the counter-jump target is well past its jump (its sixth poll).
            let servers = try tmux.capture()
            for fault in Self.odd {
                let row = try #require(Self.line(in: servers, containing: fault.backend + "/s1"))
                #expect(!row.contains("G "), "a spike: \(row)")
            }
            try tmux.send("3")
            try tmux.waitForScreen("the alerts view", timeout: 5) { $0.contains("MESSAGE") }
            let alerts = try tmux.capture()
            for endpoint in endpoints where Self.odd.contains(endpoint.fault) {
                #expect(Self.alertRow(in: alerts, for: endpoint) == nil, "an alert for \(endpoint.fault)")
                #expect(!alerts.contains(endpoint.fault.backend + "/"), "an alert for \(endpoint.fault)")
            }

            // Recovery: the HTTP faults heal and their alerts resolve.
            let healing = endpoints.filter { $0.url.hasPrefix("http://") && Self.reasons[$0.fault] != nil }
            try healing.forEach { try $0.heal() }
            try tmux.waitForScreen("every healed target's alert resolved", timeout: 30) { screen in
                healing.allSatisfy { Self.alertRow(in: screen, for: $0)?.contains("resolved") == true }
            }

            // And it still quits at once with fetches hanging.
            try tmux.send("q")
            #expect(try dashboard.waitForExit(timeout: 10) == 0)
        }

        static func line(in screen: String, containing text: String) -> String? {
            screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
        }

        /// The alerts view's row about `endpoint` (its message names the URL).
        static func alertRow(in screen: String, for endpoint: FaultyEndpoint) -> String? {
            screen.split(separator: "\n").first { ($0.hasPrefix("WARN ") || $0.hasPrefix("CRIT ")) && $0.contains(endpoint.location) }
                .map(String.init)
        }

        /// Seconds from sending `key` until the screen satisfies `shown`.
        static func keyLatency(_ tmux: TmuxSession, key: String, _ shown: (String) -> Bool) throws -> Double {
            let start = Date()
            try tmux.send(key)
            while Date().timeIntervalSince(start) < 10 {
                if shown(try tmux.capture()) { return Date().timeIntervalSince(start) }
            }
            throw LoopbackError("key \(key) was not answered within 10 s")
        }

        /// The `HH:mm:ss` at the right end of the header.
        static func clock(_ tmux: TmuxSession) throws -> String {
            String((try tmux.lines().first ?? "").trimmingCharacters(in: .whitespaces).suffix(8))
        }

        static func residentMegabytes(_ pid: Int32) throws -> Double {
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
            return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
        }
    }
}

extension FaultyEndpoint {
    /// What of the URL a screen line shows: `127.0.0.1:PORT` or the socket path.
    var location: String {
        if url.hasPrefix("unix://") { return String(url.dropFirst("unix://".count)) }
        return String(url.split(separator: "/")[1])
    }
}
