import Histogram

/// The most frequent keys of a stream in bounded memory (Space-Saving, Metwally et al.): at most
/// `capacity` keys; a new key when full takes the place of the least counted one and inherits its
/// count. Parallel arrays searched by the key's precomputed hash: for the few dozen keys of a top
/// list a scan of contiguous integers costs less than a dictionary, and a server's lists stay in
/// a few cache lines. Each key keeps the latency of its own requests (for its p99): the first in
/// place, a coarse histogram from the second on, so a key evicted after one request (most keys
/// of a long tail) never costs a histogram.
struct HeavyHitters: Sendable {
    let capacity: Int
    private(set) var keys: [String] = []
    private var hashes: [Int] = []
    private(set) var counts: [Int] = []
    /// 5xx among the requests counted since the key took its place.
    private(set) var errors: [Int] = []
    /// Latencies recorded since the key took its place: none, `first` alone, or `histograms`.
    private var samples: [Int] = []
    private var first: [Int] = []
    private var histograms: [Histogram<UInt32>?] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    mutating func record(_ key: LogKey, latencyMs: Int?, isError: Bool) {
        var slot = find(key)
        if slot < 0 {
            if keys.count < capacity {
                slot = keys.count
                keys.append(key.text); hashes.append(key.hash); counts.append(0); errors.append(0)
                samples.append(0); first.append(0); histograms.append(nil)
            } else {
                slot = smallest()
                keys[slot] = key.text; hashes[slot] = key.hash; errors[slot] = 0
                samples[slot] = 0; histograms[slot] = nil
            }
        }
        counts[slot] += 1
        if isError { errors[slot] += 1 }
        guard let latencyMs else { return }
        let value = LatencyHistogram.clamp(latencyMs)
        switch samples[slot] {
        case 0: first[slot] = Int(value)
        case 1:
            var histogram = LatencyHistogram.coarseKey
            histogram.record(UInt64(first[slot]))
            histogram.record(value)
            histograms[slot] = histogram
        default: histograms[slot]!.record(value)
        }
        samples[slot] += 1
    }

    /// The latencies of the key in `slot` added to `histogram`.
    func addLatency(of slot: Int, to histogram: inout Histogram<UInt32>) {
        switch samples[slot] {
        case 0: break
        case 1: histogram.record(UInt64(first[slot]))
        default: histogram.add(histograms[slot]!)
        }
    }

    private func find(_ key: LogKey) -> Int {
        hashes.withUnsafeBufferPointer { hashes in
            for index in hashes.indices where hashes[index] == key.hash && keys[index] == key.text { return index }
            return -1
        }
    }

    private func smallest() -> Int {
        counts.withUnsafeBufferPointer { counts in
            var smallest = 0
            for index in counts.indices where counts[index] < counts[smallest] { smallest = index }
            return smallest
        }
    }
}

/// The histogram layouts lbtop keeps (milliseconds, auto-resizing so an idle or fast server
/// costs only the buckets its values reach; values above an hour are recorded as an hour).
/// Growing one goes through the package's unspecialised `resize`, bucket by bucket: histograms
/// that will take larger values are made at their size at once.
enum LatencyHistogram {
    static let longest = 3_600_000

    /// Two significant digits: 300 ms is read within 1 %, 5 ms exactly.
    static func fine() -> Histogram<UInt32> { Histogram<UInt32>(numberOfSignificantValueDigits: .two) }

    /// An empty `fine()` histogram already holding values up to `highest`.
    static func fine(upTo highest: UInt64) -> Histogram<UInt32> {
        var histogram = Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: max(2, highest),
                                          numberOfSignificantValueDigits: .two)
        histogram.autoResize = true
        return histogram
    }

    /// Records `value` in a `fine` histogram, made again at its size at once when the value is
    /// beyond its reach: growing in place goes bucket by bucket through the package's resize.
    static func record(_ value: UInt64, in histogram: inout Histogram<UInt32>) {
        if value > histogram.highestTrackableValue {
            var grown = fine(upTo: value)
            if histogram.totalCount > 0 { grown.add(histogram) }
            histogram = grown
        }
        histogram.record(value)
    }

    /// An empty coarse histogram already sized to 1 s, copied for each top-list key: a copy costs
    /// one allocation, where making or clearing one is a loop the package does not inline.
    static let coarseKey: Histogram<UInt32> = {
        var histogram = Histogram<UInt32>(lowestDiscernibleValue: 1, highestTrackableValue: 1023,
                                          numberOfSignificantValueDigits: .one)
        histogram.autoResize = true
        return histogram
    }()

    static func clamp(_ milliseconds: Int) -> UInt64 { UInt64(min(max(0, milliseconds), longest)) }
}
