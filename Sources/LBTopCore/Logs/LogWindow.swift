import Histogram

/// What the log said about one server, backend or frontend over a sliding window: a ring of
/// per-interval slots, each with its own mergeable histograms and counts, summed when read. Memory
/// is bounded by the slot count and the top-N capacities, never by traffic.
struct LogWindow: Sendable {
    struct Slot: Sendable {
        /// Which interval (seconds since the epoch of the window / slot length) this slot holds.
        var number: Int
        var requests = 0
        var statusClasses = [Int](repeating: 0, count: 6)
        var terminations: [String: Int] = [:]
        var retries = 0
        var redispatches = 0
        /// nginx `$upstream_cache_status`: requests that looked in the cache, and those it served.
        var cacheLookups = 0
        var cacheHits = 0
        var serverTime = LatencyHistogram.fine()
        var totalTime = LatencyHistogram.fine()
        var paths: HeavyHitters
        var clients: HeavyHitters
        var slowest: [LogSlowRequest] = []

        /// A new slot's histograms start sized for the largest value of `previous` (the row's
        /// latest slot): a row's latencies are alike from one slot to the next. Its largest
        /// value, not its size, so that one outlier sizes one slot after it, not every one.
        init(number: Int, topCount: Int, sizedLike previous: Slot? = nil) {
            self.number = number
            paths = HeavyHitters(capacity: topCount * 2)
            clients = HeavyHitters(capacity: topCount * 2)
            if let previous {
                serverTime = LatencyHistogram.fine(upTo: previous.serverTime.max)
                totalTime = LatencyHistogram.fine(upTo: previous.totalTime.max)
            }
        }
    }

    let slotSeconds: Double
    let slotCount: Int
    let topCount: Int
    private var slots: [Slot] = []

    init(window: Double, slotCount: Int = 12, topCount: Int = 10) {
        self.slotCount = max(1, slotCount)
        self.slotSeconds = max(0.1, window / Double(self.slotCount))
        self.topCount = topCount
    }

    /// Takes one request at monotonic time `at`; `keys` are the line's, shared by every row it
    /// counts in. `serverMs` is the time this row is ranked by (an nginx try's own time for a
    /// server, the request's for its backend).
    mutating func record(_ request: LogRequest, keys: LogLineKeys, serverMs: Int?, status: Int?, at time: Double) {
        let slot = slotIndex(at: time)
        slots[slot].requests += 1
        slots[slot].statusClasses[Self.statusClass(status)] += 1
        if let cause = keys.cause { slots[slot].terminations[cause, default: 0] += 1 }
        slots[slot].retries += request.retries
        if request.redispatched { slots[slot].redispatches += 1 }
        if let cache = request.cacheStatus, let hit = CacheStatus.servedFromCache(cache) {
            slots[slot].cacheLookups += 1
            if hit { slots[slot].cacheHits += 1 }
        }
        if let serverMs { LatencyHistogram.record(LatencyHistogram.clamp(serverMs), in: &slots[slot].serverTime) }
        let isError = (status ?? 0) >= 500
        if let path = keys.path { slots[slot].paths.record(path, latencyMs: request.totalMs, isError: isError) }
        slots[slot].clients.record(keys.client, latencyMs: request.totalMs, isError: isError)
        if let totalMs = request.totalMs {
            LatencyHistogram.record(LatencyHistogram.clamp(totalMs), in: &slots[slot].totalTime)
            // Most requests are not among the slowest: compared before one is made.
            if slots[slot].slowest.count < topCount || totalMs > slots[slot].slowest[slots[slot].slowest.count - 1].totalMs {
                Self.keepSlowest(&slots[slot].slowest, LogSlowRequest(request, totalMs: totalMs), limit: topCount)
            }
        }
    }

    /// The slot for `time`, recycling the oldest when a new interval starts.
    private mutating func slotIndex(at time: Double) -> Int {
        let number = Int((time / slotSeconds).rounded(.down))
        if let last = slots.indices.last, slots[last].number == number { return last }
        if let found = slots.lastIndex(where: { $0.number == number }) { return found }
        slots.removeAll { $0.number <= number - slotCount }
        slots.append(Slot(number: number, topCount: topCount, sizedLike: slots.last))
        slots.sort { $0.number < $1.number }
        return slots.lastIndex(where: { $0.number == number })!
    }

