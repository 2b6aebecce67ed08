import Foundation

/// One alert rule: a condition measured over a `Snapshot`, thresholds per severity, a `for`
/// duration the breach must hold before it fires (as in Prometheus), and hysteresis so a value
/// hovering at a threshold does not flap.
///
/// A value at or above `critical` is critical, at or above `warning` a warning. Once an alert is
/// at a level it keeps that level until the value drops below `threshold × (1 − hysteresis)`.
public struct AlertRule: Sendable, Equatable {
    /// Stable name, used in alert ids, the alert log and the config file (`[rules.NAME]`).
    public var name: String
    public var condition: AlertCondition
    /// Threshold for a warning; nil when the rule has no warning level.
    public var warning: Double?
    /// Threshold for a critical alert; nil when the rule has no critical level.
    public var critical: Double?
    /// Seconds the breach must hold before the alert fires.
    public var forSeconds: Double
    /// Fraction of the threshold the value must fall below before a level is left (0.1 = 10 %).
    public var hysteresis: Double
    public var isEnabled: Bool

    public init(name: String, condition: AlertCondition, warning: Double? = nil, critical: Double? = nil,
                forSeconds: Double = 0, hysteresis: Double = 0.1, isEnabled: Bool = true) {
        self.name = name; self.condition = condition; self.warning = warning; self.critical = critical
        self.forSeconds = forSeconds; self.hysteresis = hysteresis; self.isEnabled = isEnabled
    }

    /// The threshold of a severity level, nil when the rule has no such level.
    public func threshold(for severity: AlertSeverity) -> Double? {
        severity == .warning ? warning : critical
    }

    /// Severity levels this rule can raise, lowest first.
    public var severities: [AlertSeverity] {
        AlertSeverity.allCases.filter { threshold(for: $0) != nil }
    }

    /// Below this value the rule can neither raise nor keep any level: the lowest threshold less
    /// its hysteresis band.
    public var clearBelow: Double {
        severities.compactMap { threshold(for: $0) }.map { $0 - abs($0) * hysteresis }.min() ?? .infinity
    }

    /// The level `value` stands at, given the level an existing alert already `holding`:
    /// the highest level whose threshold is reached, or the held level while the value stays
    /// inside its hysteresis band. Nil means the condition is clear.
    public func level(for value: Double, holding: AlertSeverity?) -> AlertSeverity? {
        var reached: AlertSeverity?
        for severity in severities {
            if let threshold = threshold(for: severity), value >= threshold { reached = severity }
        }
        guard let holding, let held = threshold(for: holding) else { return reached }
        if let reached, reached >= holding { return reached }
        let clearBelow = held - abs(held) * hysteresis
        if value >= clearBelow { return holding }
        return reached
    }
}

/// What a rule measures on a snapshot. Each case names the subjects it looks at.
public enum AlertCondition: Sendable, Equatable {
    /// A server whose state is DOWN (not MAINT or DRAIN, which are deliberate). Flag.
    case serverDown
    /// A server still UP whose health checks are failing (`UP 1/3`). Flag.
    case checksFailing
    /// A backend with no usable server (HAProxy reports it DOWN). Flag.
    case backendDown
    /// A server's share of its backend's traffic ÷ its fair share by weight, on backends with at
    /// least `minimumRate` requests/s; a server that gets most of it by persistence reads 0 here
    /// (the algorithm is not at fault) and is measured by `persistenceImbalance`.
    case imbalance(minimumRate: Double)
    /// The same share ÷ fair share, for servers that get most of their traffic by persistence
    /// (a cookie, a stick table): sticky users pile on them, not the algorithm.
    case persistenceImbalance(minimumRate: Double)
    /// A backend's 5xx ÷ all responses, on backends with at least `minimumRate` requests/s.
    case errorRatio(minimumRate: Double)
    /// A server's response time in ms.
    case latency(LatencyMetric)
    /// A server's requests that ended on the server's side (HAProxy termination `s…`, `S…`,
    /// `D…`: timeout, abort or refusal, server down) ÷ its requests in the log window, on servers
    /// with at least `minimumRequests` requests there.
    case terminations(minimumRequests: Int)
    /// A server's response time (`rtime`) ÷ its own baseline, the median of its window, once the
    /// window holds `minimumSamples` values; a current time under `floorMs` counts as normal.
    case latencyBaseline(floorMs: Double, minimumSamples: Int)
    /// Requests waiting in a server's or backend's queue.
    case queue
    /// Sessions ÷ session limit of a server or frontend.
    case sessions
    /// A node's CPU %.
    case nodeCPU
    /// A node's memory used %.
    case nodeMemory
    /// A target whose last poll failed or is overdue (tiers have their own rules). Flag.
    case targetStale
    /// Changes back and forth: a server's state changes in the last five minutes, a backend's
    /// server count changes over the polls kept one by one.
    case flapping
    /// A backend whose first server is predicted (by a significant trend) to saturate within
    /// `withinSeconds`. Flag.
    case saturationAhead(withinSeconds: Double)
    /// A cache tier (Redis, memcached) not answering. Flag.
    case tierDown
    /// The session store not answering: every server loses its sessions. Flag.
    case sessionStoreDown
    /// How far a tier's hit ratio fell under its own baseline, the median of its window (0.2 = 20
    /// points), once the window holds `minimumSamples` ratios; tiers under `minimumRate` lookups/s
    /// read 0.
    case tierHitRatioDrop(minimumRate: Double, minimumSamples: Int)
    /// Keys a tier evicts per second to make room.
    case tierEvictions
    /// A tier's used memory ÷ its limit (`maxmemory`, `limit_maxbytes`); tiers without a limit are
    /// not measured.
    case tierMemory

