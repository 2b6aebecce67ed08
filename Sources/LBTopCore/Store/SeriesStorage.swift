/// Fixed-capacity storage of series values, written only at its end: values below `count` never
/// change once written. Snapshots keep `Series` views of a range below `count` while the store
/// goes on appending past it, so the two never touch the same element; that is what makes sharing
/// it across isolation domains safe.
///
/// Values are kept as `Float16` (two bytes: about 3.3 significant digits, integers exact up to
/// 2,048, relative error under 0.05 %): plenty for what the series are for, graphs of 8 levels, a
/// table trend's means and an alert baseline's median; the numbers a view prints come from the
/// snapshot's current values, not from history. A series with a value beyond `Float16`'s range
/// (±65,504: a frontend's req/s, a latency over a minute) is kept in `Float` storage instead
/// (`isWide`, about 7 significant digits). NaN stays NaN.
final class SeriesStorage: @unchecked Sendable {
    let capacity: Int
    /// Values are `Float` rather than `Float16`.
    let isWide: Bool
    private let bytes: UnsafeMutableRawPointer
    private(set) var count = 0
    /// How many values the series had ever been given before the one at index 0: lets a
    /// view group values by poll number (`Series.trend`) the same way however storage moved.
    let firstOrdinal: Int

    init(capacity: Int, firstOrdinal: Int = 0, isWide: Bool = false) {
        self.capacity = max(1, capacity)
        self.firstOrdinal = firstOrdinal
        self.isWide = isWide
        bytes = .allocate(byteCount: self.capacity * (isWide ? 4 : 2), alignment: 4)
    }

    deinit { bytes.deallocate() }

    var isFull: Bool { count == capacity }

    /// Whether `Float16` storage keeps `value` (NaN included), rather than making it infinite.
    static func fitsNarrow(_ value: Double) -> Bool { value.isNaN || abs(value) <= Double(Float16.greatestFiniteMagnitude) }

    subscript(index: Int) -> Float {
        isWide ? bytes.load(fromByteOffset: index * 4, as: Float.self)
               : Float(bytes.load(fromByteOffset: index * 2, as: Float16.self))
    }

    func append(_ value: Double) {
        precondition(count < capacity, "SeriesStorage is full")
        precondition(isWide || Self.fitsNarrow(value), "SeriesStorage: value beyond Float16 in narrow storage")
        store(Float(value), at: count)
        count += 1
    }

    /// Appends `other`'s values in `range`.
    func append(contentsOf other: SeriesStorage, range: Range<Int>) {
        precondition(count + range.count <= capacity, "SeriesStorage is full")
        if other.isWide == isWide {
            let width = isWide ? 4 : 2
            (bytes + count * width).copyMemory(from: other.bytes + range.lowerBound * width, byteCount: range.count * width)
        } else {
            for (offset, index) in range.enumerated() { store(other[index], at: count + offset) }
        }
        count += range.count
    }

    private func store(_ value: Float, at index: Int) {
        if isWide { bytes.storeBytes(of: value, toByteOffset: index * 4, as: Float.self) }
        else { bytes.storeBytes(of: Float16(value), toByteOffset: index * 2, as: Float16.self) }
    }
}
