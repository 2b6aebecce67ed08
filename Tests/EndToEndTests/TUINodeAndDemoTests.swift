import Foundation
import Testing

extension EndToEnd {
    /// The servers view under tmux with the real binary: node columns filled from `--node local` for a
    /// real haproxy whose servers are on 127.0.0.1, and the demo's incident unfolding.
    @Suite struct TUINodeColumnsTests {
        /// Whole-number percentages on the row that starts with `prefix` (`34%`; shares read `17/25%`
        /// and never match): on a servers row these are the node's CPU % and memory %.
        static func percentages(_ screen: String, row prefix: String) -> [Double] {
            guard let row = screen.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [] }
            return row.split(separator: " ").compactMap { token in
                guard token.hasSuffix("%"), token.dropLast().allSatisfy(\.isNumber) else { return nil }
                return Double(token.dropLast())
            }
        }

        @Test func serversViewShowsTheLocalNodesCPUAndMemoryBesideLoopbackServers() throws {
            let dashboard = try DashboardUnderTmux.start(width: 160, height: 40, arguments: ["--node", "local"])
            defer { dashboard.stop() }
            try dashboard.tmux.waitForScreen("node CPU % and memory % on every app row") { screen in
                ["app/app1", "app/app2", "app/app3"].allSatisfy { Self.percentages(screen, row: $0).count == 2 }
            }
            let screen = try dashboard.tmux.capture()
            #expect(screen.contains("CPU%") && screen.contains("MEM%"))
            for server in ["app/app1", "app/app2", "app/app3"] {
                let values = Self.percentages(screen, row: server)
                #expect(values.count == 2 && values.allSatisfy { $0 >= 0 && $0 <= 100 }, "\(server): \(values)")
            }
            // The same machine: every row shows the same node.
            #expect(Set(["app/app1", "app/app2", "app/app3"].map { Self.percentages(screen, row: $0)[1] }).count == 1)
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }
    }
}

extension EndToEnd {
    /// `lbtop --demo` under tmux: within the first cycle the traffic view's TOP column names `app2`
    /// far above its fair share, and the servers view shows its node's CPU pinned.
    @Suite struct TUIDemoTests {
        @Test func demoIncidentUnfoldsInTheTrafficAndServersViews() throws {
            let binary = try LBTopBinary.path()
            let tmux = try TmuxSession.start(width: 160, height: 40)
            defer { tmux.stop() }
            try tmux.run("\(binary) --demo; echo \(DashboardUnderTmux.exitMarker)$?")
            try tmux.waitForScreen("the demo's servers", timeout: 20) { $0.contains("app/app2") && $0.contains("api/api2") }
            try tmux.send("2")
            // The surge starts at 15 s and reaches 75 % (3× the fair 25 %) by 35 s.
            try tmux.waitForScreen("app2 named at 2× its fair share or more in the traffic view", timeout: 60) { screen in
                screen.components(separatedBy: "app2 ").dropFirst().contains { after in
                    let token = after.prefix { $0 != " " && $0 != "\n" }
                    return token.hasSuffix("x") && (Double(token.dropLast()) ?? 0) >= 2
                }
            }
            try tmux.send("1")
            try tmux.waitForScreen("app2's node CPU above 90 %", timeout: 60) { screen in
                (TUINodeColumnsTests.percentages(screen, row: "app/app2").first ?? 0) > 90
            }
            try tmux.send("q")
            try tmux.waitForScreen("the shell back with lbtop's status") { DashboardUnderTmux.exitStatus(in: $0) == 0 }
        }
    }
}
