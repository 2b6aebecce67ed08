import Testing
@testable import LBTopUI

@Suite struct SparklineWidgetTests {
    @Test func aSharedTrendScaleRoundsUpToOneTwoOrFive() {
        #expect([0.8, 1, 1.3, 2.5, 7, 10, 0.04, 1234].map(niceScale) == [1, 1, 2, 5, 10, 10, 0.05, 2000])
        #expect(niceScale(0) == 0)
    }

    @Test func levelsScaleToTheMaximumAndAGapIsStale() {
        var screen = InMemoryScreen(width: 8, height: 1, fill: "x")
        SparklineWidget(values: [2, nil, 8], max: 8).render(in: Rect(x: 0, y: 0, width: 3, height: 1), on: &screen)
        expectLines(screen, ["▂ █xxxxx"])
        #expect(screen.style(atColumn: 1, row: 0) == Style(.stale))
    }

    @Test func zeroIsTheLowestLevelNotAGap() {
        var screen = InMemoryScreen(width: 4, height: 1, fill: "x")
        SparklineWidget(values: [0, 0, 4], max: 4).render(in: Rect(x: 0, y: 0, width: 3, height: 1), on: &screen)
        expectLines(screen, ["▁▁█x"])
    }

    @Test func newestValuesAreAtTheRightAndShortHistoryIsBlankOnTheLeft() {
        var screen = InMemoryScreen(width: 6, height: 2, fill: "x")
        SparklineWidget(values: [1, 2, 3, 4, 5, 6, 7, 8], max: 8).render(in: Rect(x: 0, y: 0, width: 4, height: 1), on: &screen)
        SparklineWidget(values: [8, 4], max: 8).render(in: Rect(x: 0, y: 1, width: 4, height: 1), on: &screen)
        expectLines(screen, ["▅▆▇█xx", "  █▄xx"])
    }

    @Test func withoutAMaximumTheLargestShownValueIsFull() {
        var screen = InMemoryScreen(width: 3, height: 1, fill: "x")
        SparklineWidget(values: [50, 100, 25]).render(in: Rect(x: 0, y: 0, width: 3, height: 1), on: &screen)
        expectLines(screen, ["▄█▂"])
    }

    @Test func asciiFallbackUsesOnlyASCII() {
        var screen = InMemoryScreen(width: 5, height: 1, fill: "x")
        SparklineWidget(values: [0, 2, nil, 6, 8], max: 8, glyphs: .ascii).render(in: Rect(x: 0, y: 0, width: 5, height: 1), on: &screen)
        expectLines(screen, ["_. =#"])
    }

    @Test func gradientColouringFollowsTheLevel() {
        var screen = InMemoryScreen(width: 2, height: 1)
        SparklineWidget(values: [1, 8], max: 8, coloring: .gradient(.cpu)).render(in: Rect(x: 0, y: 0, width: 2, height: 1), on: &screen)
        #expect(screen.styleRuns(row: 0) == [StyleRun(columns: 0...0, style: Style(.graph(.cpu, percent: 12))),
                                             StyleRun(columns: 1...1, style: Style(.graph(.cpu, percent: 100)))])
    }

    @Test func allGapsAndEmptyRectsDrawNothingWrong() {
        var screen = InMemoryScreen(width: 3, height: 1, fill: "x")
        SparklineWidget(values: [nil, nil]).render(in: Rect(x: 0, y: 0, width: 3, height: 1), on: &screen)
        SparklineWidget(values: [1]).render(in: Rect(x: 0, y: 0, width: 0, height: 1), on: &screen)
        expectLines(screen, ["   "])
    }

    @Test func graphWidgetRisesInEighths() {
        var screen = InMemoryScreen(width: 5, height: 2, fill: "x")
        GraphWidget(values: [16, 8, 4, .nan], max: 16, gradient: .traffic).render(in: Rect(x: 0, y: 0, width: 4, height: 2), on: &screen)
        expectLines(screen, ["█   x", "██▄ x"])
        #expect(screen.style(atColumn: 3, row: 1) == Style(.stale))
    }
}