    /// Which time a latency rule reads.
    public enum LatencyMetric: String, Sendable, Equatable, CaseIterable {
        /// HAProxy's average response-header time over the last 1,024 requests (`rtime`); 0 in TCP mode.
        case rtime
        /// HAProxy's average total session time (`ttime`).
        case ttime
        /// Percentiles of the server's response time in the request log's window (`--log`); a
        /// server no log names falls back to `rtime`.
        case p50, p95, p99

        /// The time this metric reads on `server`, in ms.
        public func value(of server: ServerSnapshot) -> Double? {
            value(responseTimeMs: server.responseTimeMs, totalTimeMs: server.totalTimeMs, log: server.log)
        }

        /// The same from a server's values, read where they are.
        func value(responseTimeMs: Double?, totalTimeMs: Double?, log: LogFigures?) -> Double? {
            switch self {
            case .rtime: return responseTimeMs
            case .ttime: return totalTimeMs
            case .p50, .p95, .p99:
                guard let latency = log?.latency else { return responseTimeMs }
                return Double(self == .p50 ? latency.p50 : self == .p95 ? latency.p95 : latency.p99)
            }
        }

        /// What the value was: `p99`, or `rtime` where a percentile had no log to read.
        public func source(for server: ServerSnapshot) -> String {
            switch self {
            case .rtime, .ttime: return rawValue
            case .p50, .p95, .p99: return server.log?.latency == nil ? "rtime" : rawValue + " of the log"
            }
        }
    }

    /// Whether the value is 1/0 (the condition holds or not) rather than a measurement.
    public var isFlag: Bool {
        switch self {
        case .serverDown, .checksFailing, .backendDown, .targetStale, .tierDown, .sessionStoreDown, .saturationAhead: return true
        default: return false
        }
    }

    /// How the value reads.
    public var unit: AlertUnit {
        switch self {
        case .serverDown, .checksFailing, .backendDown, .targetStale, .tierDown, .sessionStoreDown, .saturationAhead:
            return .flag
        case .imbalance, .persistenceImbalance, .latencyBaseline: return .factor
        case .errorRatio, .sessions, .terminations, .tierHitRatioDrop, .tierMemory: return .ratio
        case .tierEvictions: return .perSecond
        case .latency: return .milliseconds
        case .queue, .flapping: return .count
        case .nodeCPU, .nodeMemory: return .percent
        }
    }
}

extension AlertCondition {
    /// Requests/s under which a backend's shares and error ratio say nothing (one or two requests
    /// a second land on one server or another): the default `min_rate` of `imbalance` and
    /// `error-ratio`, and where the servers table stops showing shares.
    public static let defaultMinimumRate = 1.0

    /// A server whose persistent share is at least this gets most of its traffic by persistence:
    /// `persistenceImbalance` measures it, `imbalance` does not.
    public static let persistentMajority = 0.5
}
