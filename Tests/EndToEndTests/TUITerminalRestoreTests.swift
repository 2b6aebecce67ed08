import Foundation
import Testing

extension EndToEnd {
    /// However lbtop ends — `q`, SIGINT, SIGTERM, SIGHUP, an error, a crash — the terminal comes back
    /// as the shell left it: main screen, cursor, line discipline.
    @Suite struct TUITerminalRestoreTests {
        /// After lbtop has gone: the main screen is back, the prompt is there, and a command prints on
        /// a line of its own (a terminal left in raw or no-newline mode would staircase it).
        func expectShellUsable(_ dashboard: DashboardUnderTmux) throws {
            #expect(try dashboard.tmux.alternateScreenOn() == false)
            try dashboard.tmux.run("echo shell-is-back")
            try dashboard.tmux.waitForScreen("the echo to print") { screen in
                screen.split(separator: "\n").contains { $0 == "shell-is-back" }
            }
            let lines = try dashboard.tmux.lines()
            #expect(lines.contains(TmuxSession.prompt + "echo shell-is-back"))
            #expect(!lines.contains { $0.contains("SERVER") && $0.contains("STATE") }, "the dashboard was left on the main screen")
        }

        @Test func quitWithQRestoresTheShell() throws {
            let dashboard = try DashboardUnderTmux.start()
            defer { dashboard.stop() }
            #expect(try dashboard.tmux.alternateScreenOn())
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
            try expectShellUsable(dashboard)
        }

        @Test func controlCRestoresTheShellAndExitsAsInterrupted() throws {
            let dashboard = try DashboardUnderTmux.start()
            defer { dashboard.stop() }
            try dashboard.tmux.send("C-c")
            // bash abandons the rest of a command line whose program died of SIGINT, so ask it.
            try dashboard.tmux.waitForScreen("the prompt after ^C") { _ in (try? dashboard.tmux.alternateScreenOn()) == false }
            try dashboard.tmux.run("echo STATUS=$?")
            try dashboard.tmux.waitForScreen("the status") { $0.contains("STATUS=130") }
            try expectShellUsable(dashboard)
        }

        @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGINT, 130)])
        func aTerminationSignalRestoresTheShell(signal: Int32, status: Int) throws {
            let dashboard = try DashboardUnderTmux.start()
            defer { dashboard.stop() }
            kill(try dashboard.lbtopPID(), signal)
            if signal == SIGINT {
                try dashboard.tmux.waitForScreen("the prompt after SIGINT") { _ in (try? dashboard.tmux.alternateScreenOn()) == false }
                try dashboard.tmux.run("echo \(DashboardUnderTmux.exitMarker)$?")
            }
            #expect(try dashboard.waitForExit() == status)
            try expectShellUsable(dashboard)
        }

        @Test func anErrorWhileRunningRestoresTheShellAndIsReported() throws {
            let dashboard = try DashboardUnderTmux.start(environment: ["LBTOP_TEST_FAULT": "throw"], waitFor: nil)
            defer { dashboard.stop() }
            #expect(try dashboard.waitForExit() != 0)
            #expect(try dashboard.tmux.capture().contains("injected failure"))
            try expectShellUsable(dashboard)
        }

        @Test func aCrashRestoresTheShell() throws {
            let dashboard = try DashboardUnderTmux.start(environment: ["LBTOP_TEST_FAULT": "crash", "SWIFT_BACKTRACE": "enable=no"], waitFor: nil)
            defer { dashboard.stop() }
            // SIGILL (132) on x86_64, SIGTRAP (133) on arm64: either way a signal death, not a clean exit
            let status = try dashboard.waitForExit()
            #expect(status == 132 || status == 133, "status \(status)")
            try expectShellUsable(dashboard)
        }

        /// A segmentation fault and an abort inside lbtop: the terminal is restored first, then the
        /// process dies of that signal (status 128 + signal), as it would without the handler.
        @Test(arguments: [("segv", SIGSEGV), ("abort", SIGABRT)])
        func aFatalSignalRestoresTheShell(fault: String, signal: Int32) throws {
            let dashboard = try DashboardUnderTmux.start(environment: ["LBTOP_TEST_FAULT": fault, "SWIFT_BACKTRACE": "enable=no"], waitFor: nil)
            defer { dashboard.stop() }
            #expect(try dashboard.waitForExit() == 128 + Int(signal))
            try expectShellUsable(dashboard)
        }

        /// The same signals sent from outside (`kill -SEGV`): nothing faults again after the handler
        /// returns, so the handler must re-raise or lbtop would run on with its terminal given back.
        @Test(arguments: [SIGSEGV, SIGABRT])
        func aFatalSignalSentWithKillRestoresTheShellAndEnds(signal: Int32) throws {
            let dashboard = try DashboardUnderTmux.start(environment: ["SWIFT_BACKTRACE": "enable=no"])
            defer { dashboard.stop() }
            kill(try dashboard.lbtopPID(), signal)
            #expect(try dashboard.waitForExit() == 128 + Int(signal))
            try expectShellUsable(dashboard)
        }
    }
}
