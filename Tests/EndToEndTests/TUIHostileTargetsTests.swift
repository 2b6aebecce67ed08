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

        /// A log sender at 200,000 datagrams a second against `--log udp://…` for 3 s: keys are
        /// still answered and the clock moves, memory stays bounded, every datagram the kernel
        /// dropped at lbtop's socket is counted and shown in the header, and once the flood stops
        /// the rate falls back to the trickle that follows it.
        @Test func aLogFloodIsCountedAsDroppedAndTheDashboardStaysResponsive() throws {
            let port = try Loopback.freePort()
            let dashboard = try DashboardUnderTmux.start(width: 200, height: 50,
                                                         arguments: ["--log", "udp://127.0.0.1:\(port)", "--interval", "1s"])
            defer { dashboard.stop() }
            let tmux = dashboard.tmux
            let pid = try dashboard.lbtopPID()
            try tmux.waitForScreen("the log input in the header", timeout: 10) { $0.contains("udp://127.0.0.1:\(port)") }

            let servers = ["app1", "app2", "app3"]
            let flood = try DatagramFlood(port: port, rate: 200_000, seconds: 3, backend: "app", servers: servers)
            var latencies: [Double] = []
            var peakRSS = 0.0
            let clock = try Self.clock(tmux)
            while !flood.isDone {
                for (key, mark) in [("1", "SERVER "), ("2", "STATUS"), ("3", "MESSAGE")] {
                    latencies.append(try Self.keyLatency(tmux, key: key) { $0.contains(mark) })
                }
                peakRSS = max(peakRSS, try Self.residentMegabytes(pid))
            }
            let (sent, seconds) = flood.wait()
            try tmux.waitForScreen("the clock to move", timeout: 5) { _ in (try? Self.clock(tmux)) != clock }
            latencies.sort()
            let median = latencies[latencies.count / 2], worst = latencies.last ?? 0
            print("log flood: \(sent) datagrams in \(String(format: "%.1f", seconds)) s; key to redraw \(Int(median * 1000)) ms median, "
                  + "\(Int(worst * 1000)) ms worst of \(latencies.count); peak RSS \(Int(peakRSS)) MB")
            #expect(Double(sent) / seconds > 100_000, "the sender reached only \(Int(Double(sent) / seconds))/s: no flood was made")
            #expect(worst < 1.5, "a key took \(worst) s to show")
            #expect(peakRSS < 200, "RSS \(peakRSS) MB")

            // A trickle after the flood carries the socket's final drop count to lbtop.
            let trickle = try DatagramFlood(port: port, rate: 20, seconds: 3, backend: "app", servers: servers)
            defer { _ = trickle.wait() }
            let kernelDrops = try Self.kernelDrops(port: port)
            var shown = 0
            try tmux.waitForScreen("the header to show every drop and the rate back to the trickle", timeout: 60) { screen in
                shown = Self.dropped(in: screen)
                return shown >= kernelDrops && Self.linesPerSecond(in: screen).map { $0 < 1_000 } == true
            }
            print("log flood: \(kernelDrops) dropped at the socket (/proc/net/udp), \(shown) shown as dropped")
            #expect(shown >= kernelDrops && (kernelDrops == 0 || shown > 0))
            #expect(try Self.residentMegabytes(pid) < 200)
            try tmux.send("q")
            #expect(try dashboard.waitForExit(timeout: 10) == 0)
        }

        /// The header's `N dropped` of the log input (0 when none is shown).
        static func dropped(in screen: String) -> Int {
            guard let match = screen.firstMatch(of: /(\d+) dropped/) else { return 0 }
            return Int(match.1) ?? 0
        }

        /// The header's `N lines/s` of the log input (`12`, `3.4k`, `1.2M`).
        static func linesPerSecond(in screen: String) -> Double? {
            guard let match = screen.firstMatch(of: /([\d.]+)([kM]?) lines\/s/), let value = Double(match.1) else { return nil }
            return value * (match.2 == "k" ? 1_000 : match.2 == "M" ? 1_000_000 : 1)
        }

        /// Datagrams the kernel dropped at the UDP socket bound to 127.0.0.1:`port` (the last column
        /// of `/proc/net/udp`).
        static func kernelDrops(port: Int) throws -> Int {
            let table = try String(contentsOfFile: "/proc/net/udp", encoding: .utf8)
            let local = String(format: "0100007F:%04X", port)
            let row = table.split(separator: "\n").first { $0.split(separator: " ").dropFirst().first.map(String.init) == local }
            guard let row, let drops = row.split(separator: " ").last.flatMap({ Int($0) }) else {
                throw LoopbackError("no UDP socket bound to 127.0.0.1:\(port) in /proc/net/udp")
            }
            return drops
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
