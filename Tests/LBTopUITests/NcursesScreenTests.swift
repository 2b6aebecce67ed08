import Foundation
import Testing
@testable import LBTopUI
#if canImport(Glibc)
import Glibc
#endif

/// The curses screen driven without a terminal: curses writes to a file, so the bytes each frame
/// sends can be counted exactly. Serialized: curses has one current screen per process.
@Suite(.serialized) struct NcursesScreenTests {
    /// A curses screen writing to a temp file, with a fixed size.
    final class Harness {
        let path: String
        let output: UnsafeMutablePointer<FILE>
        let input: UnsafeMutablePointer<FILE>
        let screen: NcursesScreen

        init(term: String = "xterm-256color", width: Int = 120, height: Int = 40, ascii: Bool = false,
             environment: [String: String] = [:], theme: Theme = .builtinDefault) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-curses-\(UUID().uuidString)").path
            output = try #require(fopen(path, "w+"))
            input = try #require(fopen("/dev/null", "r"))
            screen = try NcursesScreen(theme: theme, asciiOnly: ascii, environment: environment,
                                       terminalType: term, output: output, input: input)
            screen.resize(to: TerminalSize(width: width, height: height))
        }

        /// Bytes written so far.
        var written: Int { fflush(output); return Int(ftell(output)) }

        /// Draws one frame and returns the bytes it sent.
        func frame(_ draw: (NcursesScreen) -> Void) -> Int {
            let before = written
            screen.beginFrame()
            draw(screen)
            screen.present()
            return written - before
        }

        func text() -> String {
            fflush(output)
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }

        deinit {
            screen.end()
            fclose(output); fclose(input)
            unlink(path)
        }
    }

    static func dashboard(_ screen: NcursesScreen, clock: String) {
        var target = screen
        target.put("lbtop · Servers  \(clock)", x: 0, y: 0, style: Style(.title))
        for row in 1..<35 {
            target.put("app/결제-서버-\(row)  UP  \(row * 7) req/s", x: 0, y: row, maxWidth: 60, style: Style(.stateUp))
        }
        target.put("q quit  ? help", x: 0, y: 39, style: Style(.keyHint))
    }

    @Test func anUnchangedFrameWritesNothingAndAChangedCellWritesLittle() throws {
        let h = try Harness()
        let first = h.frame { Self.dashboard($0, clock: "12:00:00") }
        let same = h.frame { Self.dashboard($0, clock: "12:00:00") }
        let tick = h.frame { Self.dashboard($0, clock: "12:00:01") }
        #expect(first > 1000)
        #expect(same == 0)
        // one changed cell: cursor move + colour/attribute change + the character + reset
        #expect(tick > 0 && tick <= 64, "a clock tick wrote \(tick) bytes")
    }

    @Test func wideTextAndAttributesReachTheTerminal() throws {
        let h = try Harness(width: 40, height: 5)
        _ = h.frame { s in
            var t = s
            t.put("결제-01", x: 0, y: 1, style: Style(.stateDown))
        }
        let out = h.text()
        #expect(out.contains("결제-01"))
        #expect(out.contains("\u{1b}[0;1m"))  // bold: DOWN is bold in the default theme
        #expect(out.contains("\u{1b}[38;5;203m"))  // #ff5f5f in the 256-colour palette
    }

    @Test func asciiModeSendsNoNonASCIIByte() throws {
        let h = try Harness(width: 40, height: 5, ascii: true)
        _ = h.frame { s in
            var t = s
            t.put("서버 ▁▂█ ok", x: 0, y: 0, style: .plain)
        }
        let bytes = Array(h.text().utf8)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(h.text().contains("???? ??? ok"))
    }

    @Test func noColorSendsNoColourSequence() throws {
        let h = try Harness(width: 40, height: 5, environment: ["NO_COLOR": "1"])
        #expect(h.screen.colorDepth == .mono)
        _ = h.frame { s in
            var t = s
            t.put("DOWN", x: 0, y: 0, style: Style(.stateDown))
        }
        let out = h.text()
        #expect(!out.contains("[38;5;") && !out.contains("[39;49m") && !out.contains("[3"))
        // A down server in monochrome is bold and reverse video: one `sgr` sequence for both.
        #expect(out.contains("\u{1b}[0;1;7m"), "\(out.debugDescription)")
    }

    @Test func colourDepthFollowsTerminfo() throws {
        #expect(try Harness(term: "xterm-256color").screen.colorDepth == .indexed256)
        #expect(try Harness(term: "xterm").screen.colorDepth == .ansi8)
        #expect(try Harness(term: "xterm-mono").screen.colorDepth == .mono)
    }

    @Test func directColourTerminfoGetsExactRGB() throws {
        let h = try Harness(term: "xterm-direct", width: 40, height: 5)
        #expect(h.screen.colorDepth == .direct)
        _ = h.frame { s in
            var t = s
            t.put("DOWN", x: 0, y: 0, style: Style(.stateDown))
        }
        // #ff5f5f exactly, not its nearest palette entry, in xterm-direct's `setaf` form
        #expect(h.text().contains("\u{1b}[38:2::255:95:95m"), "\(h.text().debugDescription)")
    }

    @Test func colortermTruecolorPicksTheDirectColourEntry() {
        #expect(NcursesScreen.directColorTerminalType(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"]) == "xterm-direct")
        #expect(NcursesScreen.directColorTerminalType(environment: ["TERM": "xterm-256color"]) == nil)
        #expect(NcursesScreen.directColorTerminalType(environment: ["TERM": "xterm-direct", "COLORTERM": "24bit"]) == nil)
        #expect(NcursesScreen.directColorTerminalType(environment: ["TERM": "nosuchterm", "COLORTERM": "truecolor"]) == nil)
    }

    @Test func textPastTheEdgeIsClippedAndControlBytesEscaped() throws {
        let h = try Harness(width: 10, height: 2)
        _ = h.frame { s in
            var t = s
            #expect(t.put("ab\u{1b}[2Jcdefghij", x: 0, y: 0, style: .plain) == 10)
            #expect(t.put("x", x: 10, y: 0, style: .plain) == 0)
            #expect(t.put("한글", x: 9, y: 1, style: .plain) == 0)
        }
        #expect(!h.text().contains("ab\u{1b}"))
        #expect(h.text().contains("ab\\x1b[2Jc"))
    }
}
