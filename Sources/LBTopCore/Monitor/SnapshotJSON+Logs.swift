extension SnapshotJSON {
    /// What the request log said about a server, backend or frontend over the log window.
    /// `p50Ms`…`maxMs` are the server's response time (HAProxy `Tr`, nginx
    /// `$upstream_response_time`), or the total time where the log has none (TCP); `total` is
    /// always the whole request (HAProxy `Ta`/`Tt`, nginx `$request_time`).
    public struct Log: Codable, Sendable {
        public var requests: Int
        public var requestRate: Double
        public var windowSeconds: Double
        public var p50Ms, p90Ms, p95Ms, p99Ms, maxMs: Int?
        public var total: Percentiles?
        public var statusClasses: StatusClasses
        public var terminations: [String: Int]
        public var retries: Int
        public var redispatches: Int
        /// nginx `$upstream_cache_status`: lookups in the cache and hits (left out without any).
        public var cacheLookups: Int?
        public var cacheHits: Int?
        public var topPaths: [Top]
        public var topClients: [Top]

        public struct Percentiles: Codable, Sendable {
            public var p50Ms, p90Ms, p95Ms, p99Ms, maxMs: Int
            init(_ value: LatencyPercentiles) {
                p50Ms = value.p50; p90Ms = value.p90; p95Ms = value.p95; p99Ms = value.p99; maxMs = value.max
            }
        }

        public struct StatusClasses: Codable, Sendable {
            public var r1xx, r2xx, r3xx, r4xx, r5xx, other: Int
            enum CodingKeys: String, CodingKey {
                case r1xx = "1xx", r2xx = "2xx", r3xx = "3xx", r4xx = "4xx", r5xx = "5xx", other
            }
        }

        public struct Top: Codable, Sendable {
            public var key: String
            public var count: Int
            public var errors: Int
            public var p99Ms: Int?
        }

        init(_ figures: LogFigures) {
            requests = figures.requests
            requestRate = (figures.requestRate * 1000).rounded() / 1000
            windowSeconds = (figures.windowSeconds * 1000).rounded() / 1000
            let latency = figures.latency
            p50Ms = latency?.p50; p90Ms = latency?.p90; p95Ms = latency?.p95; p99Ms = latency?.p99
            maxMs = latency?.max
            total = figures.totalTime.map(Percentiles.init)
            let classes = figures.statusClasses
            statusClasses = StatusClasses(r1xx: classes.r1xx, r2xx: classes.r2xx, r3xx: classes.r3xx,
                                          r4xx: classes.r4xx, r5xx: classes.r5xx, other: classes.other)
            terminations = figures.terminations
            retries = figures.retries
            redispatches = figures.redispatches
            if figures.cacheLookups > 0 { cacheLookups = figures.cacheLookups; cacheHits = figures.cacheHits }
            topPaths = figures.topPaths.map { Top(key: $0.key, count: $0.count, errors: $0.errors, p99Ms: $0.p99Ms) }
            topClients = figures.topClients.map { Top(key: $0.key, count: $0.count, errors: $0.errors, p99Ms: $0.p99Ms) }
        }
    }

    public struct Logs: Codable, Sendable {
        public var all: Log?
        public var events: [Event]

        public struct Event: Codable, Sendable {
            public var kind: LogServerEvent.Kind
            public var input: String
            public var backend: String?
            public var server: String?
            public var text: String
        }

        init(_ overview: LogOverview) {
            all = overview.all.map(Log.init)
            events = overview.events.map {
                Event(kind: $0.event.kind, input: $0.origin.rawValue, backend: $0.event.backend,
                      server: $0.event.server, text: $0.event.text)
            }
        }
    }
}
