import Testing
@testable import LBTopUI

@Suite struct LayoutTests {
    @Test func lengthsAndFillShareTheWhole() {
        #expect(Layout.vertical([.length(2), .length(1), .fill(1), .length(1)]).sizes(total: 24) == [2, 1, 20, 1])
        #expect(Layout.vertical([.length(2), .length(1), .fill(1), .length(1)]).sizes(total: 10) == [2, 1, 6, 1])
    }

    @Test func fillWeightsSplitWhatIsLeftWithRemainderToTheLast() {
        #expect(Layout.horizontal([.fill(1), .fill(2)]).sizes(total: 80) == [26, 54])
        #expect(Layout.horizontal([.fill(1), .fill(1), .fill(1)]).sizes(total: 40) == [13, 13, 14])
    }

    @Test func percentageAndRatioRoundDown() {
        #expect(Layout.horizontal([.percentage(50), .percentage(25), .fill(1)]).sizes(total: 81) == [40, 20, 21])
        #expect(Layout.horizontal([.ratio(1, 3), .fill(1)]).sizes(total: 80) == [26, 54])
    }

    @Test func minTakesItsMinimumThenSharesLikeFill() {
        #expect(Layout.horizontal([.min(10), .fill(1)]).sizes(total: 40) == [25, 15])
        #expect(Layout.horizontal([.min(30), .length(20)]).sizes(total: 40) == [30, 10])
    }

    @Test func maxTakesWhatIsLeftUpToItsBound() {
        #expect(Layout.horizontal([.length(10), .max(20)]).sizes(total: 80) == [10, 20])
        #expect(Layout.horizontal([.length(70), .max(20)]).sizes(total: 80) == [70, 10])
    }

    @Test func overflowIsCutFromTheLastPartBackwards() {
        #expect(Layout.vertical([.length(2), .length(1), .fill(1), .length(1)]).sizes(total: 3) == [2, 1, 0, 0])
        #expect(Layout.vertical([.length(5), .length(5)]).sizes(total: 7) == [5, 2])
        #expect(Layout.vertical([.length(5)]).sizes(total: 0) == [0])
    }

    @Test func spacingSitsBetweenPartsOnly() {
        let rects = Layout.horizontal([.fill(1), .fill(1)], spacing: 2).split(Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(rects == [Rect(x: 0, y: 0, width: 39, height: 24), Rect(x: 41, y: 0, width: 39, height: 24)])
    }

    @Test func dashboardRegionsAt80x24_60x20_40x10() {
        let big = DashboardLayout(Rect(x: 0, y: 0, width: 80, height: 24))
        #expect([big.header, big.alertStrip, big.body, big.footer] == [
            Rect(x: 0, y: 0, width: 80, height: 2), Rect(x: 0, y: 2, width: 80, height: 1),
            Rect(x: 0, y: 3, width: 80, height: 20), Rect(x: 0, y: 23, width: 80, height: 1),
        ])
        let mid = DashboardLayout(Rect(x: 0, y: 0, width: 60, height: 20))
        #expect(mid.body == Rect(x: 0, y: 3, width: 60, height: 16))
        let small = DashboardLayout(Rect(x: 0, y: 0, width: 40, height: 6))
        #expect([small.header.height, small.alertStrip.height, small.body.height, small.footer.height] == [1, 1, 3, 1])
    }

    @Test func scrollWindowMovesOnlyToKeepTheSelectionVisible() {
        #expect(ScrollWindow(offset: 0, selected: 5, count: 100, visible: 10).offset == 0)
        #expect(ScrollWindow(offset: 0, selected: 12, count: 100, visible: 10).offset == 3)
        #expect(ScrollWindow(offset: 20, selected: 12, count: 100, visible: 10).offset == 12)
        #expect(ScrollWindow(offset: 95, selected: nil, count: 100, visible: 10).offset == 90)
        #expect(ScrollWindow(offset: 3, selected: 0, count: 4, visible: 10).range(count: 4) == 0..<4)
        #expect(ScrollWindow(offset: 0, selected: 0, count: 0, visible: 0).range(count: 0) == 0..<0)
    }
}
