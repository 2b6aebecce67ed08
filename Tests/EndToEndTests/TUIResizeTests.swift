import Foundation
import Testing

extension EndToEnd {
    /// The window is resized while lbtop runs: it re-lays the frame for every size, says so in one
    /// line when the window is below the minimum, and redraws everything when it grows back.
    @Suite struct TUIResizeTests {
        /// Rows of the screen that are not blank.
        func filledRows(_ lines: [String]) -> Int { lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count }

        @Test func resizingRelaysTheScreenLiveAndBelowTheMinimumShowsOneLine() throws {
            let dashboard = try DashboardUnderTmux.start(width: 120, height: 40)
            defer { dashboard.stop() }
            let tmux = dashboard.tmux
            let full = try tmux.lines()
            #expect(full[0].hasPrefix("lbtop"))

            try tmux.resize(width: 80, height: 24)
            try tmux.waitForScreen("the 80x24 frame") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count >= 24 && lines[0].hasPrefix("lbtop") && lines[23].hasPrefix("Tab view")
            }
            #expect(try tmux.lines().allSatisfy { $0.count <= 80 })

            try tmux.resize(width: 40, height: 10)
            try tmux.waitForScreen("the 40x10 frame") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count >= 10 && lines[0].hasPrefix("lbtop") && lines[9].hasPrefix("Tab")
            }

            try tmux.resize(width: 30, height: 8)
            try tmux.waitForScreen("the too-small message") { $0.contains("Too small: 30x8 < 40x10") }
            let small = try tmux.lines()
            #expect(filledRows(small) == 1, "\(small)")

            try tmux.resize(width: 120, height: 40)
            try tmux.waitForScreen("the full frame again") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count >= 40 && lines[0].hasPrefix("lbtop") && lines[39].hasPrefix("Tab view")
                    && !screen.contains("Too small")
            }
            let again = try tmux.lines()
            #expect(again.contains { $0.hasPrefix("app/app1") } && again.contains { $0.hasPrefix("app/app3") })
            #expect(try tmux.alternateScreenOn())
            try tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }

        @Test func shrinkingAndGrowingManyTimesNeverCrashes() throws {
            let dashboard = try DashboardUnderTmux.start(width: 120, height: 40)
            defer { dashboard.stop() }
            let sizes = [(40, 10), (120, 40), (41, 11), (20, 5), (200, 60), (39, 9), (80, 24), (120, 40)]
            for (width, height) in sizes { try dashboard.tmux.resize(width: width, height: height); usleep(150_000) }
            try dashboard.tmux.waitForScreen("the 120x40 frame after the storm") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count >= 40 && lines[0].hasPrefix("lbtop") && lines[39].hasPrefix("Tab view")
            }
            #expect(try dashboard.lbtopPID() > 0)
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }
    }
}
