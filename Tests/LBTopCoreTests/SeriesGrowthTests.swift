import Testing
@testable import LBTopCore

/// The history's storage starts small and grows with the values given, up to a window and its slack.
struct SeriesGrowthTests {
    @Test func storageStartsSmallAndGrowsGeometricallyUpToTheWindowAndItsSlack() {
        var buffer = SeriesWindow(capacity: 900, phase: 0)
        #expect(buffer.storageCapacity == 64)
        var capacities: [Int] = []
        for value in 0..<3000 {
            buffer.append(Double(value))
            if capacities.last != buffer.storageCapacity { capacities.append(buffer.storageCapacity) }
        }
        #expect(capacities == [64, 128, 256, 512, 1012])
        #expect(SeriesWindow.fullCapacity(for: 900) == 1012)
        #expect(SeriesWindow(capacity: 5).storageCapacity == 9)   // a window smaller than the first step: full size at once
    }

    @Test func windowsMadeTogetherMoveToFreshStorageOnDifferentPolls() {
        // 40 series seen in one poll: without phases all 40 would move on the same poll, every
        // `slack` (37) polls, each while a snapshot still holds its old storage.
        var windows = (0..<40).map { SeriesWindow(capacity: 300, phase: $0) }
        var mostMovesInOnePoll = 0
        for value in 0..<1000 {
            var moves = 0
            for index in windows.indices {
                let before = windows[index].series.storage
                windows[index].append(Double(value))
                if windows[index].series.storage !== before { moves += 1 }
            }
            if value >= 300 { mostMovesInOnePoll = max(mostMovesInOnePoll, moves) }
        }
        #expect(mostMovesInOnePoll <= 3)   // 40 phases over 37 polls (without them: all 40 on one poll)
        #expect(windows.allSatisfy { $0.series.values == (700..<1000).map(Double.init) })
    }

    @Test func windowsMadeTogetherGrowOnDifferentPolls() {
        // 64 series seen in one poll: each doubling of their storage (while a snapshot still holds
        // the old one) spreads over half the storage's size in polls instead of landing on one.
        var windows = (0..<64).map { SeriesWindow(capacity: 900, phase: $0) }
        #expect(Set(windows.map(\.storageCapacity)).count == 32)   // 33...64
        var mostMovesInOnePoll = 0
        for value in 0..<600 {
            var moves = 0
            for index in windows.indices {
                let before = windows[index].storageCapacity
                windows[index].append(Double(value))
                if windows[index].storageCapacity != before { moves += 1 }
            }
            mostMovesInOnePoll = max(mostMovesInOnePoll, moves)
        }
        #expect(mostMovesInOnePoll <= 2)
        #expect(windows.allSatisfy { $0.series.values == (0..<600).map(Double.init) })
    }

    @Test func valuesSurviveGrowth() {
        var buffer = SeriesWindow(capacity: 900, phase: 0)
        for value in 0..<300 { buffer.append(Double(value)) }
        #expect(buffer.storageCapacity == 512)
        #expect(buffer.count == 300)
        #expect(buffer.series.values == (0..<300).map(Double.init))
        for value in 300..<1500 { buffer.append(Double(value)) }
        #expect(buffer.series.values == (600..<1500).map(Double.init))
    }

    @Test func aSeriesTakenBeforeGrowthKeepsItsValues() {
        var buffer = SeriesWindow(capacity: 900, phase: 0)
        for value in 0..<64 { buffer.append(Double(value)) }
        let taken = buffer.series
        #expect(buffer.storageCapacity == 64)
        for value in 64..<1100 { buffer.append(Double(value) / 2) }   // grows, then moves
        #expect(taken.values == (0..<64).map(Double.init))
        #expect(taken.endOrdinal == 64)
        #expect(taken.last == 63)
        #expect(buffer.series.values == (200..<1100).map { Double($0) / 2 })
    }

    @Test func ordinalsAndTrendsStayAlignedAcrossGrowth() {
        var buffer = SeriesWindow(capacity: 200, phase: 0)
        for value in 1...150 { buffer.append(Double(value)) }   // grew at 64 and 128
        #expect(buffer.series.endOrdinal == 150)
        #expect(buffer.series.trend(samplesPerCell: 10, cells: 3) == [125.5, 135.5, 145.5])
        for value in 151...305 { buffer.append(Double(value)) }   // full size (225) reached and moved past
        #expect(buffer.storageCapacity == 225)
        #expect(buffer.series.endOrdinal == 305)
        #expect(buffer.series.values == Array(106...305).map(Double.init))
        // polls 301-305 are the newest cell, 291-300 and 281-290 full ones
        #expect(buffer.series.trend(samplesPerCell: 10, cells: 3) == [285.5, 295.5, 303])
    }

    @Test func copiesOfABufferAppendIndependentlyAcrossGrowth() {
        var first = SeriesWindow(capacity: 100)
        for value in 1...64 { first.append(Double(value)) }
        var second = first
        second.append(1000)   // grows into storage of its own
        first.append(2000)
        second.append(1001)
        #expect(first.series.values == Array(1...64).map(Double.init) + [2000])
        #expect(second.series.values == Array(1...64).map(Double.init) + [1000, 1001])
        #expect(first.series.endOrdinal == 65 && second.series.endOrdinal == 66)
    }
}

/// Series values are stored as `Float16`: exact for integers up to 2,048 and for halves, quarters
/// and the like, within 0.05 % otherwise; a series with a value beyond `Float16`'s range moves to
/// `Float` storage, and NaN is kept as the gap it marks.
struct SeriesPrecisionTests {
    @Test func valuesAHalfHoldsAndGapsRoundTripExactly() {
        var buffer = SeriesWindow(capacity: 10)
        buffer.append(123.5)
        buffer.append(.nan)
        buffer.append(0.25)
        let values = buffer.series.values
        #expect(values[0] == 123.5 && values[1].isNaN && values[2] == 0.25)
        #expect(buffer.series.last == 0.25)
        #expect(buffer.series.maxValue == 123.5)
        #expect(Series([1234.5, .nan]) == Series([1234.5, .nan]))
        #expect(Series([.nan, .nan]).maxValue == nil)
    }

    @Test func otherValuesKeepAbout3SignificantDigits() {
        let series = Series([0.1, 2.0 / 3.0, 4_999, 0.4988])
        for (stored, given) in zip(series.values, [0.1, 2.0 / 3.0, 4_999, 0.4988]) {
            #expect(abs(stored - given) <= given * 0.0005)
        }
        #expect(series[2] == 5_000)   // the nearest Float16
        #expect(series.storage.isWide == false)
    }

    @Test func aValueBeyondFloat16MovesTheSeriesToFloatKeepingItsValues() {
        var buffer = SeriesWindow(capacity: 5)
        buffer.append(40_000)
        buffer.append(.nan)
        let before = buffer.series
        buffer.append(123_456)                 // a frontend's req/s: infinite as a Float16
        buffer.append(7)
        #expect(buffer.series.storage.isWide)
        #expect(buffer.series.values[0] == 40_000 && buffer.series.values[1].isNaN)
        #expect(buffer.series.values[2] == 123_456 && buffer.series.values[3] == 7)
        #expect(before.values[0] == 40_000 && before.count == 2)   // a series taken before keeps its own
        for value in 0..<20 { buffer.append(Double(value)) }   // and it stays wide as it moves on
        #expect(buffer.series.storage.isWide && buffer.series.values == [15, 16, 17, 18, 19])
        #expect(Series([1, 70_000]).values == [1, 70_000])
        #expect(Series([1, -70_000]).maxValue == 1)
    }
}
