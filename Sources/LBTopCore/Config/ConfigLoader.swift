import Foundation
import TOMLKit

/// Reads the TOML config file into a `Config`, reporting every problem with its line.
///
/// The file is `--config FILE`, or `$XDG_CONFIG_HOME/lbtop/config.toml`
/// (default `~/.config/lbtop/config.toml`); a missing default file is an empty config.
public struct ConfigLoader: Sendable {
    public var paths: StandardPaths

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        paths = StandardPaths(environment: environment)
    }

    /// Loads `path`, or the default file when `path` is nil (absent default = empty config).
    public func load(path: String?) throws -> Config {
        let file = path.map(paths.expandingTilde) ?? paths.configFile
        guard FileManager.default.fileExists(atPath: file) else {
            if path == nil { return Config() }
            throw ConfigErrors([ConfigError(path: file, line: nil, message: "no such file")])
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigErrors([ConfigError(path: file, line: nil, message: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigErrors([ConfigError(path: file, line: nil, message: "not UTF-8 text")])
        }
        return try parse(text, path: file)
    }

    /// Parses config text; `path` only names the file in errors. Throws `ConfigErrors`.
    public func parse(_ text: String, path: String) throws -> Config {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigErrors([ConfigError(path: path, line: error.source.begin.line,
                                            message: "TOML syntax: \(error.description)")])
        }
        var reader = ConfigReader(path: path, locator: TOMLKeyLocator(text: text))
        let config = reader.config(root)
        guard reader.errors.isEmpty else {
            throw ConfigErrors(reader.errors.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return config
    }
}

/// Walks the parsed TOML tables, checking names, types and values, collecting errors.
struct ConfigReader {
    let path: String
    let locator: TOMLKeyLocator
    var errors: [ConfigError] = []

    mutating func config(_ root: TOMLTable) -> Config {
        var config = Config()
        for (key, value) in root {
            let at = [key]
            switch key {
            case "interval": config.interval = positiveDuration(value, at)
            case "timeout": config.timeout = positiveDuration(value, at)
            case "window": config.window = positiveDuration(value, at)
            case "on_alert_timeout": config.onAlertTimeout = positiveDuration(value, at)
            case "theme": config.theme = string(value, at)
            case "bell": config.bell = bool(value, at)
            case "alert_log": config.alertLog = string(value, at)
            case "on_alert": config.onAlert = string(value, at)
            case "ssh_config": config.sshConfig = string(value, at)
            case "record": config.record = string(value, at)
            case "record_max_size": config.recordMaxSize = byteSize(value, at)
            case "target": config.targets = tables(value, at).compactMap { target($0.table, $0.at) }
            case "prometheus": config.prometheus = tables(value, at).compactMap { prometheus($0.table, $0.at) }
            case "node": config.nodes = tables(value, at).compactMap { node($0.table, $0.at) }
            case "log": config.logs = tables(value, at).compactMap { log($0.table, $0.at) }
            case "log_window": config.logWindow = positiveDuration(value, at)
            case "tier": config.tiers = tables(value, at).compactMap { tier($0.table, $0.at) }
            case "rules":
                guard let rules = table(value, at) else { break }
                for (name, settings) in rules {
                    guard let table = table(settings, at + [name]) else { continue }
                    if let rule = BuiltInAlertRules.rule(named: name) {
                        config.rules[name] = ruleSettings(table, rule, at + [name])
                    } else {
                        let known = BuiltInAlertRules.all.map(\.name).joined(separator: ", ")
                        fail(at + [name], "unknown rule '\(name)' (rules: \(known))")
                    }
                }
            default:
                fail(at, "unknown key '\(key)'")
            }
        }
        return config
    }

    private mutating func target(_ table: TOMLTable, _ at: [String]) -> TargetConfig? {
        var target = TargetConfig(url: "")
        for (key, value) in table {
            switch key {
            case "url": target.url = string(value, at + [key]) ?? ""
            case "name": target.name = string(value, at + [key])
            case "username": target.username = string(value, at + [key])
            case "password": target.password = string(value, at + [key])
            case "password_env": target.passwordEnv = string(value, at + [key])
            case "ca_file": target.caFile = string(value, at + [key])
            case "actions": target.actions = bool(value, at + [key])
            default: fail(at + [key], "unknown key '\(key)' in [[target]]")
            }
        }
        guard let url = table["url"] else { fail(at, "[[target]] needs a url"); return nil }
        if url.string != nil, let problem = Self.targetURLProblem(target.url) { fail(at + ["url"], problem) }
        if target.caFile != nil, !target.url.lowercased().hasPrefix("https://") {
            fail(at + ["ca_file"], "ca_file applies to https:// targets only")
        }
        checkCredentials(target, at)
        return target
    }

    /// A password given one way only, and only with a username.
    private mutating func checkCredentials(_ target: TargetConfig, _ at: [String]) {
        if target.password != nil && target.passwordEnv != nil {
            fail(at + ["password_env"], "give password or password_env, not both")
        }
        if target.username == nil && (target.password != nil || target.passwordEnv != nil) {
            fail(at + [target.password != nil ? "password" : "password_env"], "a password needs a username")
        }
    }

    private mutating func prometheus(_ table: TOMLTable, _ at: [String]) -> PrometheusConfig? {
        var prometheus = PrometheusConfig(url: "")
        for (key, value) in table {
            switch key {
            case "url": prometheus.url = string(value, at + [key]) ?? ""
            case "name": prometheus.name = string(value, at + [key])
            case "match":
                prometheus.match = string(value, at + [key])
                if let match = prometheus.match, FleetQuery.matchInside(match) == nil {
                    fail(at + [key], "match must be a series selector such as '{job=\"haproxy\"}', got '\(match)'")
                }
            case "username": prometheus.username = string(value, at + [key])
            case "password": prometheus.password = string(value, at + [key])
            case "password_env": prometheus.passwordEnv = string(value, at + [key])
            case "ca_file": prometheus.caFile = string(value, at + [key])
            case "node":
                for entry in tables(value, at + [key]) {
                    guard let instance = entry.table["instance"]?.string else {
                        fail(entry.at, "[[prometheus.node]] needs an instance (the node_exporter's instance label, e.g. \"10.0.0.5:9100\")")
                        continue
                    }
                    var servers: [String] = []
                    for (nodeKey, nodeValue) in entry.table where nodeKey != "instance" {
                        guard nodeKey == "servers" else { fail(entry.at + [nodeKey], "unknown key '\(nodeKey)' in [[prometheus.node]]"); continue }
                        servers = serverList(nodeValue, entry.at + [nodeKey])
                    }
                    prometheus.nodeServers[instance] = servers
                }
            default: fail(at + [key], "unknown key '\(key)' in [[prometheus]]")
            }
        }
        guard table["url"] != nil else { fail(at, "[[prometheus]] needs a url (http://prom:9090)"); return nil }
        if table["url"]?.string != nil, !["http://", "https://"].contains(where: { prometheus.url.lowercased().hasPrefix($0) }) {
            fail(at + ["url"], "prometheus url '\(prometheus.url)' must start with http:// or https://")
        }
        checkCredentials(prometheus.asTarget, at)
        return prometheus
    }

    /// A `servers = ["backend/server", …]` list.
    private mutating func serverList(_ value: any TOMLValueConvertible, _ at: [String]) -> [String] {
        guard let array = array(value, at) else { return [] }
        var servers: [String] = []
        for element in array {
            guard let server = element.string, server.split(separator: "/").count == 2 else {
                fail(at, "servers must be strings like \"backend/server\", got \(element.debugDescription)")
                continue
            }
            servers.append(server)
        }
        return servers
    }

    private mutating func log(_ table: TOMLTable, _ at: [String]) -> LogConfig? {
        var log = LogConfig(url: "")
        for (key, value) in table {
            switch key {
            case "url": log.url = string(value, at + [key]) ?? ""
            case "name": log.name = string(value, at + [key])
            case "from_start": log.fromStart = bool(value, at + [key])
            default: fail(at + [key], "unknown key '\(key)' in [[log]]")
            }
        }
        guard table["url"] != nil else { fail(at, "[[log]] needs a url (udp://HOST:PORT, unix:///PATH or a file path)"); return nil }
        do {
            _ = try LogInputURL(log.url)
        } catch {
            fail(at + ["url"], error.message)
        }
        return log
    }

    private mutating func node(_ table: TOMLTable, _ at: [String]) -> NodeConfig? {
        var node = NodeConfig(name: "", url: "")
        for (key, value) in table {
            switch key {
            case "name": node.name = string(value, at + [key]) ?? ""
            case "url": node.url = string(value, at + [key]) ?? ""
            case "servers": node.servers = serverList(value, at + [key])
            default: fail(at + [key], "unknown key '\(key)' in [[node]]")
            }
        }
        if table["name"] == nil { fail(at, "[[node]] needs a name") }
        guard table["url"] != nil else {
            fail(at, "[[node]] needs a url (\"local\", a node_exporter URL or ssh://host)")
            return nil
        }
        let isNodeURL = node.url == "local" || ["http://", "https://", "ssh://"].contains { node.url.hasPrefix($0) }
        if table["url"]?.string != nil, !isNodeURL {
            fail(at + ["url"], "node url '\(node.url)' must be \"local\" or start with http://, https:// or ssh://")
        }
        return node
    }

    private mutating func tier(_ table: TOMLTable, _ at: [String]) -> TierConfig? {
        var tier = TierConfig(url: "")
        for (key, value) in table {
            switch key {
            case "url": tier.url = string(value, at + [key]) ?? ""
            case "name": tier.name = string(value, at + [key])
            case "role":
                guard let text = string(value, at + [key]) else { break }
                if let role = TierRole(rawValue: text) {
                    tier.role = role
                } else {
                    fail(at + [key], "role must be \"cache\" or \"session-store\", got \"\(text)\"")
                }
            case "username": tier.username = string(value, at + [key])
            case "password": tier.password = string(value, at + [key])
            case "password_env": tier.passwordEnv = string(value, at + [key])
            default: fail(at + [key], "unknown key '\(key)' in [[tier]]")
            }
        }
        guard table["url"] != nil else { fail(at, "[[tier]] needs a url (redis://host:6379 or memcached://host:11211)"); return nil }
        if table["url"]?.string != nil {
            let scheme = try? TargetURL(tier.url).scheme
            if scheme != .redis && scheme != .memcached {
                fail(at + ["url"], "tier url '\(tier.url)' must start with redis:// or memcached://")
            }
        }
        if tier.password != nil && tier.passwordEnv != nil {
            fail(at + ["password_env"], "give password or password_env, not both")
        }
        return tier
    }

    private mutating func ruleSettings(_ table: TOMLTable, _ rule: AlertRule, _ at: [String]) -> RuleSettings {
        var settings = RuleSettings()
        for (key, value) in table {
            let here = at + [key]
            switch (key, rule.condition) {
            case ("enabled", _): settings.enabled = bool(value, here)
            case ("for", _): settings.forSeconds = duration(value, here)
            case ("hysteresis", _):
                settings.hysteresis = number(value, here, in: 0...0.99, "a fraction from 0 to 0.99")
            case ("severity", let condition) where condition.isFlag:
                guard let text = string(value, here) else { break }
                settings.severity = AlertSeverity(rawValue: text)
                if settings.severity == nil {
                    fail(here, "severity must be \"warning\" or \"critical\", got \"\(text)\"")
                }
            case ("warning", let condition) where !condition.isFlag: settings.warning = threshold(value, here)
            case ("critical", let condition) where !condition.isFlag: settings.critical = threshold(value, here)
            case ("min_rate", .imbalance), ("min_rate", .persistenceImbalance), ("min_rate", .errorRatio),
                 ("min_rate", .tierHitRatioDrop):
                settings.minimumRate = number(value, here, in: 0...Double.greatestFiniteMagnitude, "≥ 0")
            case ("metric", .latency):
                guard let text = string(value, here) else { break }
                settings.metric = AlertCondition.LatencyMetric(rawValue: text)
                if settings.metric == nil { fail(here, "metric must be \"p99\", \"p95\", \"p50\", \"rtime\" or \"ttime\", got \"\(text)\"") }
            case ("min_requests", .terminations):
                settings.minimumRequests = number(value, here, in: 1...1_000_000, "from 1 to 1000000").map { Int($0) }
            case ("floor_ms", .latencyBaseline):
                settings.floorMs = number(value, here, in: 0...Double.greatestFiniteMagnitude, "≥ 0")
            case ("min_samples", .latencyBaseline), ("min_samples", .tierHitRatioDrop):
                settings.minimumSamples = number(value, here, in: 1...100_000, "from 1 to 100000").map { Int($0) }
            default:
                fail(here, "unknown key '\(key)' for rule \(rule.name) (keys: \(Self.keys(of: rule)))")
            }
        }
        let result = settings.applied(to: rule)
        if result.isEnabled && result.severities.isEmpty {
            fail(at, "rule \(rule.name) has neither a warning nor a critical threshold; set enabled = false instead")
        }
        if let warning = result.warning, let critical = result.critical, critical < warning {
            fail(at + ["critical"], "rule \(rule.name): critical threshold \(critical) is below warning \(warning)")
        }
        return settings
    }

    static func keys(of rule: AlertRule) -> String {
        var keys = ["enabled", "for", "hysteresis"]
        keys += rule.condition.isFlag ? ["severity"] : ["warning", "critical"]
        switch rule.condition {
        case .imbalance, .persistenceImbalance, .errorRatio: keys.append("min_rate")
        case .latency: keys.append("metric")
        case .terminations: keys.append("min_requests")
        case .latencyBaseline: keys += ["floor_ms", "min_samples"]
        case .tierHitRatioDrop: keys += ["min_rate", "min_samples"]
        default: break
        }
        return keys.joined(separator: ", ")
    }

    /// Why `url` cannot be polled as a balancer target, or nil when it can.
    static func targetURLProblem(_ url: String) -> String? {
        do {
            let parsed = try TargetURL(url)
            switch parsed.scheme {
            case .local: return "`local` is a node: put it in a [[node]]"
            case .redis, .memcached: return "\(url) is a tier: put it in a [[tier]]"
            default: return nil
            }
        } catch {
            return error.message
        }
    }
}
