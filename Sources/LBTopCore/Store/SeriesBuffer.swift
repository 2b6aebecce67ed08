/// Fixed-capacity storage of series values, written only at its end: values below `count` never
/// change once written. Snapshots keep `Series` views of a range below `count` while the store
/// goes on appending past it, so the two never touch the same element; that is what makes sharing
/// it across isolation domains safe.
final class SeriesStorage: @unchecked Sendable {
    let capacity: Int
    let pointer: UnsafeMutablePointer<Double>
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
        (pointer + count).initialize(to: value)
        count += 1
    }

    func append(contentsOf values: UnsafeBufferPointer<Double>) {
        precondition(count + values.count <= capacity, "SeriesStorage is full")
        guard let base = values.baseAddress else { return }
        (pointer + count).initialize(from: base, count: values.count)
        count += values.count
    }
}

/// The store's rolling window of one series: the last `window` values, in contiguous storage that
/// `Series` views share, so a snapshot copies no history. Appending never rewrites a value a
/// snapshot may be showing: new values go after the end, and when the storage is full the newest
/// `window − 1` values move to fresh storage (once every `slack` appends, so O(1) per append).
/// Memory is bounded by `window + slack` values, not by run time.
struct SeriesBuffer: Sendable {
    let window: Int
    private var storage: SeriesStorage
    /// Where this buffer's values end in `storage`; differs from `storage.count` only when a copy
    /// of this buffer appended to the shared storage first.
    private var end = 0

    init(capacity window: Int) {
        precondition(window > 0, "SeriesBuffer window must be positive")
        self.window = window
        storage = SeriesStorage(capacity: window + Self.slack(for: window))
    }

    static func slack(for window: Int) -> Int { max(4, window / 4) }

    var count: Int { min(end, window) }

    mutating func append(_ value: Double) {
        if end != storage.count || storage.isFull { moveToFreshStorage() }
        storage.append(value)
        end += 1
    }

    /// The newest `window` values as a series sharing this buffer's storage.
    var series: Series {
        Series(storage: storage, range: max(0, end - window)..<end)
    }

    /// Copies the newest `window − 1` values to new storage, leaving room to append.
    private mutating func moveToFreshStorage() {
        let keep = min(end, window - 1)
        let fresh = SeriesStorage(capacity: window + Self.slack(for: window),
                                  firstOrdinal: storage.firstOrdinal + end - keep)
        fresh.append(contentsOf: UnsafeBufferPointer(start: storage.pointer + (end - keep), count: keep))
        storage = fresh
        end = keep
    }
}
