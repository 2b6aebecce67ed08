import Testing
@testable import LBTopCore

/// The store's history storage: a bounded window whose `Series` views share storage with it.
struct SeriesBufferTests {
    @Test func keepsTheNewestWindowOfValuesOldestFirst() {
        var buffer = SeriesBuffer(capacity: 5)
        for value in 0..<23 { buffer.append(Double(value)) }
        #expect(buffer.count == 5)
        #expect(buffer.series.values == [18, 19, 20, 21, 22])
    }

    @Test func aSeriesTakenEarlierKeepsItsValuesWhileTheBufferMovesOn() {
        var buffer = SeriesBuffer(capacity: 4)
        var taken: [Series] = []
        for value in 0..<30 {
            buffer.append(Double(value))
            taken.append(buffer.series)
        }
        #expect(taken[1].values == [0, 1])
        #expect(taken[9].values == [6, 7, 8, 9])
        #expect(taken[29].values == [26, 27, 28, 29])
        #expect(taken[29].last == 29)
    }

    @Test func copiesOfABufferAppendIndependently() {
        var first = SeriesBuffer(capacity: 3)
        for value in 1...3 { first.append(Double(value)) }
        var second = first
        second.append(10)
        first.append(20)
        second.append(11)
        #expect(first.series.values == [2, 3, 20])
        #expect(second.series.values == [3, 10, 11])
    }

    @Test func gapsStayGapsAndSeriesCompareNaNAsEqual() {
        var buffer = SeriesBuffer(capacity: 3)
        buffer.append(1)
        buffer.append(.nan)
        #expect(buffer.series == Series([1, .nan]))
        #expect(buffer.series.last == nil)
        #expect(buffer.series.maxValue == 1)
    }
}
