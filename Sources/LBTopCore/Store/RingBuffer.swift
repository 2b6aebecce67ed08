/// A fixed-capacity FIFO in contiguous storage: appending to a full buffer overwrites the oldest
/// element. Memory is bounded by `capacity`, not by how long the program runs.
public struct RingBuffer<Element>: Sendable where Element: Sendable {
    public let capacity: Int
    private var storage: ContiguousArray<Element> = []
    /// Index of the oldest element once the buffer is full.
    private var head = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "RingBuffer capacity must be positive")
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = head + 1 == capacity ? 0 : head + 1
        }
    }

    /// Element `index`, 0 being the oldest.
    public subscript(index: Int) -> Element {
        precondition(index >= 0 && index < storage.count, "RingBuffer index out of range")
        let physical = head + index
        return storage[physical < storage.count ? physical : physical - storage.count]
    }

    public var last: Element? {
        guard !storage.isEmpty else { return nil }
        return self[storage.count - 1]
    }

    /// All elements, oldest first.
    public func toArray() -> [Element] {
        guard head > 0 else { return Array(storage) }
        var result: [Element] = []
        result.reserveCapacity(storage.count)
        result.append(contentsOf: storage[head...])
        result.append(contentsOf: storage[..<head])
        return result
    }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        head = 0
    }
}

extension RingBuffer where Element == Double {
    /// The window as a `Series` (oldest first; NaN marks gaps).
    public var series: Series { Series(toArray()) }
}
