import Histogram

/// The most frequent keys of a stream in bounded memory (Space-Saving, Metwally et al.): at most
/// `capacity` entries; a new key when full replaces the least counted one and inherits its count
/// as its error. Each entry keeps the latency of its own requests in a coarse histogram, so the
/// top keys can also be ranked by p99.
struct HeavyHitters: Sendable {
    struct Entry: Sendable {
        var key: String
        var count: Int
        /// Count inherited from the entry it replaced (an upper bound on the overcount).
        var error: Int
        var errors: Int
        var latency: Histogram<UInt32>
    }

    let capacity: Int
    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    init(capacity: Int) { self.capacity = capacity }

    mutating func record(_ key: String, latencyMs: Int?, isError: Bool) {
        let slot: Int
        if let found = index[key] {
            slot = found
        } else if entries.count < capacity {
            slot = entries.count
            entries.append(Entry(key: key, count: 0, error: 0, errors: 0, latency: LatencyHistogram.coarse()))
            index[key] = slot
        } else {
            var smallest = 0
            for candidate in entries.indices where entries[candidate].count < entries[smallest].count { smallest = candidate }
            slot = smallest
            index[entries[slot].key] = nil
            let inherited = entries[slot].count
            entries[slot].key = key
            entries[slot].error = inherited
            entries[slot].errors = 0
            entries[slot].latency.reset()
            index[key] = slot
        }
        entries[slot].count += 1
        if isError { entries[slot].errors += 1 }
        if let latencyMs { entries[slot].latency.record(LatencyHistogram.clamp(latencyMs)) }
    }
}

/// The histogram layouts lbtop keeps (milliseconds, auto-resizing so an idle or fast server
/// costs only the buckets its values reach; values above an hour are recorded as an hour).
enum LatencyHistogram {
    static let longest = 3_600_000

    /// Two significant digits: 300 ms is read within 1 %, 5 ms exactly.
    static func fine() -> Histogram<UInt32> { Histogram<UInt32>(numberOfSignificantValueDigits: .two) }
    /// One significant digit, for the per-path latency of top paths.
    static func coarse() -> Histogram<UInt32> { Histogram<UInt32>(numberOfSignificantValueDigits: .one) }

    static func clamp(_ milliseconds: Int) -> UInt64 { UInt64(min(max(0, milliseconds), longest)) }
}
