import Foundation

/// Everything the UI, the alert engine and `--once --json` read: a read-only value built by the
/// store after each poll. Nothing in it refers back to mutable state.
public struct Snapshot: Sendable {
    /// Wall-clock time the snapshot was built.
    public var time: Date
    /// Poll interval in seconds (the spacing of every `Series`).
    public var interval: Double
    public var targets: [TargetStatus]
    public var frontends: [ProxySnapshot]
    public var backends: [ProxySnapshot]
    /// Servers in target order, then backend and server config order.
    public var servers: [ServerSnapshot]
    public var nodes: [NodeSnapshot]
    /// Cache and session tiers (Redis, memcached), in target order.
    public var tiers: [TierSnapshot]
    /// Servers no longer listed by their balancer, newest first, for the window.
    public var goneServers: [GoneServer] = []
    /// Active and recently resolved alerts, newest first.
    public var alerts: [Alert]
    /// Actions taken from the dashboard lately, newest first.
    public var actions: [ActionRecord] = []
    /// Server values at least one server has: a view leaves out a column no target fills (Caddy
    /// has no weight, Traefik no sessions). Everything by default.
    public var filledServerValues: ServerValues = .all
    /// All requests of every log input over the log window, and HAProxy's latest server events;
    /// nil without `--log`.
    public var logs: LogOverview?
    /// Some backend uses persistence: a cookie named, or traffic routed by it seen.
    public var usesPersistence = false
    /// Servers by state, as the store counted them; nil in a snapshot made otherwise (readers
    /// count `servers` then).
    public var serverTally: ServerTally?

    public init(time: Date = Date(), interval: Double = 1, targets: [TargetStatus] = [],
                frontends: [ProxySnapshot] = [], backends: [ProxySnapshot] = [],
                servers: [ServerSnapshot] = [], nodes: [NodeSnapshot] = [], tiers: [TierSnapshot] = [],
                alerts: [Alert] = []) {
        self.time = time; self.interval = interval; self.targets = targets
        self.frontends = frontends; self.backends = backends; self.servers = servers
        self.nodes = nodes; self.tiers = tiers; self.alerts = alerts
    }

    public static let empty = Snapshot()
}

/// Server values that only some balancer formats give.
public struct ServerValues: OptionSet, Sendable, Equatable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let weight = ServerValues(rawValue: 1 << 0)
    public static let responseTime = ServerValues(rawValue: 1 << 1)
    public static let totalTime = ServerValues(rawValue: 1 << 2)
    /// Sessions or queue.
    public static let sessions = ServerValues(rawValue: 1 << 3)
    public static let all: ServerValues = [.weight, .responseTime, .totalTime, .sessions]

    /// The values `servers` fill; stops looking once all are found (at the first HAProxy server).
    public static func filled(by servers: [ServerSnapshot]) -> ServerValues {
        var found: ServerValues = []
        for server in servers {
            if server.weight != nil { found.insert(.weight) }
            if server.responseTimeMs != nil { found.insert(.responseTime) }
            if server.totalTimeMs != nil { found.insert(.totalTime) }
            if server.sessions != nil || server.queue != nil { found.insert(.sessions) }
            if found == .all { break }
        }
        return found
    }
}

/// How one polled endpoint is doing.
public struct TargetStatus: Sendable, Equatable {
    public enum Role: String, Sendable, Codable { case balancer, node, log, tier, fleet }
    public enum Health: String, Sendable, Codable {
        /// Not polled successfully yet.
        case pending
        case fresh
        /// Last poll failed or is overdue; `lastError` says why.
        case stale
    }
    public var id: TargetID
    public var role: Role
    /// URL with any credentials removed.
    public var displayURL: String
    /// Detected format, e.g. `haproxy-csv`, `prometheus`, `proc`.
    public var format: String?
    public var health: Health
    public var lastError: String?
    /// Seconds since the last successful poll.
    public var secondsSinceSuccess: Double?
    /// Lines the parser skipped as malformed, summed over the run.
    public var skippedLines: Int
    /// Counter resets seen (balancer reloads/restarts).
    public var resets: Int
    /// Log inputs: lines received and their rate.
    public var log: LogInputFigures?
    /// What the dashboard should say about a working target (a fleet's servers not joined to nodes).
    public var note: String?

