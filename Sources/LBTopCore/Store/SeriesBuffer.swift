/// The store's history of one series over its window: every poll's value for the newest
/// `finePolls` polls (what a graph draws one column per poll) and, for a series some reader needs
/// whole (`Extras.windowMeans`), the whole window as the mean of each `cellPolls` polls. A
/// 15-minute window at a 1 s interval then keeps 240 (+ 90) values per series instead of 900.
///
/// Cells are aligned to poll numbers like `Series.trend`'s: poll `n` belongs to cell `n / cellPolls`,
/// and a cell is stored when its last poll arrives, as the mean of its known values (a gap when it
/// has none). With a window no longer than `finePolls` there is no cell tier at all.
struct SeriesBuffer: Sendable {
    /// What a series keeps beyond its newest polls, for the readers that need it: most series are
    /// only drawn, and each extra costs memory and work on every append of every server.
    struct Extras: OptionSet, Sendable {
        let rawValue: Int
        /// The whole window as `cellPolls`-poll means, for a baseline over it (`Series.windowMedian`).
        static let windowMeans = Extras(rawValue: 1 << 0)
        /// The least-squares sums of the newest polls, for a trend fit (`Series.trendFit`).
        static let trendSums = Extras(rawValue: 1 << 1)
    }

    /// Polls kept one value each: four minutes at a 1 s interval, the 24 × 10 polls a table trend
    /// spans, and as many columns as a detail panel draws on a terminal up to 480 columns wide
    /// (two panels side by side).
    static let finePolls = 240
    /// Polls per cell of the window tier (`Series.pollsPerCell`).
    static let cellPolls = 10

    private var fine: SeriesWindow
    private var cells: SeriesWindow?
    private var cellSum = 0.0
    private var cellKnown = 0
    private var appended = 0
    /// The sums of `fine`'s values for a trend fit (nil without `.trendSums`), slid with each
    /// append and summed afresh when `fine` moves to fresh storage (every few dozen appends,
    /// copying its values anyway), so rounding never builds up.
    private var trend: TrendSums?

    init(capacity window: Int, keeping extras: Extras = []) {
        precondition(window > 0, "SeriesBuffer window must be positive")
        fine = SeriesWindow(capacity: min(window, Self.finePolls))
        if extras.contains(.trendSums) { trend = TrendSums() }
        if extras.contains(.windowMeans) && window > Self.finePolls {
            cells = SeriesWindow(capacity: (window + Self.cellPolls - 1) / Self.cellPolls, initialCapacity: 8)
        }
    }

    /// Values drawn one per poll (the newest `min(window, finePolls)`).
    var count: Int { fine.count }

    mutating func append(_ value: Double) {
        let leaving = trend != nil && fine.count == fine.window ? fine.oldest : nil
        if fine.append(value), trend != nil {
            trend = TrendSums(fine.series)
        } else {
            trend?.slide(adding: fine.newest ?? value, removing: leaving)
        }
        appended += 1
        guard cells != nil else { return }
        if !value.isNaN { cellSum += value; cellKnown += 1 }
        if appended % Self.cellPolls == 0 {
            cells?.append(cellKnown > 0 ? cellSum / Double(cellKnown) : .nan)
            cellSum = 0
            cellKnown = 0
        }
    }

    /// The newest values, sharing this buffer's storage, with the window's cells behind them.
    var series: Series {
        let values = fine.stored
        guard let cells else { return Series(storage: values.storage, range: values.range, trendSums: trend) }
        let stored = cells.stored
        return Series(storage: values.storage, range: values.range,
                      cells: Series.Cells(storage: stored.storage, range: stored.range, polls: Self.cellPolls),
                      trendSums: trend)
    }
}
