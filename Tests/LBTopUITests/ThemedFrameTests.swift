import Foundation
import LBTopCore
import Testing
@testable import LBTopUI

/// Whole frames of the incident resolved through a theme, cell by cell: what the terminal would
/// be asked to draw.
@Suite struct ThemedFrameTests {
    static func frame(width: Int = 100, height: Int = 24) -> InMemoryScreen {
        ViewFixtures.appFrame(of: ViewFixtures.incident(), width: width, height: height)
    }

    /// The cells of the first occurrence of `word` on a row that starts with `rowPrefix`.
    static func cells(of word: String, onRowStarting rowPrefix: String, in screen: InMemoryScreen) -> [InMemoryScreen.Cell] {
        guard let row = screen.lines.firstIndex(where: { $0.hasPrefix(rowPrefix) }) else { return [] }
        let line = screen.lines[row]
        guard let range = line.range(of: " " + word + " ") else { return [] }
        let start = line.distance(from: line.startIndex, to: range.lowerBound) + 1
        return (start..<start + word.count).map { screen[$0, row] }
    }

    @Test func partialBtopThemeColoursTheStateColumnAsDocumented() {
        let theme = Theme(name: "partial", btopText: ThemeTests.partialTheme)
        let screen = Self.frame()
        let up = Self.cells(of: "UP", onRowStarting: "app/app2", in: screen)
        let down = Self.cells(of: "DOWN", onRowStarting: "app/app3", in: screen)
        let maint = Self.cells(of: "MAINT", onRowStarting: "api/api2", in: screen)
        #expect(up.count == 2 && down.count == 4 && maint.count == 5)
        // UP: cpu_start from the file (#00ff00); DOWN: cpu_end blank, so its monochrome
        // attributes; MAINT: missing from the file, the built-in temp_start.
        #expect(up.allSatisfy { theme.appearance(for: $0.style).foreground == RGB(0, 255, 0) })
        #expect(down.allSatisfy {
            let look = theme.appearance(for: $0.style)
            return look.foreground == nil && look.emphasis.contains(.reverse) && look.emphasis.contains(.bold)
        })
        #expect(maint.allSatisfy { theme.appearance(for: $0.style).foreground == RGB(0x48, 0x97, 0xd4) })
    }

    @Test func monochromeFrameHasNoColourAnywhereAndStatesDiffer() throws {
        let theme = try ThemeLibrary(directories: []).load("monochrome")
        let screen = Self.frame()
        let looks = screen.cells.map { theme.appearance(for: $0.style) }
        #expect(looks.allSatisfy { $0.foreground == nil && $0.background == nil })
        let up = Self.cells(of: "UP", onRowStarting: "app/app2", in: screen).map { theme.appearance(for: $0.style) }
        let down = Self.cells(of: "DOWN", onRowStarting: "app/app3", in: screen).map { theme.appearance(for: $0.style) }
        #expect(Set(up.map(\.emphasis)) != Set(down.map(\.emphasis)))
    }
}
