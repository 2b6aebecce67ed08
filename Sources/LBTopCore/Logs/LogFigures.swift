import Histogram

/// What the request log said about one server, backend or frontend over the log window. Immutable
/// and behind one reference, like `ServerHistory`: snapshots are copied per poll.
public final class LogFigures: Sendable {
    /// Requests in the window.
    public let requests: Int
    /// Seconds the window covers so far (shorter than the configured window right after start).
    public let windowSeconds: Double
    /// Server response time (HAProxy `Tr`, nginx `$upstream_response_time`); nil in TCP mode.
    public let serverTime: LatencyPercentiles?
    /// Whole request (HAProxy `Ta`/`Tt`, nginx `$request_time`).
    public let totalTime: LatencyPercentiles?
    public let statusClasses: LogStatusClasses
    /// Termination causes other than `--`, by their two letters (`sH`, `SC`, `CD`).
    public let terminations: [String: Int]
    public let retries: Int
    public let redispatches: Int
    /// nginx `$upstream_cache_status`: requests that looked in the cache (`BYPASS` did not), and
    /// those the cache served (`HIT`, `STALE`, `UPDATING`, `REVALIDATED`).
    public let cacheLookups: Int
    public let cacheHits: Int
    public let topPaths: [LogTopEntry]
    public let topClients: [LogTopEntry]
    /// Slowest requests of the window, slowest first.
    public let slowest: [LogSlowRequest]

    public init(requests: Int, windowSeconds: Double, serverTime: LatencyPercentiles? = nil,
                totalTime: LatencyPercentiles? = nil, statusClasses: LogStatusClasses = .init(),
                terminations: [String: Int] = [:], retries: Int = 0, redispatches: Int = 0,
                cacheLookups: Int = 0, cacheHits: Int = 0, topPaths: [LogTopEntry] = [],
                topClients: [LogTopEntry] = [], slowest: [LogSlowRequest] = []) {
        self.requests = requests; self.windowSeconds = windowSeconds; self.serverTime = serverTime
        self.totalTime = totalTime; self.statusClasses = statusClasses; self.terminations = terminations
        self.retries = retries; self.redispatches = redispatches; self.cacheLookups = cacheLookups
        self.cacheHits = cacheHits; self.topPaths = topPaths
        self.topClients = topClients; self.slowest = slowest
    }

    /// Requests per second over the window.
    public var requestRate: Double { Double(requests) / max(windowSeconds, 0.001) }

    /// Hits ÷ lookups of the cache over the window; nil when nothing looked in it.
    public var cacheHitRatio: Double? { cacheLookups > 0 ? Double(cacheHits) / Double(cacheLookups) : nil }

    /// The latency lbtop ranks and alerts on: the server's response time, or the total time where
    /// the log has no response time (TCP).
    public var latency: LatencyPercentiles? { serverTime ?? totalTime }

    /// Fraction of requests that ended on the server's side (`s…` timeout, `S…` abort or refusal,
    /// `D…` server went down).
    public var serverTerminationRatio: Double? {
        guard requests > 0 else { return nil }
        let serverSide = terminations.reduce(0) { $0 + (TerminationCode.isServerSide($1.key) ? $1.value : 0) }
        return Double(serverSide) / Double(requests)
    }
}

/// p50/p90/p95/p99/max of one time, in milliseconds, within the histogram's precision (two
/// significant digits: 1 %).
public struct LatencyPercentiles: Sendable, Equatable {
    public var count: Int
    public var p50, p90, p95, p99, max: Int

    public init(count: Int, p50: Int, p90: Int, p95: Int, p99: Int, max: Int) {
        self.count = count; self.p50 = p50; self.p90 = p90; self.p95 = p95; self.p99 = p99; self.max = max
    }

    init?(_ histogram: Histogram<UInt32>) {
        guard histogram.totalCount > 0 else { return nil }
        count = Int(histogram.totalCount)
        p50 = Int(histogram.valueAtPercentile(50)); p90 = Int(histogram.valueAtPercentile(90))
        p95 = Int(histogram.valueAtPercentile(95)); p99 = Int(histogram.valueAtPercentile(99))
        max = Int(histogram.maxRecorded)
    }

    public enum Metric: String, Sendable, Codable, CaseIterable { case p50, p90, p95, p99, max }

    public subscript(metric: Metric) -> Int {
        switch metric {
        case .p50: p50
        case .p90: p90
        case .p95: p95
        case .p99: p99
        case .max: max
        }
    }
}

/// Requests per status class in the window; `other` = no status (TCP, nothing sent) or outside
/// 100…599.
public struct LogStatusClasses: Sendable, Equatable {
    public var r1xx = 0, r2xx = 0, r3xx = 0, r4xx = 0, r5xx = 0, other = 0

    public init(r1xx: Int = 0, r2xx: Int = 0, r3xx: Int = 0, r4xx: Int = 0, r5xx: Int = 0, other: Int = 0) {
        self.r1xx = r1xx; self.r2xx = r2xx; self.r3xx = r3xx; self.r4xx = r4xx; self.r5xx = r5xx; self.other = other
    }

    init(_ counts: [Int]) {
        r1xx = counts[0]; r2xx = counts[1]; r3xx = counts[2]; r4xx = counts[3]; r5xx = counts[4]; other = counts[5]
    }
}

/// One of the most frequent paths or clients: its count, its 5xx and the p99 of its total time.
public struct LogTopEntry: Sendable, Equatable {
    public var key: String
    public var count: Int
    public var errors: Int
    public var p99Ms: Int?
    public init(key: String, count: Int, errors: Int = 0, p99Ms: Int? = nil) {
        self.key = key; self.count = count; self.errors = errors; self.p99Ms = p99Ms
    }
}

/// One slow request of the window.
public struct LogSlowRequest: Sendable, Equatable {
    public var totalMs: Int
    public var method: String?
    public var path: String?
    public var status: Int?
    public var backend: String?
    public var server: String?
    public var client: String
    public var termination: String?

    init(_ request: LogRequest, totalMs: Int) {
        self.totalMs = totalMs; method = request.method; path = request.path; status = request.status
        backend = request.backend; server = request.server; client = request.client
        termination = request.termination
    }
}
