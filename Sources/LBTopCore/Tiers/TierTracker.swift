/// Keeps each tier's last sample and history and turns samples into `TierSnapshot`s. Owned by the
/// store. Counters become rates over the interval between two polls; a restart (a new `run_id` or
/// `pid`, uptime going back) or a counter going back is a reset: that interval has no rate, never
/// a negative value or a spike.
public struct TierTracker: Sendable {
    private let capacity: Int
    private var records: [TierRecord] = []
    private var indexByID: [TargetID: Int] = [:]

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Declares a tier before its first poll, so one that never answers is still listed.
    public mutating func register(id: TargetID, name: String, kind: TierSample.Kind, role: TierRole) {
        _ = record(id, name: name, kind: kind, role: role)
    }

    public mutating func ingest(_ sample: TierSample, tier: TargetID, name: String, at time: Double) {
        let index = record(tier, name: name, kind: sample.kind, role: nil)
        records[index].ingest(sample, at: time)
    }

    /// A failed poll: the tier is stale and its series get a gap.
    public mutating func markStale(tier: TargetID) {
        guard let index = indexByID[tier] else { return }
        records[index].markStale()
    }

    public func snapshots() -> [TierSnapshot] { records.map(\.snapshot) }

    private mutating func record(_ id: TargetID, name: String, kind: TierSample.Kind, role: TierRole?) -> Int {
        if let index = indexByID[id] {
            if let role { records[index].role = role }
            return index
        }
        records.append(TierRecord(id: id, name: name, kind: kind, role: role ?? .cache, capacity: capacity))
        indexByID[id] = records.count - 1
        return records.count - 1
    }
}

/// One tier's latest sample, rates and history.
private struct TierRecord: Sendable {
    let id: TargetID
    let name: String
    let kind: TierSample.Kind
    var role: TierRole
    var previous: TierSample?
    var previousAt: Double?
    var rates = TierRates()
    var restarts = 0
    var isStale = false
    var hitRatio: SeriesBuffer
    var ops: SeriesBuffer
    var memory: SeriesBuffer
    var evictions: SeriesBuffer
    var clients: SeriesBuffer
    var rejected: SeriesBuffer

    init(id: TargetID, name: String, kind: TierSample.Kind, role: TierRole, capacity: Int) {
        self.id = id; self.name = name; self.kind = kind; self.role = role
        hitRatio = SeriesBuffer(capacity: capacity, keeping: .windowMeans); ops = SeriesBuffer(capacity: capacity)
        memory = SeriesBuffer(capacity: capacity); evictions = SeriesBuffer(capacity: capacity)
        clients = SeriesBuffer(capacity: capacity); rejected = SeriesBuffer(capacity: capacity)
    }

    mutating func ingest(_ sample: TierSample, at time: Double) {
        let restarted = previous.map { Self.isRestart(from: $0, to: sample) } ?? false
        if restarted { restarts += 1 }
        let seconds = previousAt.map { time - $0 } ?? 0
        rates = restarted ? TierRates() : TierRates(from: previous, to: sample, seconds: seconds)
        previous = sample
        previousAt = time
        isStale = false
        hitRatio.append(rates.hitRatio ?? .nan)
        ops.append(rates.ops ?? .nan)
        memory.append(sample.usedMemoryBytes ?? .nan)
        evictions.append(rates.evictions ?? .nan)
        clients.append(sample.clients.map(Double.init) ?? .nan)
        rejected.append(rates.rejected ?? .nan)
    }

    mutating func markStale() {
        isStale = true
        rates = TierRates()
        for buffer in [\TierRecord.hitRatio, \.ops, \.memory, \.evictions, \.clients, \.rejected] {
            self[keyPath: buffer].append(.nan)
        }
    }

    static func isRestart(from old: TierSample, to new: TierSample) -> Bool {
        if let before = old.instance, let now = new.instance, before != now { return true }
        if let before = old.uptimeSeconds, let now = new.uptimeSeconds, now < before { return true }
        return false
    }

    var snapshot: TierSnapshot {
        let sample = previous
        let lookups = (sample?.hits ?? 0) + (sample?.misses ?? 0)
        return TierSnapshot(
            id: id, name: name, kind: kind, role: role, version: sample?.version, hitRatio: rates.hitRatio,
            lifetimeHitRatio: lookups > 0 ? (sample?.hits ?? 0) / lookups : nil, hits: sample?.hits,
            misses: sample?.misses, lookupRate: rates.lookups, opsPerSecond: rates.ops,
            usedMemoryBytes: sample?.usedMemoryBytes, maxMemoryBytes: sample?.maxMemoryBytes,
            evictionsPerSecond: rates.evictions, evictions: sample?.evictions, expirationsPerSecond: rates.expirations,
            clients: sample?.clients, maxClients: sample?.maxClients, rejectedConnectionsPerSecond: rates.rejected,
            rejectedConnections: sample?.rejectedConnections, keys: sample?.keys, keysWithExpiry: sample?.keysWithExpiry,
            restarts: restarts, isStale: isStale,
            history: TierHistory(hitRatio: hitRatio.series, opsPerSecond: ops.series, usedMemoryBytes: memory.series,
                                 evictionsPerSecond: evictions.series, clients: clients.series,
                                 rejectedConnectionsPerSecond: rejected.series))
    }
}

/// A tier's rates over one interval; all nil after a reset or without a previous sample.
struct TierRates: Sendable, Equatable {
    var hitRatio: Double?
    var lookups: Double?
    var ops: Double?
    var evictions: Double?
    var expirations: Double?
    var rejected: Double?

    init() {}

    init(from old: TierSample?, to new: TierSample, seconds: Double) {
        guard let old, seconds > 0 else { return }
        func perSecond(_ value: (TierSample) -> Double?) -> Double? {
            CounterRate.decimalPerSecond(from: value(old), to: value(new), seconds: seconds)
        }
        let hits = perSecond(\.hits), misses = perSecond(\.misses)
        if let hits, let misses {
            lookups = hits + misses
            hitRatio = hits + misses > 0 ? hits / (hits + misses) : nil
        }
        ops = perSecond(\.commands)
        evictions = perSecond(\.evictions)
        expirations = perSecond(\.expirations)
        rejected = perSecond(\.rejectedConnections)
    }
}
