/// One parsed poll of a cache or session tier (Redis `INFO`, memcached `stats`): counters since the
/// process started and gauges. Rates and the hit ratio come from two samples (`TierTracker`).
public struct TierSample: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case redis, memcached }

    public var kind: Kind
    public var version: String?
    /// Names the running process (Redis `run_id`, memcached `pid`): a new one means a restart,
    /// so every counter started again at 0.
    public var instance: String?
    public var uptimeSeconds: Double?
    /// Lookups that found their key (`keyspace_hits`, `get_hits`) and those that did not.
    public var hits: Double?
    public var misses: Double?
    /// Commands processed (`total_commands_processed`; memcached: the sum of its `cmd_*` and
    /// `*_hits`/`*_misses` of the other commands).
    public var commands: Double?
    public var usedMemoryBytes: Double?
    /// The memory limit; nil when there is none (Redis `maxmemory:0`).
    public var maxMemoryBytes: Double?
    public var evictions: Double?
    /// Keys removed because their time to live ran out (Redis `expired_keys`).
    public var expirations: Double?
    public var clients: Int?
    public var maxClients: Int?
    /// Connections refused over the client limit.
    public var rejectedConnections: Double?
    /// Keys held (Redis: summed over its databases; memcached `curr_items`).
    public var keys: Int?
    /// Keys with a time to live (Redis `expires=` summed over its databases).
    public var keysWithExpiry: Int?
    /// Lines the parser skipped as malformed.
    public var skippedLines: Int = 0

    public init(kind: Kind) { self.kind = kind }

    /// A count the answer wrote as a number (`curr_items 12`), whole; nil when it has no `Int`
    /// (`1e30`), so a hostile answer is a skipped line, not a trap.
    static func count(_ value: Double) -> Int? {
        Int(exactly: value.rounded(.towardZero))
    }
}
