import Foundation

/// The JSON form of a `Snapshot` printed by `lbtop --once --json`: the scripting interface.
/// Keys are stable; a value that is not known is left out; rates are per second, rounded to
/// 3 decimals; shares and ratios are fractions 0…1; times are milliseconds.
public enum SnapshotJSON {
    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public static func encode(_ snapshot: Snapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(Document(snapshot))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The same document on one line, ending in a newline (`--json` streaming, `jq` input).
    public static func encodeLine(_ snapshot: Snapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(Document(snapshot))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The document, for callers that decode it back (tests, tools).
    public struct Document: Codable, Sendable {
        public var time: Date
        public var interval: Double
        public var targets: [Target]
        public var frontends: [Proxy]
        public var backends: [Proxy]
        public var servers: [Server]
        public var nodes: [Node]
        public var tiers: [Tier]
        /// Servers their balancer no longer lists, newest first, for the window.
        public var goneServers: [GoneServerEntry]
        public var alerts: [Alert]
        /// With `--log`: every request of the window together, and HAProxy's latest server events.
        public var logs: Logs?

        public init(_ snapshot: Snapshot) {
            time = snapshot.time
            interval = snapshot.interval
            targets = snapshot.targets.map(Target.init)
            frontends = snapshot.frontends.map { Proxy($0, at: snapshot) }
            backends = snapshot.backends.map { Proxy($0, at: snapshot) }
            servers = snapshot.servers.map(Server.init)
            nodes = snapshot.nodes.map(Node.init)
            tiers = snapshot.tiers.map(Tier.init)
            goneServers = snapshot.goneServers.map { GoneServerEntry($0, at: snapshot.time) }
            alerts = snapshot.alerts
            logs = snapshot.logs.map(Logs.init)
        }
    }

    public struct Target: Codable, Sendable {
        public var id: String
        public var role: TargetStatus.Role
        public var url: String
        public var format: String?
        public var health: TargetStatus.Health
        public var error: String?
        public var secondsSinceSuccess: Double?
        public var skippedLines: Int
        public var resets: Int
        /// Log inputs: lines received, lines per second over the last poll, lines skipped as
        /// malformed (= `skippedLines`) and dropped in a flood.
        public var lines: Int?
        public var linesPerSecond: Double?
        public var skipped: Int?
        public var dropped: Int?
        /// A fleet: why some of its servers joined no node.
        public var note: String?

        init(_ status: TargetStatus) {
            id = status.id.rawValue; role = status.role; url = status.displayURL; format = status.format
            health = status.health; error = status.lastError
            secondsSinceSuccess = status.secondsSinceSuccess.map(round3)
            skippedLines = status.skippedLines; resets = status.resets; note = status.note
            if let log = status.log {
                lines = log.lines; linesPerSecond = log.linesPerSecond.map(round3)
                skipped = status.skippedLines; dropped = log.dropped
            }
        }
    }

    public struct Responses: Codable, Sendable, Equatable {
        public var r1xx, r2xx, r3xx, r4xx, r5xx, other: Double?
        enum CodingKeys: String, CodingKey {
            case r1xx = "1xx", r2xx = "2xx", r3xx = "3xx", r4xx = "4xx", r5xx = "5xx", other
        }
        init(_ rates: ResponseRates) {
            r1xx = rates.r1xx.map(round3); r2xx = rates.r2xx.map(round3); r3xx = rates.r3xx.map(round3)
            r4xx = rates.r4xx.map(round3); r5xx = rates.r5xx.map(round3); other = rates.other.map(round3)
        }
    }

    public struct Proxy: Codable, Sendable {
        public var target: String
        public var name: String
        public var status: String
        public var mode: String?
        public var algorithm: String?
        /// Backends: the persistence cookie's name.
        public var cookie: String?
        public var requestRate: Double?
        public var responses: Responses
        public var errorRatio: Double?
        /// HAProxy's cache here: hits ÷ lookups over the interval, lookups per second.
        public var cacheHitRatio: Double?
        public var cacheLookupRate: Double?
        public var responseTimeMs: Double?
        public var totalTimeMs: Double?
        public var sessions: Int?
        public var sessionLimit: Int?
        public var queue: Int?
        public var servers: [String]?
        /// Backends with a significant trend in their servers' load: see `CapacityForecast`.
        public var forecast: CapacityForecast?
        /// Backends: servers now (free template slots left out), free `server-template` slots,
        /// and how often the server count changed over the polls kept one by one.
        public var serverCount: Int?
        public var freeSlots: Int?
        public var serverCountChanges: Int?
        /// Backends: the newest server count change over those polls (`4` → `7` at `at`).
        public var lastServerCountChange: ServerCountChange?
        /// Backends: its own stick table's fill (over the stats socket).
        public var stickTable: StickTableFill?
        public var stale: Bool
        public var log: Log?

        public struct StickTableFill: Codable, Sendable {
            public var name: String
            public var type: String
            public var size: Int
            public var used: Int
            /// The socket refused the entries (below `level operator`): no per-server counts.
            public var contentsDenied: Bool
        }

        public struct ServerCountChange: Codable, Sendable {
            public var from: Int
            public var to: Int
            public var at: Date
        }

        init(_ proxy: ProxySnapshot, at snapshot: Snapshot) {
            target = proxy.id.target.rawValue; name = proxy.id.proxy; status = proxy.status
            mode = proxy.mode; algorithm = proxy.algorithm; cookie = proxy.persistenceCookie; requestRate = proxy.requestRate.map(round3)
            responses = Responses(proxy.responseRates); errorRatio = proxy.errorRatio.map(round4)
            cacheHitRatio = proxy.cacheHitRatio.map(round4); cacheLookupRate = proxy.cacheLookupRate.map(round3)
            responseTimeMs = proxy.responseTimeMs; totalTimeMs = proxy.totalTimeMs
            sessions = proxy.sessions; sessionLimit = proxy.sessionLimit; queue = proxy.queue
            servers = proxy.kind == .backend ? proxy.servers.map(\.server) : nil
            forecast = proxy.forecast
            if proxy.kind == .backend {
                serverCount = proxy.history.serverCount.last.flatMap { $0.isNaN ? nil : Int($0) }
                freeSlots = proxy.freeSlots
                serverCountChanges = proxy.serverCountChanges
                lastServerCountChange = proxy.lastServerCountChange.map {
                    ServerCountChange(from: $0.from, to: $0.to,
                                      at: snapshot.time.addingTimeInterval(-Double($0.pollsAgo) * snapshot.interval))
                }
            }
            stickTable = proxy.stickTable.map {
                StickTableFill(name: $0.name, type: $0.type, size: $0.size, used: $0.used, contentsDenied: $0.contentsDenied)
            }
            stale = proxy.isStale
            log = proxy.log.map(Log.init)
        }
    }

    public struct Server: Codable, Sendable {
        public var target: String
        public var backend: String
        public var name: String
        /// HAProxy's wording: `UP`, `UP 1/3`, `MAINT (via app/s1)`…
        public var state: String
        /// `UP`, `DOWN`, `NOLB`, `DRAIN`, `MAINT`, `no check` or `UNKNOWN`.
        public var stateKind: String
        public var weight: Int?
        public var backup: Bool
        public var check: String?
        public var lastCheck: String?
        public var address: String?
        public var requestRate: Double?
        public var share: Double?
        public var fairShare: Double?
        /// Of its requests over the interval, the fraction routed by persistence, not the algorithm.
        public var persistentShare: Double?
        /// Entries of its backend's stick table that route to it (socket at `level operator`).
        public var stickEntries: Int?
        public var responses: Responses
        public var errorRate: Double?
        public var responseTimeMs: Double?
        public var totalTimeMs: Double?
        public var queueTimeMs: Double?
        public var sessions: Int?
        public var sessionLimit: Int?
        public var queue: Int?
        public var queueLimit: Int?
        public var checkFailureRate: Double?
        public var secondsSinceChange: Int?
        public var node: String?
        /// Appeared less than three minutes ago (after lbtop's first poll), and how long ago.
        public var new: Bool
        public var appearedSecondsAgo: Double?
        /// A `server-template` slot that holds no server (`MAINT (resolution)`).
        public var freeSlot: Bool
        /// State changes in the last five minutes.
        public var stateChanges: Int
        public var stale: Bool
        public var log: Log?

        init(_ server: ServerSnapshot) {
            target = server.id.target.rawValue; backend = server.id.backend; name = server.id.server
            state = server.state.label; stateKind = server.state.kind.rawValue; weight = server.weight
            backup = server.isBackup; check = server.checkStatus; lastCheck = server.lastCheck
            address = server.address; requestRate = server.requestRate.map(round3)
            share = server.share.map(round4); fairShare = server.fairShare.map(round4)
            persistentShare = server.persistentShare.map(round4); stickEntries = server.stickEntries
            responses = Responses(server.responseRates); errorRate = server.errorRate.map(round3)
            responseTimeMs = server.responseTimeMs; totalTimeMs = server.totalTimeMs
            queueTimeMs = server.queueTimeMs; sessions = server.sessions
            sessionLimit = server.sessionLimit; queue = server.queue; queueLimit = server.queueLimit
            checkFailureRate = server.checkFailureRate.map(round3)
            secondsSinceChange = server.secondsSinceChange; node = server.node?.rawValue
            new = server.isNew; appearedSecondsAgo = server.secondsSinceAppeared.map(round3)
            freeSlot = server.state.isFreeSlot; stateChanges = server.recentStateChanges
            stale = server.isStale
            log = server.log.map(Log.init)
        }
    }

    public struct Node: Codable, Sendable {
        public var id: String
        public var name: String
        public var host: String?
        public var cpuPercent: Double?
        public var cpuCount: Int?
        public var memoryPercent: Double?
        public var memoryUsedBytes: Double?
        public var memoryTotalBytes: Double?
        public var load1: Double?
        public var load5: Double?
        public var load15: Double?
        public var networkReceiveBytesPerSecond: Double?
        public var networkTransmitBytesPerSecond: Double?
        /// Per interface (`lo` included): bytes, packets and errors + drops per second.
        public var interfaces: [Interface]
        public var servers: [String]
        public var stale: Bool

        public struct Interface: Codable, Sendable {
            public var name: String
            public var receiveBytesPerSecond, transmitBytesPerSecond: Double
            public var receivePacketsPerSecond, transmitPacketsPerSecond: Double
            public var errorsPerSecond: Double
        }

        init(_ node: NodeSnapshot) {
            id = node.id.rawValue; name = node.name; host = node.host
            cpuPercent = node.cpuPercent.map(round3); cpuCount = node.cpuCount
            memoryPercent = node.memoryPercent.map(round3); memoryUsedBytes = node.memoryUsedBytes
            memoryTotalBytes = node.memoryTotalBytes; load1 = node.load1; load5 = node.load5
            load15 = node.load15
            networkReceiveBytesPerSecond = node.networkReceiveBytesPerSecond.map(round3)
            networkTransmitBytesPerSecond = node.networkTransmitBytesPerSecond.map(round3)
            interfaces = node.interfaces.map {
                Interface(name: $0.name, receiveBytesPerSecond: round3($0.receiveBytesPerSecond),
                          transmitBytesPerSecond: round3($0.transmitBytesPerSecond),
                          receivePacketsPerSecond: round3($0.receivePacketsPerSecond),
                          transmitPacketsPerSecond: round3($0.transmitPacketsPerSecond),
                          errorsPerSecond: round3($0.errorsPerSecond))
            }
            servers = node.servers.map(\.description); stale = node.isStale
        }
    }
}

extension SnapshotJSON {
    /// A server no longer listed: who, its last state, and when it went.
    public struct GoneServerEntry: Codable, Sendable {
        public var target: String
        public var backend: String
        public var name: String
        public var lastState: String
        public var secondsAgo: Double
        public var at: Date

        init(_ gone: GoneServer, at time: Date) {
            target = gone.id.target.rawValue; backend = gone.id.backend; name = gone.id.server
            lastState = gone.lastState.label; secondsAgo = round3(gone.secondsAgo)
            at = time.addingTimeInterval(-gone.secondsAgo)
        }
    }

    /// A cache or session tier: rates over the last interval, counters and gauges as the tier
    /// reported them (`hits`, `misses`, `evictions`, `usedMemoryBytes` are Redis INFO's
    /// `keyspace_hits`… or memcached's `get_hits`… unchanged).
    public struct Tier: Codable, Sendable {
        public var target: String
        public var name: String
        /// `redis` or `memcached`.
        public var kind: String
        /// `cache` or `session-store`.
        public var role: String
        public var version: String?
        public var hitRatio: Double?
        public var lifetimeHitRatio: Double?
        public var hits: Double?
        public var misses: Double?
        public var lookupRate: Double?
        public var opsPerSecond: Double?
        public var usedMemoryBytes: Double?
        public var maxMemoryBytes: Double?
        public var memoryRatio: Double?
        public var evictionsPerSecond: Double?
        public var evictions: Double?
        public var expirationsPerSecond: Double?
        public var clients: Int?
        public var maxClients: Int?
        public var rejectedConnectionsPerSecond: Double?
        public var rejectedConnections: Double?
        public var keys: Int?
        public var keysWithExpiry: Int?
        public var restarts: Int
        public var stale: Bool

        init(_ tier: TierSnapshot) {
            target = tier.id.rawValue; name = tier.name; kind = tier.kind.rawValue; role = tier.role.rawValue
            version = tier.version; hitRatio = tier.hitRatio.map(round4)
            lifetimeHitRatio = tier.lifetimeHitRatio.map(round4); hits = tier.hits; misses = tier.misses
            lookupRate = tier.lookupRate.map(round3); opsPerSecond = tier.opsPerSecond.map(round3)
            usedMemoryBytes = tier.usedMemoryBytes; maxMemoryBytes = tier.maxMemoryBytes
            memoryRatio = tier.memoryRatio.map(round4); evictionsPerSecond = tier.evictionsPerSecond.map(round3)
            evictions = tier.evictions; expirationsPerSecond = tier.expirationsPerSecond.map(round3)
            clients = tier.clients; maxClients = tier.maxClients
            rejectedConnectionsPerSecond = tier.rejectedConnectionsPerSecond.map(round3)
            rejectedConnections = tier.rejectedConnections; keys = tier.keys; keysWithExpiry = tier.keysWithExpiry
            restarts = tier.restarts; stale = tier.isStale
        }
    }
}

private func round3(_ value: Double) -> Double { value.isFinite ? (value * 1000).rounded() / 1000 : 0 }
private func round4(_ value: Double) -> Double { value.isFinite ? (value * 10000).rounded() / 10000 : 0 }
