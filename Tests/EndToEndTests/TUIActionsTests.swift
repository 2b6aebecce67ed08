import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// Acting from the dashboard end to end: the real binary under tmux drains, readies and
    /// weights a real haproxy's server through its stats socket and through its stats page's admin
    /// form. Every effect is checked by the test over the admin socket itself, never through
    /// lbtop; every action, sent, refused or cancelled, must be in the alert log.
    @Suite struct TUIActionsTests {
        static let user = "oncall-e2e"

        @Test func drainReadyWeightRefusalsAndTheStatsPageFormAreSentAndAudited() async throws {
            try await offPool {
                let dir = try ScratchDirectory()
                let log = dir.path + "/alerts.jsonl"
                let haproxy = try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2", "app3"])],
                                                       statsPage: .init(admin: true))
                defer { haproxy.stop() }
                let tmux = try TmuxSession.start(width: 160, height: 40)
                defer { tmux.stop() }
                let binary = try LBTopBinary.path()
                func start(_ target: String, _ extra: [String] = []) throws {
                    let args = ([target, "--interval", "500ms", "--alert-log", log] + extra).map { "'\($0)'" }
                        .joined(separator: " ")
                    try tmux.run("clear; env -u NO_COLOR -u COLORTERM USER='\(Self.user)' \(binary) \(args); "
                        + "echo \(DashboardUnderTmux.exitMarker)$?")
                    try tmux.waitForScreen("lbtop to list app/app1") { Self.row("app/app1", in: $0) != nil }
                }
                func quit() throws {
                    try tmux.send("q")
                    try tmux.waitForShell(printing: DashboardUnderTmux.exitMarker + "0")
                }
                func draining(_ server: String) throws -> Bool { try Self.adminState(server, haproxy) & 8 != 0 }

                // With --allow-actions: `d` names what it will send and what it does; `y` drains.
                try start(haproxy.socketURL, ["--allow-actions"])
                try tmux.send("d")
                try tmux.waitForScreen("the drain confirmation") { $0.contains("set server app/app1 state drain") }
                let confirmation = try tmux.capture()
                #expect(confirmation.contains("2 of 3 servers will take its traffic"))
                #expect(confirmation.contains("y sends"))
                #expect(try !draining("app1"), "nothing is sent before y")
                try tmux.send("y")
                try tmux.waitForScreen("the drain done") { $0.contains("app/app1 drain: done") }
                #expect(try draining("app1"))
                try tmux.waitForScreen("the row to show DRAIN") { Self.row("app/app1", in: $0)?.contains("DRAIN") == true }

                // `r`, `y`: back in rotation.
                try tmux.send("r")
                try tmux.waitForScreen("the ready confirmation") { $0.contains("set server app/app1 state ready") }
                try tmux.send("y")
                try tmux.waitForScreen("ready done") { $0.contains("app/app1 ready: done") }
                #expect(try !draining("app1"))

                // `w`, `50`, Enter, `y`: HAProxy's own `get weight` says 50.
                try tmux.send("w")
                try tmux.waitForScreen("the weight prompt") { $0.contains("weight for app/app1") }
                try tmux.send("5", "0", "Enter")
                try tmux.waitForScreen("the weight confirmation") { $0.contains("set server app/app1 weight 50") }
                try tmux.send("y")
                try tmux.waitForScreen("weight done") { $0.contains("app/app1 weight 50: done") }
                #expect(try haproxy.command("get weight app/app1").hasPrefix("50 (initial 1)"))

                // `d` then `n`: nothing sent.
                try tmux.send("d")
                try tmux.waitForScreen("the drain confirmation again") { $0.contains("Confirm: drain app/app1") }
                try tmux.send("n")
                try tmux.waitForScreen("the cancel") { $0.contains("cancelled: nothing sent") }
                #expect(try !draining("app1"))

                // The last serving server of a backend: refused without asking; `D` still asks.
                _ = try haproxy.command("set server app/app2 state maint")
                _ = try haproxy.command("set server app/app3 state maint")
                try tmux.waitForScreen("app2 and app3 in MAINT") {
                    Self.row("app/app2", in: $0)?.contains("MAINT") == true && Self.row("app/app3", in: $0)?.contains("MAINT") == true
                }
                try tmux.send("d")
                try tmux.waitForScreen("the refusal") { $0.contains("app/app1 is the last serving server of app") }
                #expect(try !tmux.capture().contains("y sends"))
                #expect(try !draining("app1"))
                try tmux.send("D")
                try tmux.waitForScreen("the forced confirmation") { $0.contains("Confirm: FORCED drain app/app1") }
                try tmux.send("n")
                try tmux.waitForScreen("the forced drain cancelled") { $0.contains("cancelled: nothing sent") }
                #expect(try !draining("app1"))
                _ = try haproxy.command("set server app/app2 state ready")
                _ = try haproxy.command("set server app/app3 state ready")
                try quit()

                // Without --allow-actions: the footer says how to enable them; nothing is sent.
                try start(haproxy.socketURL)
                try tmux.send("d")
                try tmux.waitForScreen("the footer to say how to enable actions") { $0.contains("--allow-actions") }
                #expect(try !tmux.capture().contains("y sends"))
                #expect(try !draining("app1"))
                try quit()

                // At level operator HAProxy refuses: its answer is on screen as it said it.
                try start(haproxy.operatorSocketURL, ["--allow-actions"])
                try tmux.send("d")
                try tmux.waitForScreen("the confirmation over the operator socket") { $0.contains("state drain") }
                try tmux.send("y")
                try tmux.waitForScreen("HAProxy's refusal") { $0.contains("app/app1 drain: rejected (Permission denied)") }
                #expect(try !draining("app1"))
                try quit()

                // The same drain through the stats page's admin form (`stats admin if TRUE`).
                try start(haproxy.statsURL, ["--allow-actions"])
                try tmux.send("d")
                try tmux.waitForScreen("the form confirmation") { $0.contains("s=app1&action=drain&b=app") }
                try tmux.send("y")
                try tmux.waitForScreen("the form drain done") { $0.contains("app/app1 drain: done (st=DONE") }
                #expect(try draining("app1"))
                try quit()

                let actions = try Self.actions(log)
                #expect(actions.map(\.outcome) == [.done, .done, .done, .cancelled, .refused, .cancelled,
                                                   .refused, .rejected, .done])
                #expect(actions.allSatisfy { $0.user == Self.user && $0.server == "app/app1" && $0.kind == "action" })
                #expect(actions.map(\.action) == ["drain", "ready", "weight 50", "drain", "drain", "drain",
                                                  "drain", "drain", "drain"])
                #expect(actions[0].command == "set server app/app1 state drain")
                #expect(actions[0].via == "stats socket")
                #expect(actions[0].stateBefore == "UP" && actions[0].stateAfter == "DRAIN")
                #expect(actions[2].weightBefore == 1 && actions[2].weightAfter == 50)
                #expect(actions[4].answer.contains("last serving server"))
                #expect(actions[6].answer.contains("--allow-actions"))
                #expect(actions[7].answer == "Permission denied")
                #expect(actions[7].target == haproxy.operatorSocketURL)
                #expect(actions[8].via == "stats page" && actions[8].command == "s=app1&action=drain&b=app")
                #expect(actions[8].stateAfter == "DRAIN")
            }
        }

        /// `srv_admin_state` of an `app` server from `show servers state` (8 = drain, 1 = maint).
        static func adminState(_ server: String, _ haproxy: HAProxyProcess) throws -> Int {
            let answer = try haproxy.command("show servers state app")
            for line in answer.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count > 6, fields[3] == server, let state = Int(fields[6]) { return state }
            }
            throw LoopbackError("no \(server) in show servers state:\n\(answer)")
        }

        /// The action lines of the alert log; every line must parse as an alert or an action.
        static func actions(_ path: String) throws -> [ActionRecord] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n").map { Array($0.utf8) }
            let actions = lines.compactMap { ActionRecord.parse(line: $0) }
            let alerts = lines.compactMap { AlertLogRecord.parse(line: $0) }
            guard actions.count + alerts.count == lines.count else { throw LoopbackError("unparsable alert log:\n\(text)") }
            return actions
        }

        /// The servers view's line for `server`.
        static func row(_ server: String, in screen: String) -> String? {
            screen.split(separator: "\n").first { $0.contains(server) && ($0.contains("UP") || $0.contains("DRAIN")
                || $0.contains("MAINT") || $0.contains("DOWN")) }.map(String.init)
        }
    }
}
