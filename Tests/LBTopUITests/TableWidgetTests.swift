import Testing
@testable import LBTopUI

@Suite struct TableWidgetTests {
    let columns = [
        ColumnSpec("NAME", width: 6...10, sortKey: SortKey("name")),
        ColumnSpec("RATE", width: 5, alignment: .right, priority: 1, sortKey: SortKey("rate")),
        ColumnSpec("NOTE", width: 4...6, priority: 2),
    ]
    let rows: [(String, String, String)] = [("결제-서버", "120", "ok"), ("srv-🔥", "9.5", "hot"), ("a\u{1b}[2Jb", "0", "")]

    func render(width: Int, height: Int, selected: Int? = nil, offset: Int = 0,
                sort: ColumnSort? = nil) -> InMemoryScreen {
        var screen = InMemoryScreen(width: width + 1, height: height + 1, fill: "x")
        TableWidget(columns: columns, sort: sort)
            .render(rowCount: rows.count, selected: selected, offset: offset,
                    in: Rect(x: 0, y: 0, width: width, height: height), on: &screen) { row, column in
                let r = rows[row]
                return .text([r.0, r.1, r.2][column])
            }
        return screen
    }

    @Test func wideAndEscapedNamesKeepColumnsAligned() {
        let screen = render(width: 24, height: 4)
        expectLines(screen, [
            "NAME        RATE NOTE   x",
            "결제-서버    120 ok     x",
            "srv-🔥       9.5 hot    x",
            "a\\x1b[2Jb      0        x",
            "xxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
        #expect(screen.hasNoRawControlBytes)
    }

    @Test func overWideTextIsCutWithAnEllipsisWithoutSplittingAWideCharacter() {
        let screen = render(width: 17, height: 2)
        expectLines(screen, [
            "NAME    RATE NOTEx",
            "결제-…   120 ok  x",
            "xxxxxxxxxxxxxxxxxx",
        ])
    }

    @Test func narrowTablesDropColumnsByPriority() {
        #expect(render(width: 16, height: 1).lines[0] == "NAME        RATEx")
        #expect(render(width: 8, height: 1).lines[0] == "NAME    x")
    }

    @Test func selectedRowIsHighlightedAcrossTheWidthAndKeptVisible() {
        let screen = render(width: 24, height: 2, selected: 2, sort: ColumnSort(SortKey("rate"), descending: true))
        expectLines(screen, [
            "NAME       RATE↓ NOTE   x",
            "a\\x1b[2Jb      0        x",
            "xxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
        #expect(screen.styleRuns(row: 0) == [StyleRun(columns: 0...23, style: Style(.header)),
                                             StyleRun(columns: 24...24, style: .plain)])
        #expect(screen.styleRuns(row: 1) == [StyleRun(columns: 0...23, style: Style(.selected)),
                                             StyleRun(columns: 24...24, style: .plain)])
    }
}
