/// Everything the config file can say, as one value. Absent settings are nil and take the
/// command line's value or the built-in default.
public struct Config: Sendable, Equatable {
    /// Balancer status endpoints to poll (merged with URLs given on the command line).
    public var targets: [TargetConfig] = []
    /// Prometheus servers standing in for fleets (merged with `--prometheus`).
    public var prometheus: [PrometheusConfig] = []
    /// Nodes whose resources are watched, with the balancer servers they host.
    public var nodes: [NodeConfig] = []
    /// Request logs to read (merged with `--log`).
    public var logs: [LogConfig] = []
    /// Seconds of request log behind percentiles and top lists (`log_window`, default 60 s).
    public var logWindow: Double?
    /// Cache and session tiers (Redis, memcached).
    public var tiers: [TierConfig] = []
    /// Poll interval, seconds.
    public var interval: Double?
    /// Per-fetch timeout, seconds.
    public var timeout: Double?
    /// How much history the store keeps, seconds.
    public var window: Double?
    /// Theme name or path.
    public var theme: String?
    /// Ring the terminal bell on a new critical alert.
    public var bell: Bool?
    /// Alert log file; default under the XDG state directory.
    public var alertLog: String?
    /// Command run for every alert transition, the transition as JSON on stdin.
    public var onAlert: String?
    /// Seconds before an `on_alert` command is killed.
    public var onAlertTimeout: Double?
    /// The ssh client config for `ssh://` nodes, passed as `ssh -F` (nil: the user's own).
    public var sshConfig: String?
    /// Recording file (`%Y%m%d-%H%M%S` expands to the start time), as `--record`.
    public var record: String?
    /// Bytes a recording may grow to before its oldest data is dropped.
    public var recordMaxSize: Int64?
    /// Overrides of built-in rules, by rule name.
    public var rules: [String: RuleSettings] = [:]

    public init() {}

    /// The built-in rules with this config's overrides applied.
    public var alertRules: [AlertRule] {
        BuiltInAlertRules.all.map { rule in rules[rule.name].map { $0.applied(to: rule) } ?? rule }
    }
}

/// One `[[target]]`: a balancer status endpoint.
public struct TargetConfig: Sendable, Equatable {
    public var url: String
    /// Display name; the URL when absent.
    public var name: String?
    public var username: String?
    /// A password written in the file (prefer `passwordEnv`).
    public var password: String?
    /// Name of the environment variable holding the password.
    public var passwordEnv: String?
    /// PEM file of extra trusted roots for an `https://` target behind a private CA (`~` allowed).
    public var caFile: String?
    /// Drain, ready, maint and weight from the dashboard (off unless true).
    public var actions: Bool?

    public init(url: String, name: String? = nil, username: String? = nil, password: String? = nil,
                passwordEnv: String? = nil, caFile: String? = nil, actions: Bool? = nil) {
        self.url = url; self.name = name; self.username = username
        self.password = password; self.passwordEnv = passwordEnv; self.caFile = caFile; self.actions = actions
    }

    /// Basic-auth credentials, reading `passwordEnv` from `environment`; nil without a username.
    public func credentials(environment: [String: String]) -> (username: String, password: String)? {
        guard let username else { return nil }
        let secret = password ?? passwordEnv.flatMap { environment[$0] } ?? ""
        return (username, secret)
    }
}

/// One `[[prometheus]]`: a Prometheus server whose HAProxy exporter and node_exporter series
/// stand in for a fleet of balancers and nodes.
public struct PrometheusConfig: Sendable, Equatable {
    public var url: String
    public var name: String?
    /// A series selector for the balancer series, e.g. `{job="haproxy"}`.
    public var match: String?
    public var username: String?
    public var password: String?
    public var passwordEnv: String?
    public var caFile: String?
    /// `[[prometheus.node]]`: the servers each node instance runs, as `backend/server`.
    public var nodeServers: [String: [String]] = [:]

    public init(url: String, name: String? = nil, match: String? = nil) {
        self.url = url; self.name = name; self.match = match
    }

    /// As a target's, for basic auth.
    public var asTarget: TargetConfig {
        TargetConfig(url: url, name: name, username: username, password: password, passwordEnv: passwordEnv, caFile: caFile)
    }
}

/// One `[[log]]`: a request-log input.
public struct LogConfig: Sendable, Equatable {
    /// `udp://127.0.0.1:5514`, `unix:///run/lbtop/log.sock` or a file path.
    public var url: String
    public var name: String?
    /// Read a followed file from its start instead of its end.
    public var fromStart: Bool?

