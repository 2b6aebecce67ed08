/// A window of recent values, oldest first, one per poll; `Double.nan` marks a gap (target stale,
/// counter reset, value not known).
///
/// A series is a read-only view of contiguous storage it shares with the store's history
/// (`SeriesBuffer`): building a snapshot copies no history, however long the window. It is a
/// random-access collection of its values; `values` copies them into an array.
///
/// The storage keeps values as `Float16`, or `Float` for a series with values beyond its range
/// (see `SeriesStorage`); a series reads them back as `Double`, so a value given is the value read
/// up to that precision.
public struct Series: Sendable, Equatable, RandomAccessCollection {
    let storage: SeriesStorage
    /// The positions in `storage` this series shows.
    let range: Range<Int>

    public init(_ values: [Double] = []) {
        let storage = SeriesStorage(capacity: values.count, isWide: !values.allSatisfy(SeriesStorage.fitsNarrow))
        for value in values { storage.append(value) }
        self.storage = storage
        range = 0..<values.count
        cells = nil
        trendSums = nil
    }

    init(storage: SeriesStorage, range: Range<Int>, cells: Cells? = nil, trendSums: TrendSums? = nil) {
        self.storage = storage
        self.range = range
        self.cells = cells
        self.trendSums = trendSums
    }

    /// The least-squares sums of exactly these values, when the store kept them as they arrived.
    let trendSums: TrendSums?

    /// The window older than the values kept one per poll, as means of `polls` polls each, cell
    /// `n` covering polls `n × polls ..< (n + 1) × polls`; nil when every poll of the window is
    /// kept, or the store keeps no means for this series (see `SeriesBuffer.Extras`).
    struct Cells: Sendable {
        let storage: SeriesStorage
        let range: Range<Int>
        let polls: Int

        /// The stored mean of cell `number` (NaN when its polls were all gaps), nil when the
        /// cells kept do not include it.
        func mean(ofCell number: Int) -> Double? {
            let index = number - storage.firstOrdinal
            return range.contains(index) ? Double(storage[index]) : nil
        }
    }
    let cells: Cells?

    /// Every known value of the whole window with how many polls it stands for, oldest first: the
    /// cells older than the values kept one per poll (`cells.polls` each), then those values (1 each).
    public func forEachWindowValue(_ body: (_ value: Double, _ polls: Int) -> Void) {
        if let cells {
            let firstFineOrdinal = endOrdinal - count
            for index in cells.range {
                guard (cells.storage.firstOrdinal + index + 1) * cells.polls <= firstFineOrdinal else { break }
                let value = cells.storage[index]
                if !value.isNaN { body(Double(value), cells.polls) }
            }
        }
        withStoredValues { values in
            for value in values where !value.isNaN { body(Double(value), 1) }
        }
    }

    public static let empty = Series()

    /// The values as an array (one pass over contiguous memory).
    public var values: [Double] {
        get { withStoredValues { $0.map(Double.init) } }
        set { self = Series(newValue) }
    }

    public typealias Indices = Range<Int>
    public var startIndex: Int { 0 }
    public var endIndex: Int { range.count }
    public var count: Int { range.count }
    public var indices: Range<Int> { 0..<range.count }
    // Concrete index arithmetic: the generic defaults are very slow in unoptimised builds.
    public func index(after i: Int) -> Int { i + 1 }
    public func index(before i: Int) -> Int { i - 1 }
    public func index(_ i: Int, offsetBy distance: Int) -> Int { i + distance }
    public func distance(from start: Int, to end: Int) -> Int { end - start }
    public subscript(position: Int) -> Double {
        precondition(position >= 0 && position < range.count, "Series index out of range")
        return Double(storage[range.lowerBound + position])
    }

    /// The newest value, nil when it is a gap or the series is empty.
    public var last: Double? {
        guard let value = range.isEmpty ? nil : storage[range.upperBound - 1] else { return nil }
        return value.isNaN ? nil : Double(value)
    }

