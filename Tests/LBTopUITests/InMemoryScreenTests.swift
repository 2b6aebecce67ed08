import Testing
@testable import LBTopUI

@Suite struct InMemoryScreenTests {
    @Test func wideCharactersTakeTwoCellsAndKeepColumns() {
        var screen = InMemoryScreen(width: 12, height: 2, fill: "x")
        screen.put("결제-01", x: 0, y: 0, maxWidth: 12, style: .plain)
        screen.put("ab-01", x: 0, y: 1, maxWidth: 12, style: .plain)
        #expect(screen.lines == ["결제-01xxxxx", "ab-01xxxxxxx"])
        #expect(screen[1, 0].isContinuation)
    }

    @Test func controlBytesAreDrawnEscaped() {
        var screen = InMemoryScreen(width: 16, height: 1, fill: ".")
        let written = screen.put("a\u{1b}[2J\rb", x: 0, y: 0, maxWidth: 16, style: .plain)
        #expect(screen.lines == ["a\\x1b[2J\\rb....."])
        #expect(written == 11)
    }

    @Test func aWideCharacterThatDoesNotFitIsNotSplit() {
        var screen = InMemoryScreen(width: 3, height: 1, fill: ".")
        screen.put("a한", x: 0, y: 0, maxWidth: 2, style: .plain)
        #expect(screen.lines == ["a.."])
    }

    @Test func truncationEndsWithEllipsisWithinWidth() {
        #expect(TextWidth.truncate("サーバー-01", to: 6) == "サー…")
        #expect(TextWidth.width(of: TextWidth.truncate("サーバー-01", to: 6)) == 5)
        #expect(TextWidth.pad("srv", to: 5, alignRight: true) == "  srv")
    }
}