    public init(url: String, name: String? = nil, fromStart: Bool? = nil) {
        self.url = url; self.name = name; self.fromStart = fromStart
    }
}

/// One `[[node]]`: a machine's metrics endpoint and the balancer servers it runs.
public struct NodeConfig: Sendable, Equatable {
    public var name: String
    /// `local` or a node_exporter `/metrics` URL.
    public var url: String
    /// Servers it hosts, as `backend/server`.
    public var servers: [String]

    public init(name: String, url: String, servers: [String] = []) {
        self.name = name; self.url = url; self.servers = servers
    }
}

/// One `[[tier]]`: a Redis or memcached the service uses as a cache or as its session store.
public struct TierConfig: Sendable, Equatable {
    /// `redis://host:6379` or `memcached://host:11211`.
    public var url: String
    /// Display name; `host:port` when absent.
    public var name: String?
    public var role: TierRole = .cache
    /// Redis ACL user (the `default` user when absent).
    public var username: String?
    /// A password written in the file (prefer `passwordEnv`).
    public var password: String?
    /// Name of the environment variable holding the password.
    public var passwordEnv: String?

    public init(url: String, name: String? = nil, role: TierRole = .cache, username: String? = nil,
                password: String? = nil, passwordEnv: String? = nil) {
        self.url = url; self.name = name; self.role = role; self.username = username
        self.password = password; self.passwordEnv = passwordEnv
    }

    /// The password from the file or from `passwordEnv` in `environment`; nil when neither is set.
    public func credentials(environment: [String: String]) -> TierCredentials? {
        guard let secret = password ?? passwordEnv.flatMap({ environment[$0] }), !secret.isEmpty else { return nil }
        return TierCredentials(username: username, password: secret)
    }
}

/// Overrides of one built-in rule (`[rules.NAME]`); nil fields keep the default.
public struct RuleSettings: Sendable, Equatable {
    /// A threshold setting: a value, or `false` to drop that severity level.
    public enum Threshold: Sendable, Equatable {
        case value(Double)
        case off
    }

    public var enabled: Bool?
    public var forSeconds: Double?
    public var warning: Threshold?
    public var critical: Threshold?
    /// For on/off rules (`server-down`…): the severity they raise.
    public var severity: AlertSeverity?
    public var hysteresis: Double?
    /// `imbalance`, `error-ratio`: backends under this many requests/s are ignored;
    /// `tier-hit-ratio-drop`: tiers under this many lookups/s.
    public var minimumRate: Double?
    /// `latency`: `p99` (default), `p95`, `p50`, `rtime` or `ttime`.
    public var metric: AlertCondition.LatencyMetric?
    /// `latency-baseline`: response times under this many ms never alert.
    public var floorMs: Double?
    /// `latency-baseline`, `tier-hit-ratio-drop`: samples the window needs before a baseline counts.
    public var minimumSamples: Int?
    /// `terminations`: servers with fewer requests in the log window are ignored.
    public var minimumRequests: Int?

    public init() {}

    /// `rule` with these overrides.
    public func applied(to rule: AlertRule) -> AlertRule {
        var rule = rule
        if let enabled { rule.isEnabled = enabled }
        if let forSeconds { rule.forSeconds = forSeconds }
        if let hysteresis { rule.hysteresis = hysteresis }
        if let warning { rule.warning = warning.number }
        if let critical { rule.critical = critical.number }
        if let severity {
            let threshold = rule.warning ?? rule.critical ?? 1
            rule.warning = severity == .warning ? threshold : nil
            rule.critical = severity == .critical ? threshold : nil
        }
        switch rule.condition {
        case .imbalance(let rate): rule.condition = .imbalance(minimumRate: minimumRate ?? rate)
        case .persistenceImbalance(let rate): rule.condition = .persistenceImbalance(minimumRate: minimumRate ?? rate)
        case .errorRatio(let rate): rule.condition = .errorRatio(minimumRate: minimumRate ?? rate)
        case .latency(let current): rule.condition = .latency(metric ?? current)
        case .terminations(let requests): rule.condition = .terminations(minimumRequests: minimumRequests ?? requests)
        case .latencyBaseline(let floor, let samples):
            rule.condition = .latencyBaseline(floorMs: floorMs ?? floor, minimumSamples: minimumSamples ?? samples)
        case .tierHitRatioDrop(let rate, let samples):
            rule.condition = .tierHitRatioDrop(minimumRate: minimumRate ?? rate, minimumSamples: minimumSamples ?? samples)
        default: break
        }
        return rule
    }
}

extension RuleSettings.Threshold {
    var number: Double? {
        if case .value(let value) = self { return value }
        return nil
    }
}