    /// The largest known value, nil when every value is a gap or the series is empty.
    public var maxValue: Double? {
        withStoredValues { values in
            var top: Float?
            for value in values where !value.isNaN { top = Swift.max(top ?? value, value) }
            return top.map(Double.init)
        }
    }

    /// How many values the series had been given in all, up to and including its newest one.
    public var endOrdinal: Int { storage.firstOrdinal + range.upperBound }

    /// The newest values grouped `samplesPerCell` polls to a cell, oldest cell first, at most
    /// `cells` of them: each cell is the mean of its known values (NaN when all are gaps, and the
    /// newest cell is NaN while the newest value is, so a stale series shows it at once). Cells
    /// are aligned to poll numbers, not to the newest value, so between boundaries only the newest
    /// cell changes and a drawn trend moves one cell every `samplesPerCell` polls.
    public func trend(samplesPerCell: Int, cells: Int) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(cells)
        forEachTrendCell(samplesPerCell: samplesPerCell, cells: cells) { result.append($0) }
        result.reverse()
        return result
    }

    /// The largest known cell of `trend(samplesPerCell:cells:)` (0 when none is), without
    /// building the trend: a table asks this of every row on screen each frame.
    public func trendPeak(samplesPerCell: Int, cells: Int) -> Double {
        var top = 0.0
        forEachTrendCell(samplesPerCell: samplesPerCell, cells: cells) { if !$0.isNaN && $0 > top { top = $0 } }
        return top
    }

    /// The trend's cells, newest first. A whole cell older than the newest is read from the
    /// window's cells when they group polls the same way (one stored mean instead of ten values
    /// read: a table asks this twice per row on screen each frame).
    private func forEachTrendCell(samplesPerCell: Int, cells: Int, _ body: (Double) -> Void) {
        guard cells > 0, !isEmpty else { return }
        let perCell = Swift.max(1, samplesPerCell)
        let tier = self.cells.flatMap { $0.polls == perCell ? $0 : nil }
        withStoredValues { values in
            var index = values.count - 1
            var ordinal = endOrdinal - 1
            var produced = 0
            while index >= 0 && produced < cells {
                if produced > 0, index + 1 >= perCell, let mean = tier?.mean(ofCell: ordinal / perCell) {
                    body(mean)
                    produced += 1
                    index -= perCell
                    ordinal -= perCell
                    continue
                }
                let inCell = Swift.min(ordinal % perCell + 1, index + 1)
                var sum = 0.0, known = 0
                for offset in 0..<inCell where !values[index - offset].isNaN {
                    sum += Double(values[index - offset]); known += 1
                }
                // The newest cell is a gap while the newest value is: stale now shows at once.
                let isNewestGap = produced == 0 && values[values.count - 1].isNaN
                body(known > 0 && !isNewestGap ? sum / Double(known) : .nan)
                produced += 1
                index -= inCell
                ordinal -= inCell
            }
        }
    }

    /// Calls `body` with the values in place, read as `Float`, without copying them.
    func withStoredValues<R>(_ body: (StoredValues) throws -> R) rethrows -> R {
        try body(StoredValues(storage: storage, base: range.lowerBound, count: range.count))
    }

    /// A series' values where they are stored, read as `Float`.
    struct StoredValues: RandomAccessCollection {
        let storage: SeriesStorage
        let base: Int
        let count: Int
        var startIndex: Int { 0 }
        var endIndex: Int { count }
        func index(after i: Int) -> Int { i + 1 }
        func index(before i: Int) -> Int { i - 1 }
        subscript(position: Int) -> Float { storage[base + position] }
    }

    public static func == (a: Series, b: Series) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}

extension Series {
    /// Polls per stored mean in the older part of a store's window: a trend drawn with cells of
    /// this many polls reads those means whole instead of re-averaging each poll's value.
    public static let pollsPerCell = SeriesBuffer.cellPolls
}
