import Foundation
import Testing

extension EndToEnd {
    /// One binary, the terminals people SSH from: 256 colours, 8 colours without colour
    /// (`NO_COLOR`), and a C locale. Each renders a readable frame; `capture-pane -e` shows what
    /// colours and attributes reached the terminal.
    @Suite struct TUITerminalVariantTests {
        static let escape = "\u{1b}["

        /// SGR sequences in a capture, e.g. `38;5;203`, `1`, `7`.
        static func sgrParameters(_ capture: String) -> [String] {
            var found: [String] = []
            var rest = Substring(capture)
            while let start = rest.range(of: escape) {
                let tail = rest[start.upperBound...]
                guard let end = tail.firstIndex(of: "m") else { break }
                found.append(String(tail[..<end]))
                rest = tail[tail.index(after: end)...]
            }
            return found
        }

        static func hasColour(_ parameters: [String]) -> Bool {
            parameters.contains { p in
                p.split(separator: ";").contains { ["30", "31", "32", "33", "34", "35", "36", "37", "38", "90", "91", "92", "93", "94", "95", "96", "97"].contains(String($0)) }
            }
        }

        func expectReadableFrame(_ dashboard: DashboardUnderTmux) throws {
            let lines = try dashboard.tmux.lines()
            #expect(lines[0].hasPrefix("lbtop"))
            #expect(lines.contains { $0.hasPrefix("app/app1") } && lines.contains { $0.hasPrefix("app/app2") })
            #expect(lines.contains { $0.hasPrefix("SERVER") })
            #expect(lines[39].hasPrefix("Tab view"))
        }

        @Test func xterm256ColorGetsPaletteColours() throws {
            let dashboard = try DashboardUnderTmux.start(environment: ["TERM": "xterm-256color"])
            defer { dashboard.stop() }
            try expectReadableFrame(dashboard)
            let parameters = Self.sgrParameters(try dashboard.tmux.capture(escapes: true))
            #expect(parameters.contains { $0.contains("38;5;") }, "\(Set(parameters))")
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }

        @Test func colortermTruecolorGetsExactRGB() throws {
            // needs the direct-colour terminfo entries of Debian's `ncurses-term`
            let dashboard = try DashboardUnderTmux.start(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"])
            defer { dashboard.stop() }
            try expectReadableFrame(dashboard)
            let parameters = Self.sgrParameters(try dashboard.tmux.capture(escapes: true))
            #expect(parameters.contains { $0.contains("38;2;") },
                    "no 24-bit colour; is the Debian package `ncurses-term` installed? \(Set(parameters))")
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }

        @Test func noColorOnXtermUsesAttributesOnly() throws {
            let dashboard = try DashboardUnderTmux.start(environment: ["TERM": "xterm", "NO_COLOR": "1"])
            defer { dashboard.stop() }
            try expectReadableFrame(dashboard)
            let parameters = Self.sgrParameters(try dashboard.tmux.capture(escapes: true))
            #expect(!Self.hasColour(parameters), "\(Set(parameters))")
            // the selected row is reverse video and the header bold: attributes still carry meaning
            #expect(parameters.contains { $0.split(separator: ";").contains("7") }, "\(Set(parameters))")
            #expect(parameters.contains { $0.split(separator: ";").contains("1") }, "\(Set(parameters))")
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }

        @Test func cLocaleDrawsPlainASCII() throws {
            let dashboard = try DashboardUnderTmux.start(environment: ["LANG": "C", "LC_ALL": "C"])
            defer { dashboard.stop() }
            try expectReadableFrame(dashboard)
            try dashboard.tmux.send("?")
            try dashboard.tmux.waitForScreen("the ASCII help box") { $0.contains("+- Keys ") }
            let screen = try dashboard.tmux.capture()
            let foreign = screen.unicodeScalars.filter { !$0.isASCII }
            #expect(foreign.isEmpty, "non-ASCII on screen: \(String(String.UnicodeScalarView(foreign)))")
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }

        @Test func viewsAndHelpAnswerTheirKeys() throws {
            let dashboard = try DashboardUnderTmux.start()
            defer { dashboard.stop() }
            let tmux = dashboard.tmux
            try tmux.send("2")
            try tmux.waitForScreen("the traffic view") { screen in
                screen.contains("NAME") && screen.contains("REQ/S") && !screen.contains("SERVER ")
            }
            try tmux.send("?")
            try tmux.waitForScreen("the help overlay") { $0.contains("┌─ Keys ") }
            let help = try tmux.capture()
            for summary in ["servers view", "acknowledge all visible alerts", "filter rows by text", "pause / resume the display", "quit"] {
                #expect(help.contains(summary), "\(summary)")
            }
            try tmux.send("Escape")
            try tmux.waitForScreen("help closed") { !$0.contains("┌─ Keys ") }
            try tmux.send("1")
            try tmux.waitForScreen("the servers view") { $0.contains("SERVER") }
            try tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }

        @Test func tSwitchesThemeLiveAndSavesTheChoiceInTheConfig() throws {
            let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-theme-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = directory.appendingPathComponent("config.toml")
            try "# written by the test\n".write(to: config, atomically: true, encoding: .utf8)
            let dashboard = try DashboardUnderTmux.start(environment: ["TERM": "xterm-256color"],
                                                         arguments: ["--config", config.path, "--theme", "default"])
            defer { dashboard.stop() }
            let before = Set(Self.sgrParameters(try dashboard.tmux.capture(escapes: true)))
            try dashboard.tmux.send("t")
            // themes cycle in name order after `default`: the next is `amber`
            try waitUntil(10, "the config to name the new theme") {
                (try? String(contentsOf: config, encoding: .utf8)) == "# written by the test\ntheme = \"amber\"\n"
            }
            try dashboard.tmux.waitForScreen("amber colours on screen", escapes: true) { screen in
                Set(Self.sgrParameters(screen)) != before && screen.contains("lbtop")
            }
            try dashboard.tmux.send("q")
            #expect(try dashboard.waitForExit() == 0)
        }
    }
}