    public init(id: TargetID, role: Role, displayURL: String, format: String? = nil,
                health: Health = .pending, lastError: String? = nil,
                secondsSinceSuccess: Double? = nil, skippedLines: Int = 0, resets: Int = 0) {
        self.id = id; self.role = role; self.displayURL = displayURL; self.format = format
        self.health = health; self.lastError = lastError
        self.secondsSinceSuccess = secondsSinceSuccess; self.skippedLines = skippedLines
        self.resets = resets
    }
}

/// A frontend or backend row with its derived rates.
public struct ProxySnapshot: Sendable, Identifiable {
    public enum Kind: String, Sendable, Codable { case frontend, backend }
    public var id: ProxyID
    public var kind: Kind
    /// Raw HAProxy status (`OPEN`, `UP`, `DOWN`…).
    public var status: String
    /// `http` or `tcp`.
    public var mode: String?
    /// Balance algorithm, when the endpoint reveals it.
    public var algorithm: String?
    /// Backends: the name of the persistence cookie (`cookie SRV insert`), when the endpoint
    /// reveals it.
    public var persistenceCookie: String?
    /// Requests/s (HTTP) or sessions/s (TCP).
    public var requestRate: Double?
    public var responseRates: ResponseRates
    /// 5xx / all responses over the last interval.
    public var errorRatio: Double?
    /// HAProxy's own cache (`http-request cache-use`) here: hits ÷ lookups over the last interval,
    /// and lookups per second; nil where the cache was never looked up. Without one, nginx's cache
    /// as its request log tells it (`$upstream_cache_status`, over the log window).
    public var cacheHitRatio: Double?
    public var cacheLookupRate: Double?
    /// HAProxy's `rtime`/`ttime`: averages over the last 1,024 requests, in ms.
    public var responseTimeMs: Double?
    public var totalTimeMs: Double?
    public var sessions: Int?
    public var sessionLimit: Int?
    public var queue: Int?
    /// Backends: their servers, in config order.
    public var servers: [ServerID]
    public var isStale: Bool
    public var history: ProxyHistory
    /// From the request log, when one names this frontend or backend.
    public var log: LogFigures?
    /// Backends: where its load is heading, when its servers' load shows a significant trend.
    public var forecast: CapacityForecast?
    /// Backends: `server-template` slots holding no server (`MAINT (resolution)`).
    public var freeSlots = 0
    /// Backends: its own stick table (named as the backend), over the stats socket.
    public var stickTable: StickTable?

    public init(id: ProxyID, kind: Kind, status: String, mode: String? = nil, algorithm: String? = nil,
                persistenceCookie: String? = nil, requestRate: Double? = nil, responseRates: ResponseRates = .init(),
                errorRatio: Double? = nil, cacheHitRatio: Double? = nil, cacheLookupRate: Double? = nil,
                responseTimeMs: Double? = nil, totalTimeMs: Double? = nil,
                sessions: Int? = nil, sessionLimit: Int? = nil, queue: Int? = nil,
                servers: [ServerID] = [], isStale: Bool = false, history: ProxyHistory = .init()) {
        self.id = id; self.kind = kind; self.status = status; self.mode = mode
        self.algorithm = algorithm; self.persistenceCookie = persistenceCookie
        self.requestRate = requestRate; self.responseRates = responseRates
        self.errorRatio = errorRatio; self.cacheHitRatio = cacheHitRatio; self.cacheLookupRate = cacheLookupRate
        self.responseTimeMs = responseTimeMs
        self.totalTimeMs = totalTimeMs; self.sessions = sessions; self.sessionLimit = sessionLimit
        self.queue = queue; self.servers = servers; self.isStale = isStale; self.history = history
    }
}

public struct ProxyHistory: Sendable, Equatable {
    public var requestRate: Series
    public var errorRatio: Series
    public var responseTimeMs: Series
    /// Backends: servers each poll, free `server-template` slots left out.
    public var serverCount: Series
    public init(requestRate: Series = .empty, errorRatio: Series = .empty, responseTimeMs: Series = .empty,
                serverCount: Series = .empty) {
        self.requestRate = requestRate; self.errorRatio = errorRatio; self.responseTimeMs = responseTimeMs
        self.serverCount = serverCount
    }
}

