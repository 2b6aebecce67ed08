import Foundation
import Testing
@testable import LBTopUI

/// The README's frames are the test suite's frames: each block marked `<!-- capture: NAME -->`
/// is `ViewCaptures`' frame NAME (trailing blanks trimmed), drawn from `ViewFixtures.incident`.
/// `LBTOP_CAPTURE_DIR=/tmp swift test --filter ViewCaptures` writes them to paste.
@Suite struct ReadmeCapturesTests {
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

    static func text(of screen: InMemoryScreen) -> String {
        screen.lines.map { line in
            var line = Substring(line)
            while line.last == " " { line = line.dropLast() }
            return String(line)
        }.joined(separator: "\n")
    }

    @Test func readmeFramesAreTheTestFrames() throws {
        let readme = try Self.readmeCaptures()
        #expect(!readme.isEmpty, "README has no <!-- capture: NAME --> block")
        let frames = Dictionary(uniqueKeysWithValues: ViewCaptures.captures)
        for (name, shown) in readme {
            let screen = try #require(frames[name], "README capture \(name) is none of ViewCaptures' frames")
            #expect(shown == Self.text(of: screen), "README capture \(name) differs from the test frame")
        }
    }
}
