import Synchronization

/// A rolling window of one series: the last `window` values, in contiguous storage that
/// `Series` views share, so a snapshot copies no history. Appending never rewrites a value a
/// snapshot may be showing: new values go after the end of the storage, and when it is full they
/// go on in fresh storage while snapshots keep the old one.
///
/// Storage starts small and grows geometrically (every value copied along, O(1) per append
/// amortised) up to `window + slack` values, so a series polled for a minute holds about a
/// minute of values, not a whole window. Once at full size, a full storage hands its newest
/// `window − 1` values to fresh storage, once every `slack` appends (O(1) per append amortised,
/// since `slack` grows with the window). Memory is bounded by `window + slack` values, not by
/// run time.
///
/// Windows made together (a thousand servers seen in one poll) would otherwise move on the same
/// poll, every one of them, while the snapshot on screen still holds every old storage: twice the
/// history resident at once. Each window's first full-size storage is shorter by a `phase` below
/// `slack`, so their moves spread over the `slack` polls; while growing, each window's first
/// storage is smaller by up to half of it, by the same phase, so their doublings spread too.
struct SeriesWindow: Sendable {
    let window: Int
    private var storage: SeriesStorage
    /// Where this buffer's values end in `storage`; differs from `storage.count` only when a copy
    /// of this buffer appended to the shared storage first.
    private var end = 0

    private let phase: Int
    private var reachedFullSize = false
    /// Values are stored as `Float` since one beyond `Float16`'s range came (see `SeriesStorage`).
    private var isWide = false

    /// - Parameter phase: how much shorter the first full-size storage is (taken modulo `slack`)
    ///   and the first storage (modulo half of `initialCapacity`); by default the next of a
    ///   process-wide count, so windows made together differ.
    /// - Parameter initialCapacity: values the first storage has room for (a series that gains a
    ///   value every few polls, like `SeriesBuffer`'s cells, starts smaller).
    init(capacity window: Int, phase: Int? = nil, initialCapacity: Int = Self.initialCapacity) {
        precondition(window > 0, "SeriesWindow window must be positive")
        self.window = window
        let phase = phase ?? Self.phases.add(1, ordering: .relaxed).oldValue
        self.phase = phase % Self.slack(for: window)
        let first = max(1, initialCapacity - phase % max(1, initialCapacity / 2))
        storage = SeriesStorage(capacity: min(first, Self.fullCapacity(for: window)))
    }

    private static let phases = Atomic<Int>(0)

    /// Values a new buffer has room for before it first grows.
    static let initialCapacity = 64

    static func slack(for window: Int) -> Int { max(4, window / 8) }

    /// The most values one storage holds: a window and room to append `slack` more before moving.
    static func fullCapacity(for window: Int) -> Int { window + slack(for: window) }

    var count: Int { min(end, window) }

    /// The oldest and the newest value of the window, as stored (nil when empty).
    var oldest: Double? { end > 0 ? Double(storage[max(0, end - window)]) : nil }
    var newest: Double? { end > 0 ? Double(storage[end - 1]) : nil }

    /// Values the current storage has room for (grows with the values given, up to `fullCapacity`).
    var storageCapacity: Int { storage.capacity }

    /// Appends `value`; true when the window moved to fresh storage first.
    @discardableResult
    mutating func append(_ value: Double) -> Bool {
        var moved = false
        if !storage.isWide && !SeriesStorage.fitsNarrow(value) {
            isWide = true   // from now on, and for the values kept
            moveToFreshStorage()
            moved = true
        } else if end != storage.count || storage.isFull {
            moveToFreshStorage()
            moved = true
        }
        storage.append(value)
        end += 1
        return moved
    }

    /// The newest `window` values as a series sharing this buffer's storage.
    var series: Series {
        let stored = stored
        return Series(storage: stored.storage, range: stored.range)
    }

    /// The storage and the range of it the newest `window` values occupy.
    var stored: (storage: SeriesStorage, range: Range<Int>) { (storage, max(0, end - window)..<end) }

    /// Copies the newest values, at most `window − 1`, to new storage with room to append: twice
    /// as large while the storage is still smaller than `fullCapacity`, full-sized after that.
    private mutating func moveToFreshStorage() {
        let full = Self.fullCapacity(for: window)
        let keep = min(end, window - 1)
        var capacity = min(full, max(storage.capacity * 2, keep + 1))
        if capacity == full && !reachedFullSize {
            reachedFullSize = true
            capacity = max(keep + 1, full - phase)
        }
        let fresh = SeriesStorage(capacity: capacity, firstOrdinal: storage.firstOrdinal + end - keep, isWide: isWide)
        fresh.append(contentsOf: storage, range: (end - keep)..<end)
        storage = fresh
        end = keep
    }
}