extension ProxySnapshot {
    /// How often a backend's server count changed over the polls kept one by one (up to 240).
    public var serverCountChanges: Int {
        var changes = 0
        var previous: Double?
        for value in history.serverCount where !value.isNaN {
            if let previous, previous != value { changes += 1 }
            previous = value
        }
        return changes
    }

    /// The newest change of a backend's server count over the polls kept one by one: from, to,
    /// and how many polls before the newest it was first seen (0: this poll).
    public var lastServerCountChange: (from: Int, to: Int, pollsAgo: Int)? {
        let counts = history.serverCount
        var newer: (value: Double, index: Int)?
        for index in counts.indices.reversed() where !counts[index].isNaN {
            if let known = newer, known.value != counts[index] {
                return (Int(counts[index]), Int(known.value), counts.count - 1 - known.index)
            }
            newer = (counts[index], index)
        }
        return nil
    }
}

/// One backend server with its derived rates and, when joined, its node. Its identity and text
/// sit behind one reference (`ServerText`), its series behind another (`ServerHistory`): server
/// snapshots are copied by the store, the alert rules and the views, per server per poll.
public struct ServerSnapshot: Sendable, Identifiable {
    var text: ServerText
    public var id: ServerID {
        get { text.id }
        set { text = ServerText(id: newValue, checkStatus: checkStatus, lastCheck: lastCheck, address: address) }
    }
    public var state: ServerState
    /// Effective weight (HAProxy `weight`).
    public var weight: Int?
    public var isBackup: Bool
    /// `L7OK`, `L4CON`, `* L4TOUT`… (raw, may be nil without checks).
    public var checkStatus: String? {
        get { text.checkStatus }
        set { text = ServerText(id: id, checkStatus: newValue, lastCheck: lastCheck, address: address) }
    }
    /// Detail of the last check; text from the network, sanitise before display.
    public var lastCheck: String? {
        get { text.lastCheck }
        set { text = ServerText(id: id, checkStatus: checkStatus, lastCheck: newValue, address: address) }
    }
    /// `ip:port` when the endpoint reveals it.
    public var address: String? {
        get { text.address }
        set { text = ServerText(id: id, checkStatus: checkStatus, lastCheck: lastCheck, address: newValue) }
    }
    /// Requests/s (sessions/s in TCP mode) over the last interval.
    public var requestRate: Double?
    /// Fraction 0…1 of its backend's request rate over the last interval.
    public var share: Double?
    /// Fraction 0…1 it should get by weight among the backend's serving servers.
    public var fairShare: Double?
    /// Fraction 0…1 of its requests over the last interval routed by persistence (cookie, stick
    /// table) rather than by the balancing algorithm (`stot` − `lbtot` of `stot`).
    public var persistentShare: Double?
    /// Some of its traffic came by persistence while lbtop watched.
    public var usesPersistence: Bool
    public var responseRates: ResponseRates
    /// 5xx/s (HTTP) or connection+response errors/s (TCP).
    public var errorRate: Double?
    public var responseTimeMs: Double?
    public var totalTimeMs: Double?
    public var queueTimeMs: Double?
    public var sessions: Int?
    public var sessionLimit: Int?
    public var queue: Int?
    public var queueLimit: Int?
    /// Failed health checks per second.
    public var checkFailureRate: Double?
    /// Seconds since the last state change.
    public var secondsSinceChange: Int?
    /// The node this server runs on, when joined.
    public var node: NodeID?
    public var isStale: Bool
    public var history: ServerHistory
    /// From the request log, when one names this server.
    public var log: LogFigures?
    /// Seconds since it appeared (`add server`, a template slot filled, a new host), while that
    /// is under `ServerChurn.newForSeconds`; nil for a server there from lbtop's first poll.
    public var secondsSinceAppeared: Double?
    /// Changes of its state kind (UP → DOWN → UP…) in the last `ServerChurn.flapWindowSeconds`.
    public var recentStateChanges = 0
    /// Entries of its backend's stick table that route to it, when the socket gave the contents.
    public var stickEntries: Int?
    public var isNew: Bool { secondsSinceAppeared != nil }

