import Foundation
import Testing
@testable import LBTopUI

/// The README's key table is the key map's own table: a binding added or changed in code and not
/// in the README fails here.
@Suite struct ReadmeKeysTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func readmeKeyTableMatchesTheKeyMap() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let begin = "<!-- keys: generated from KeyMap.standard.markdownTable() -->\n"
        let end = "\n<!-- /keys -->"
        let start = try #require(text.range(of: begin), "README has no generated key table")
        let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex))
        #expect(String(text[start.upperBound..<stop.lowerBound]) == KeyMap.standard.markdownTable())
    }
}
