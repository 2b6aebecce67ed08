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

    @Test func aTrendGroupsPollsByPollNumberSoOnlyItsNewestCellMoves() {
        var buffer = SeriesBuffer(capacity: 12)
        for value in 1...20 { buffer.append(Double(value)) }   // storage moved several times by now
        #expect(buffer.series.values == Array(9...20).map(Double.init))
        #expect(buffer.series.endOrdinal == 20)
        // polls 16-20 fill a cell, 11-15 another, and of 6-10 only 9 and 10 are in the window
        #expect(buffer.series.trend(samplesPerCell: 5, cells: 3) == [9.5, 13, 18])
        #expect(buffer.series.trend(samplesPerCell: 5, cells: 2) == [13, 18])
        buffer.append(21)
        #expect(buffer.series.trend(samplesPerCell: 5, cells: 3) == [13, 18, 21])
        buffer.append(.nan)
        let newestGap = buffer.series.trend(samplesPerCell: 5, cells: 3)
        #expect(newestGap[0] == 13 && newestGap[1] == 18 && newestGap[2].isNaN)   // stale now: a gap at once
        buffer.append(23)
        #expect(buffer.series.trend(samplesPerCell: 5, cells: 3) == [13.5, 18, 22])   // an older gap is left out (and the window slid past 11)
        buffer.append(.nan); buffer.append(.nan); buffer.append(.nan); buffer.append(.nan)
        let gapped = buffer.series.trend(samplesPerCell: 5, cells: 3)
        #expect(gapped[0] == 18 && gapped[1] == 22 && gapped[2].isNaN)   // a cell of gaps only is a gap
        #expect(Series([1, 2, 3]).trend(samplesPerCell: 1, cells: 2) == [2, 3])
        // The peak a table scales by is the trend's largest known cell, computed without the trend.
        #expect(buffer.series.trendPeak(samplesPerCell: 5, cells: 3) == 22)
        #expect(buffer.series.trendPeak(samplesPerCell: 5, cells: 1) == 0)   // only the gap cell
        #expect(Series([4, .nan, 9]).trendPeak(samplesPerCell: 1, cells: 2) == 9)   // the 4 is outside two cells

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