    public init(id: ServerID, state: ServerState, weight: Int? = nil, isBackup: Bool = false,
                checkStatus: String? = nil, lastCheck: String? = nil, address: String? = nil,
                requestRate: Double? = nil, share: Double? = nil, fairShare: Double? = nil,
                persistentShare: Double? = nil, usesPersistence: Bool = false,
                responseRates: ResponseRates = .init(), errorRate: Double? = nil,
                responseTimeMs: Double? = nil, totalTimeMs: Double? = nil, queueTimeMs: Double? = nil,
                sessions: Int? = nil, sessionLimit: Int? = nil, queue: Int? = nil, queueLimit: Int? = nil,
                checkFailureRate: Double? = nil, secondsSinceChange: Int? = nil, node: NodeID? = nil,
                isStale: Bool = false, history: ServerHistory = .init()) {
        self.init(text: ServerText(id: id, checkStatus: checkStatus, lastCheck: lastCheck, address: address),
                  state: state, weight: weight, isBackup: isBackup, requestRate: requestRate, share: share,
                  fairShare: fairShare, persistentShare: persistentShare, usesPersistence: usesPersistence,
                  responseRates: responseRates, errorRate: errorRate,
                  responseTimeMs: responseTimeMs, totalTimeMs: totalTimeMs, queueTimeMs: queueTimeMs,
                  sessions: sessions, sessionLimit: sessionLimit, queue: queue, queueLimit: queueLimit,
                  checkFailureRate: checkFailureRate, secondsSinceChange: secondsSinceChange, node: node,
                  isStale: isStale, history: history)
    }

    /// A server whose identity and text are already in one `ServerText` (the store keeps one per
    /// server until its text changes).
    init(text: ServerText, state: ServerState, weight: Int?, isBackup: Bool, requestRate: Double?,
         share: Double?, fairShare: Double?, persistentShare: Double?, usesPersistence: Bool,
         responseRates: ResponseRates, errorRate: Double?,
         responseTimeMs: Double?, totalTimeMs: Double?, queueTimeMs: Double?, sessions: Int?,
         sessionLimit: Int?, queue: Int?, queueLimit: Int?, checkFailureRate: Double?,
         secondsSinceChange: Int?, node: NodeID?, isStale: Bool, history: ServerHistory) {
        self.text = text; self.state = state; self.weight = weight; self.isBackup = isBackup
        self.requestRate = requestRate; self.share = share; self.fairShare = fairShare
        self.persistentShare = persistentShare; self.usesPersistence = usesPersistence
        self.responseRates = responseRates; self.errorRate = errorRate
        self.responseTimeMs = responseTimeMs; self.totalTimeMs = totalTimeMs
        self.queueTimeMs = queueTimeMs; self.sessions = sessions; self.sessionLimit = sessionLimit
        self.queue = queue; self.queueLimit = queueLimit; self.checkFailureRate = checkFailureRate
        self.secondsSinceChange = secondsSinceChange; self.node = node; self.isStale = isStale
        self.history = history
    }
}

extension ServerSnapshot {
    /// HAProxy has not finished this server's first health check since it started or reloaded
    /// (check status `INI`, `* INI` while it runs); it shows `UP 1/m` meanwhile.
    public var isAwaitingFirstCheck: Bool {
        guard let status = checkStatus else { return false }
        return status.hasPrefix("INI") || status.hasPrefix("* INI")
    }
}

/// A server's identity and the text HAProxy gives about it, immutable and behind one reference.
public final class ServerText: Sendable {
    public let id: ServerID
    public let checkStatus: String?
    public let lastCheck: String?
    public let address: String?

    public init(id: ServerID, checkStatus: String?, lastCheck: String?, address: String?) {
        self.id = id; self.checkStatus = checkStatus; self.lastCheck = lastCheck; self.address = address
    }
}

/// A server's series, immutable and behind one reference: a server snapshot is copied by the
/// store, the alert engine and the views, per server per poll, and each copy then retains one
/// object rather than every series' storage. A different history is a new `ServerHistory`.
public final class ServerHistory: Sendable, Equatable {
    public let requestRate: Series
    public let errorRate: Series
    public let responseTimeMs: Series
    public let sessions: Series
    public let share: Series