    /// The largest value each slot's histograms hold without growing, oldest first: what their
    /// memory grows with.
    var histogramReach: [UInt64] {
        slots.map { max($0.serverTime.highestTrackableValue, $0.totalTime.highestTrackableValue) }
    }

    /// The figures over the slots still inside the window at `now`; nil when none holds a request.
    /// `since` is when the log input began (the window covers less than its length before).
    func figures(now: Double, since start: Double) -> LogFigures? {
        let current = Int((now / slotSeconds).rounded(.down))
        let live = slots.filter { $0.number > current - slotCount && $0.requests > 0 }
        guard !live.isEmpty else { return nil }
        var serverTime = LatencyHistogram.fine(upTo: live.map(\.serverTime.max).max() ?? 0)
        var totalTime = LatencyHistogram.fine(upTo: live.map(\.totalTime.max).max() ?? 0)
        var statusClasses = [Int](repeating: 0, count: 6)
        var terminations: [String: Int] = [:]
        var requests = 0, retries = 0, redispatches = 0, cacheLookups = 0, cacheHits = 0
        var slowest: [LogSlowRequest] = []
        for slot in live {
            requests += slot.requests; retries += slot.retries; redispatches += slot.redispatches
            cacheLookups += slot.cacheLookups; cacheHits += slot.cacheHits
            serverTime.add(slot.serverTime); totalTime.add(slot.totalTime)
            for index in statusClasses.indices { statusClasses[index] += slot.statusClasses[index] }
            terminations.merge(slot.terminations, uniquingKeysWith: +)
            for request in slot.slowest { Self.keepSlowest(&slowest, request, limit: topCount) }
        }
        let seconds = max(0.001, min(Double(slotCount) * slotSeconds, now - start))
        return LogFigures(
            requests: requests, windowSeconds: seconds,
            serverTime: LatencyPercentiles(serverTime), totalTime: LatencyPercentiles(totalTime),
            statusClasses: LogStatusClasses(statusClasses), terminations: terminations,
            retries: retries, redispatches: redispatches, cacheLookups: cacheLookups, cacheHits: cacheHits,
            topPaths: Self.top(live.map(\.paths), limit: topCount), topClients: Self.top(live.map(\.clients), limit: topCount),
            slowest: slowest)
    }

    /// The `limit` keys most counted over `lists`; the latency of only those is merged for their p99.
    private static func top(_ lists: [HeavyHitters], limit: Int) -> [LogTopEntry] {
        var table: [String: (count: Int, errors: Int)] = [:]
        for list in lists {
            for index in list.keys.indices {
                table[list.keys[index], default: (0, 0)].count += list.counts[index]
                table[list.keys[index]]!.errors += list.errors[index]
            }
        }
        let top = table.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.prefix(limit)
        return top.map { key, entry in
            var latency = LatencyHistogram.coarseKey
            for list in lists {
                if let index = list.keys.firstIndex(of: key) { list.addLatency(of: index, to: &latency) }
            }
            return LogTopEntry(key: key, count: entry.count, errors: entry.errors,
                               p99Ms: latency.totalCount > 0 ? Int(latency.valueAtPercentile(99)) : nil)
        }
    }

    private static func keepSlowest(_ list: inout [LogSlowRequest], _ request: LogSlowRequest, limit: Int) {
        guard list.count >= limit else {
            list.append(request)
            list.sort { $0.totalMs > $1.totalMs }
            return
        }
        guard let last = list.last, request.totalMs > last.totalMs else { return }
        list[list.count - 1] = request
        list.sort { $0.totalMs > $1.totalMs }
    }

    /// Index into 1xx…5xx, other (no status, or outside 100…599).
    static func statusClass(_ status: Int?) -> Int {
        guard let status, (100..<600).contains(status) else { return 5 }
        return status / 100 - 1
    }
}
