import Testing
@testable import LBTopUI

@Suite struct ColumnSpecTests {
    let columns = [
        ColumnSpec("NAME", width: 6...12),
        ColumnSpec("A", width: 4, priority: 2),
        ColumnSpec("B", width: 4, priority: 1),
        ColumnSpec("C", width: 4, priority: 2),
    ]

    @Test func everythingFitsAndTheKeptColumnGrows() {
        #expect(ColumnSpec.fit(columns, into: 30) == [12, 4, 4, 4])
        #expect(ColumnSpec.fit(columns, into: 24) == [9, 4, 4, 4])
    }

    @Test func narrowScreensDropHighestPriorityRightmostFirst() {
        #expect(ColumnSpec.fit(columns, into: 20) == [10, 4, 4, 0])
        #expect(ColumnSpec.fit(columns, into: 15) == [10, 0, 4, 0])
        #expect(ColumnSpec.fit(columns, into: 8) == [8, 0, 0, 0])
        #expect(ColumnSpec.dropOrder(columns) == ["C", "A", "B"])
    }

    @Test func priorityZeroIsNeverDropped() {
        #expect(ColumnSpec.fit(columns, into: 3) == [6, 0, 0, 0])
    }
}