    public init(requestRate: Series = .empty, errorRate: Series = .empty,
                responseTimeMs: Series = .empty, sessions: Series = .empty, share: Series = .empty) {
        self.requestRate = requestRate; self.errorRate = errorRate
        self.responseTimeMs = responseTimeMs; self.sessions = sessions; self.share = share
    }

    public static func == (a: ServerHistory, b: ServerHistory) -> Bool {
        a === b || (a.requestRate == b.requestRate && a.errorRate == b.errorRate
            && a.responseTimeMs == b.responseTimeMs && a.sessions == b.sessions && a.share == b.share)
    }
}

/// A machine's resources, from `/proc` or node_exporter.
public struct NodeSnapshot: Sendable, Identifiable {
    public var id: NodeID
    /// Display name (configured, or the host of its URL, or `local`).
    public var name: String
    /// Host name or address used to join it to balancer servers.
    public var host: String?
    public var cpuPercent: Double?
    public var cpuCount: Int?
    /// Used = MemTotal − MemAvailable, as `free` computes it.
    public var memoryPercent: Double?
    public var memoryUsedBytes: Double?
    public var memoryTotalBytes: Double?
    public var load1: Double?
    public var load5: Double?
    public var load15: Double?
    public var networkReceiveBytesPerSecond: Double?
    public var networkTransmitBytesPerSecond: Double?
    /// Balancer servers joined to this node.
    public var servers: [ServerID]
    public var isStale: Bool
    public var history: NodeHistory
    /// Per-interface rates over the last interval (`lo` included), when known.
    public var interfaces: [NetworkInterfaceRates] = []

    public init(id: NodeID, name: String, host: String? = nil, cpuPercent: Double? = nil,
                cpuCount: Int? = nil, memoryPercent: Double? = nil, memoryUsedBytes: Double? = nil,
                memoryTotalBytes: Double? = nil, load1: Double? = nil, load5: Double? = nil,
                load15: Double? = nil, networkReceiveBytesPerSecond: Double? = nil,
                networkTransmitBytesPerSecond: Double? = nil, servers: [ServerID] = [],
                isStale: Bool = false, history: NodeHistory = .init()) {
        self.id = id; self.name = name; self.host = host; self.cpuPercent = cpuPercent
        self.cpuCount = cpuCount; self.memoryPercent = memoryPercent
        self.memoryUsedBytes = memoryUsedBytes; self.memoryTotalBytes = memoryTotalBytes
        self.load1 = load1; self.load5 = load5; self.load15 = load15
        self.networkReceiveBytesPerSecond = networkReceiveBytesPerSecond
        self.networkTransmitBytesPerSecond = networkTransmitBytesPerSecond
        self.servers = servers; self.isStale = isStale; self.history = history
    }
}

/// One network interface's traffic over the last interval, per second.
public struct NetworkInterfaceRates: Sendable, Equatable {
    public var name: String
    public var receiveBytesPerSecond: Double
    public var transmitBytesPerSecond: Double
    public var receivePacketsPerSecond: Double
    public var transmitPacketsPerSecond: Double
    /// Receive + transmit errors and drops per second.
    public var errorsPerSecond: Double
    public init(name: String, receiveBytesPerSecond: Double = 0, transmitBytesPerSecond: Double = 0,
                receivePacketsPerSecond: Double = 0, transmitPacketsPerSecond: Double = 0, errorsPerSecond: Double = 0) {
        self.name = name; self.receiveBytesPerSecond = receiveBytesPerSecond
        self.transmitBytesPerSecond = transmitBytesPerSecond; self.receivePacketsPerSecond = receivePacketsPerSecond
        self.transmitPacketsPerSecond = transmitPacketsPerSecond; self.errorsPerSecond = errorsPerSecond
    }
}

public struct NodeHistory: Sendable, Equatable {
    public var cpuPercent: Series
    public var memoryPercent: Series
    public var load1: Series
    public init(cpuPercent: Series = .empty, memoryPercent: Series = .empty, load1: Series = .empty) {
        self.cpuPercent = cpuPercent; self.memoryPercent = memoryPercent; self.load1 = load1
    }
}
