import Foundation
import Testing
@testable import LBTopUI

/// The README's frames are the test suite's frames: each block marked `<!-- capture: NAME -->`
/// is frame NAME, trailing blanks trimmed and the empty rows above the key line left out: the
/// demo's incident at 120×40 (`DemoIncident`) or one of `ViewCaptures`' fixture frames.
/// `LBTOP_CAPTURE_DIR=/tmp swift test --filter ReadmeCapturesTests` writes each frame as a block
/// must hold it (`NAME.txt`), to paste.
@Suite struct ReadmeCapturesTests {
    /// `lbtop --demo` 84 s in: `app2` takes three quarters of `app`, its CPU is pinned and its
    /// checks are failing, a second before it goes DOWN.
    static let demoSecond = 84

    static func readmeCaptures() throws -> [String: String] {
        let text = try String(contentsOf: ReadmeKeysTests.readme, encoding: .utf8)
        var found: [String: String] = [:]
        var rest = text[...]
        while let open = rest.range(of: "<!-- capture: ") {
            let nameEnd = try #require(rest.range(of: " -->\n```\n", range: open.upperBound..<rest.endIndex))
            let close = try #require(rest.range(of: "\n```\n<!-- /capture -->", range: nameEnd.upperBound..<rest.endIndex))
            found[String(rest[open.upperBound..<nameEnd.lowerBound])] = String(rest[nameEnd.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        return found
    }

    static func frames() async throws -> [String: InMemoryScreen] {
        var frames = Dictionary(uniqueKeysWithValues: ViewCaptures.captures)
        frames["demo-incident-120x40"] = try await DemoIncident.frame(at: Self.demoSecond)
        return frames
    }

    /// The frame as the README prints it.
    static func printed(_ screen: InMemoryScreen) -> String {
        var lines = screen.lines.map { line in
            var line = Substring(line)
            while line.last == " " { line = line.dropLast() }
            return String(line)
        }
        let footer = lines.removeLast()
        while lines.last == "" { lines.removeLast() }
        return (lines + [footer]).joined(separator: "\n")
    }

    @Test func theDemoFrameIsDuringItsIncident() async throws {
        let screen = try await DemoIncident.frame(at: Self.demoSecond)
        let hot = try #require(screen.lines.first { $0.hasPrefix("app/app2 ") }, "\(screen.lines)")
        #expect(hot.contains("UP 1/3"), "\(hot)")
        #expect(hot.contains("/25%") && hot.contains(" 98% "), "\(hot)")
        #expect(screen.lines[2].contains("CRIT node app2 CPU"), "\(screen.lines[2])")
        #expect(screen.lines[0].hasPrefix("lbtop · 6 servers 6 up") && screen.lines[0].hasSuffix("16:01:24"), "\(screen.lines[0])")
    }

    @Test func readmeFramesAreTheTestFrames() async throws {
        let readme = try Self.readmeCaptures()
        #expect(readme.keys.contains("demo-incident-120x40"), "README lacks the demo's incident at 120x40")
        let frames = try await Self.frames()
        if let dir = ProcessInfo.processInfo.environment["LBTOP_CAPTURE_DIR"] {
            for (name, screen) in frames {
                try (Self.printed(screen) + "\n").write(toFile: dir + "/" + name + ".txt", atomically: true, encoding: .utf8)
            }
        }
        for (name, shown) in readme {
            let screen = try #require(frames[name], "README capture \(name) is none of the test frames")
            #expect(shown == Self.printed(screen), "README capture \(name) differs from the test frame:\n\(Self.printed(screen))")
        }
    }
}
