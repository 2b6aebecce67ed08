/// Fixed-capacity storage of series values, written only at its end: values below `count` never
/// change once written. Snapshots keep `Series` views of a range below `count` while the store
/// goes on appending past it, so the two never touch the same element; that is what makes sharing
/// it across isolation domains safe.
///
/// Values are kept as `Float`, half the memory of `Double`: about 7 significant digits, plenty for
/// the rates, ratios, latencies and percentages the series are drawn and compared from (a graph
/// cell or an alert baseline never needs more). NaN stays NaN; a magnitude beyond `Float`'s range
/// (about 3.4 × 10³⁸) would become infinity.
final class SeriesStorage: @unchecked Sendable {
    let capacity: Int
    let pointer: UnsafeMutablePointer<Float>
    private(set) var count = 0
    /// How many values the series had ever been given before the one at `pointer[0]`: lets a
    /// view group values by poll number (`Series.trend`) the same way however storage moved.
    let firstOrdinal: Int

    init(capacity: Int, firstOrdinal: Int = 0) {
        self.capacity = max(1, capacity)
        self.firstOrdinal = firstOrdinal
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    var isFull: Bool { count == capacity }

    func append(_ value: Double) {
        precondition(count < capacity, "SeriesStorage is full")
        (pointer + count).initialize(to: Float(value))
        count += 1
    }

    func append(contentsOf values: UnsafeBufferPointer<Float>) {
        precondition(count + values.count <= capacity, "SeriesStorage is full")
        guard let base = values.baseAddress else { return }
        (pointer + count).initialize(from: base, count: values.count)
        count += values.count
    }
}
