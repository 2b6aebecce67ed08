import Foundation

/// The real `lbtop` binary running against a real haproxy inside a tmux window: the fixture of
/// the `TUI…` tests. `start` returns once the servers view lists the haproxy's servers.
final class DashboardUnderTmux: @unchecked Sendable {
    let haproxy: HAProxyProcess
    let tmux: TmuxSession
    /// Printed by the shell after lbtop exits, with its status: `LBTOP-EXIT=0`.
    static let exitMarker = "LBTOP-EXIT="

    private init(haproxy: HAProxyProcess, tmux: TmuxSession) { self.haproxy = haproxy; self.tmux = tmux }

    /// - Parameters:
    ///   - environment: variables set for lbtop only (`TERM`, `NO_COLOR`, `LANG`…).
    ///   - arguments: extra command-line arguments after the stats URL.
    static func start(width: Int = 120, height: Int = 40, environment: [String: String] = [:],
                      arguments: [String] = [], waitFor ready: String? = "app/app1") throws -> DashboardUnderTmux {
        let binary = try LBTopBinary.path()
        let haproxy = try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2", "app3"])])
        do {
            let tmux = try TmuxSession.start(width: width, height: height)
            let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            let args = ([haproxy.statsURL] + arguments).map { "'\($0)'" }.joined(separator: " ")
            // The test runner may carry NO_COLOR or COLORTERM; each test states what it wants.
            try tmux.run("env -u NO_COLOR -u COLORTERM \(env) \(binary) \(args); echo \(exitMarker)$?")
            let dashboard = DashboardUnderTmux(haproxy: haproxy, tmux: tmux)
            if let ready { try tmux.waitForScreen("the servers view to list \(ready)") { $0.contains(ready) } }
            return dashboard
        } catch {
            haproxy.stop()
            throw error
        }
    }

    /// PID of the running lbtop (the shell's only child).
    func lbtopPID() throws -> Int32 {
        guard let pid = try tmux.childPIDs().first else { throw LoopbackError("lbtop is not running in the pane") }
        return pid
    }

    /// Waits for the shell to come back and returns lbtop's exit status as the shell printed it
    /// (a line `LBTOP-EXIT=<n>`; the typed command line holds the marker too, followed by `$?`).
    func waitForExit(timeout: Double = 20) throws -> Int {
        var status: Int?
        try tmux.waitForScreen("lbtop to exit and the shell to print its status", timeout: timeout) { screen in
            status = Self.exitStatus(in: screen)
            return status != nil && (try? self.tmux.alternateScreenOn()) == false
        }
        return status ?? -1
    }

    static func exitStatus(in screen: String) -> Int? {
        for line in screen.split(separator: "\n") where line.hasPrefix(exitMarker) {
            if let value = Int(line.dropFirst(exitMarker.count).prefix { $0.isNumber }) { return value }
        }
        return nil
    }

    func stop() {
        tmux.stop()
        haproxy.stop()
    }

    deinit { stop() }
}
