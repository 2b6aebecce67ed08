/// A cache or session tier (Redis, memcached) with its rates over the last interval and their
/// trends. A stale tier keeps its last gauges for the detail but its rates are unknown.
public struct TierSnapshot: Sendable, Identifiable {
    public var id: TargetID
    public var name: String
    public var kind: TierSample.Kind
    public var role: TierRole
    public var version: String?
    /// Hits ÷ lookups over the last interval; nil when nothing was looked up.
    public var hitRatio: Double?
    /// Hits ÷ lookups since the process started (`keyspace_hits` and `keyspace_misses` as read).
    public var lifetimeHitRatio: Double?
    public var hits: Double?
    public var misses: Double?
    /// Lookups per second (hits + misses).
    public var lookupRate: Double?
    public var opsPerSecond: Double?
    public var usedMemoryBytes: Double?
    public var maxMemoryBytes: Double?
    public var evictionsPerSecond: Double?
    public var evictions: Double?
    public var expirationsPerSecond: Double?
    public var clients: Int?
    public var maxClients: Int?
    public var rejectedConnectionsPerSecond: Double?
    public var rejectedConnections: Double?
    public var keys: Int?
    public var keysWithExpiry: Int?
    /// Restarts seen (a new process identity, or uptime going back).
    public var restarts: Int
    public var isStale: Bool
    public var history: TierHistory

    public init(id: TargetID, name: String, kind: TierSample.Kind, role: TierRole, version: String? = nil,
                hitRatio: Double? = nil, lifetimeHitRatio: Double? = nil, hits: Double? = nil, misses: Double? = nil,
                lookupRate: Double? = nil, opsPerSecond: Double? = nil, usedMemoryBytes: Double? = nil,
                maxMemoryBytes: Double? = nil, evictionsPerSecond: Double? = nil, evictions: Double? = nil,
                expirationsPerSecond: Double? = nil, clients: Int? = nil, maxClients: Int? = nil,
                rejectedConnectionsPerSecond: Double? = nil, rejectedConnections: Double? = nil, keys: Int? = nil,
                keysWithExpiry: Int? = nil, restarts: Int = 0, isStale: Bool = false, history: TierHistory = .init()) {
        self.id = id; self.name = name; self.kind = kind; self.role = role; self.version = version
        self.hitRatio = hitRatio; self.lifetimeHitRatio = lifetimeHitRatio; self.hits = hits; self.misses = misses
        self.lookupRate = lookupRate; self.opsPerSecond = opsPerSecond; self.usedMemoryBytes = usedMemoryBytes
        self.maxMemoryBytes = maxMemoryBytes; self.evictionsPerSecond = evictionsPerSecond
        self.evictions = evictions; self.expirationsPerSecond = expirationsPerSecond; self.clients = clients
        self.maxClients = maxClients; self.rejectedConnectionsPerSecond = rejectedConnectionsPerSecond
        self.rejectedConnections = rejectedConnections; self.keys = keys; self.keysWithExpiry = keysWithExpiry
        self.restarts = restarts; self.isStale = isStale; self.history = history
    }

    /// Used ÷ max memory, when the tier has a limit.
    public var memoryRatio: Double? {
        guard let used = usedMemoryBytes, let max = maxMemoryBytes, max > 0 else { return nil }
        return used / max
    }
}

/// A tier's series over the window, one value per poll (a gap where it was stale).
public struct TierHistory: Sendable, Equatable {
    public var hitRatio: Series
    public var opsPerSecond: Series
    public var usedMemoryBytes: Series
    public var evictionsPerSecond: Series
    public var clients: Series
    public var rejectedConnectionsPerSecond: Series

    public init(hitRatio: Series = .empty, opsPerSecond: Series = .empty, usedMemoryBytes: Series = .empty,
                evictionsPerSecond: Series = .empty, clients: Series = .empty,
                rejectedConnectionsPerSecond: Series = .empty) {
        self.hitRatio = hitRatio; self.opsPerSecond = opsPerSecond; self.usedMemoryBytes = usedMemoryBytes
        self.evictionsPerSecond = evictionsPerSecond; self.clients = clients
        self.rejectedConnectionsPerSecond = rejectedConnectionsPerSecond
    }
}
