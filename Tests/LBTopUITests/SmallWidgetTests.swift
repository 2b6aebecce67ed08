import Testing
@testable import LBTopUI

@Suite struct SmallWidgetTests {
    @Test func barFillsInEighthsAndTheRestIsMuted() {
        var screen = InMemoryScreen(width: 6, height: 2, fill: "x")
        BarWidget(fraction: 0.55, style: Style(.ok)).render(in: Rect(x: 0, y: 0, width: 5, height: 1), on: &screen)
        BarWidget(fraction: 0.55, style: Style(.ok), glyphs: .ascii).render(in: Rect(x: 0, y: 1, width: 5, height: 1), on: &screen)
        expectLines(screen, ["██▊░░x", "###..x"])
        #expect(screen.styleRuns(row: 0) == [StyleRun(columns: 0...2, style: Style(.ok)),
                                             StyleRun(columns: 3...4, style: Style(.muted)),
                                             StyleRun(columns: 5...5, style: .plain)])
    }

    @Test func boxDrawsItsBorderAndTitleAndLeavesTheInsideAlone() {
        var screen = InMemoryScreen(width: 12, height: 4, fill: "x")
        BoxWidget(title: "servers").render(in: Rect(x: 0, y: 0, width: 11, height: 3), on: &screen)
        expectLines(screen, ["┌─ serv… ─┐x", "│xxxxxxxxx│x", "└─────────┘x", "xxxxxxxxxxxx"])
        #expect(BoxWidget.inner(of: Rect(x: 0, y: 0, width: 11, height: 3)) == Rect(x: 1, y: 1, width: 9, height: 1))
        var ascii = InMemoryScreen(width: 4, height: 2)
        BoxWidget(glyphs: .ascii).render(in: ascii.bounds, on: &ascii)
        expectLines(ascii, ["+--+", "+--+"])
    }

    @Test func statusLineKeepsRightRunsOnlyWhenTheyFit() {
        var screen = InMemoryScreen(width: 21, height: 2, fill: "x")
        let left = [StatusLine.Run("lbtop", Style(.title)), StatusLine.Run(" ok")]
        StatusLine(left: left, right: [StatusLine.Run("12:00:00")]).render(in: Rect(x: 0, y: 0, width: 20, height: 1), on: &screen)
        StatusLine(left: left + [StatusLine.Run(" a long message")], right: [StatusLine.Run("12:00:00")])
            .render(in: Rect(x: 0, y: 1, width: 20, height: 1), on: &screen)
        expectLines(screen, ["lbtop ok    12:00:00x", "lbtop ok a long messx"])
    }
}
