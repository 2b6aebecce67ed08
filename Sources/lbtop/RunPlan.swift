import ArgumentParser
import Foundation
import LBTopCore

/// What one run polls and how: the config file merged with the command line. Targets from both
/// are polled; for single settings (interval, theme, alert log) the command line wins.
struct RunPlan {
    var config: Config
    var interval: Double
    var timeout: Double?
    /// Seconds of history kept per series (`window` in the config; 15 minutes by default).
    var window: Double
    /// Seconds of request log behind percentiles (`log_window`; 60 s by default).
    var logWindow: Double
    var theme: String?
    var bell: Bool
    var alertLogPath: String
    var environment: [String: String]
    /// The config file the theme chosen with `t` is saved to (`--config`, else the default path).
    var configPath: String
    var paths: StandardPaths

    /// Loads the config (`--config`, else the default file when it exists) and merges `command`.
    init(_ command: DashboardCommand, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let loader = ConfigLoader(environment: environment)
        do {
            config = try loader.load(path: command.config)
        } catch let errors as ConfigErrors {
            throw ValidationError("invalid config:\n" + errors.description)
        }
        self.environment = environment
        paths = loader.paths
        configPath = command.config.map(loader.paths.expandingTilde) ?? loader.paths.configFile
        interval = command.interval?.seconds ?? config.interval ?? 1
        timeout = command.timeout?.seconds ?? config.timeout
        window = config.window ?? 900
        logWindow = config.logWindow ?? 60
        theme = command.theme ?? config.theme
        bell = config.bell ?? false
        alertLogPath = loader.paths.expandingTilde(command.alertLog ?? config.alertLog ?? loader.paths.alertLog)
    }

    /// Collectors for the config's `[[target]]`s followed by the command line's URLs.
    func balancerCollectors(urls: [String], settings: CollectorSettings) throws -> [any Collector] {
        var collectors: [any Collector] = []
        for target in config.targets {
            var own = settings
            if let credentials = target.credentials(environment: environment) {
                own.credentials = HTTPCredentials(user: credentials.username, password: credentials.password)
            }
            if let caFile = target.caFile { own.caFile = paths.expandingTilde(caFile) }
            let collector = try CollectorFactory.balancer(target.url, settings: own)
            if let name = target.name, let haproxy = collector as? HAProxyCollector {
                collectors.append(HAProxyCollector(id: TargetID(name), displayURL: haproxy.displayURL,
                                                   endpoint: haproxy.endpoint))
            } else {
                collectors.append(collector)
            }
        }
        collectors += try urls.map { try CollectorFactory.balancer($0, settings: settings) }
        return collectors
    }

    /// The config's `[[prometheus]]`s followed by the `--prometheus` URLs.
    func fleetCollectors(urls: [String], settings: CollectorSettings) throws -> [any Collector] {
        var collectors: [any Collector] = []
        for prometheus in config.prometheus {
            let credentials = prometheus.asTarget.credentials(environment: environment)
                .map { HTTPCredentials(user: $0.username, password: $0.password) } ?? settings.credentials
            collectors.append(try PrometheusFleetCollector(
                url: prometheus.url, name: prometheus.name, match: prometheus.match ?? "", limits: settings.limits,
                credentials: credentials, caFile: prometheus.caFile.map(paths.expandingTilde) ?? settings.caFile,
                nodeServers: prometheus.nodeServers))
        }
        for url in urls {
            collectors.append(try PrometheusFleetCollector(url: url, limits: settings.limits, credentials: settings.credentials,
                                                           caFile: settings.caFile))
        }
        return collectors
    }

    /// The config's `[[log]]`s followed by the `--log` arguments.
    func logCollectors(urls: [String], fromStart: Bool) throws -> [any Collector] {
        var collectors: [any Collector] = []
        for log in config.logs {
            collectors.append(LogCollector(id: log.name.map { TargetID($0) }, url: try LogInputURL(log.url),
                                           fromStart: log.fromStart ?? fromStart))
        }
        for url in urls { collectors.append(LogCollector(url: try LogInputURL(url), fromStart: fromStart)) }
        return collectors
    }

    /// The config's `[[tier]]`s: a password from the tier's own settings, else the environment's.
    func tierCollectors(settings: CollectorSettings) throws -> [any Collector] {
        try config.tiers.map { tier in
            let url = try TargetURL(tier.url)
            let credentials = url.scheme == .redis ? tier.credentials(environment: environment) ?? settings.tierCredentials : nil
            return try CollectorFactory.tier(url, name: tier.name, role: tier.role, credentials: credentials, settings: settings)
        }
    }

    /// The config's `[[node]]`s (with their explicit server joins) followed by the `--node`
    /// arguments (`local`, `URL`, `NAME=URL`).
    func nodeSpecs(arguments: [String]) throws -> [NodeTargetSpec] {
        do {
            return try (config.nodes.map { try NodeTargetSpec.parse("\($0.name)=\($0.url)", servers: $0.servers) }
                + arguments.map { try NodeTargetSpec.parse($0) }).withUniqueNames()
        } catch let error as NodeSpecError {
            throw ValidationError(error.description)
        }
    }

    /// The alert engine for this run, and where its actions are audited (the same log and hook).
    /// `--once` reads acknowledgements but writes nothing: a probe run from a script must not fill
    /// the log with firings nobody saw. With a recorder, transitions are recorded too.
    func alerting(once: Bool, recorder: Recorder? = nil) -> (engine: AlertEngine, audit: ActionAudit) {
        let file = FileAlertLog(path: alertLogPath)
        let log: any AlertLog = once ? ReadOnlyAlertLog(file) : file
        let hook = once ? nil : config.onAlert.map { AlertHook(command: $0, timeout: config.onAlertTimeout ?? 10) }
        var engineLog = log
        if let recorder { engineLog = RecordingAlertLog(log, recorder: recorder) }
        return (AlertEngine(rules: config.alertRules, log: engineLog, hook: hook), ActionAudit(log: engineLog, hook: hook))
    }

    /// The targets actions may be sent to: each `[[target]]` with `actions = true`, and with
    /// `--allow-actions` every URL of the command line. `balancers` is what `balancerCollectors`
    /// returned (the config's targets first). `--once` never acts.
    func actionPolicy(balancers: [any Collector], allowActions: Bool, once: Bool) -> ActionPolicy {
        guard !once else { return .off }
        var transports: [TargetID: any ServerActionTransport] = [:]
        for (index, collector) in balancers.enumerated() {
            let allowed = index < config.targets.count ? config.targets[index].actions == true : allowActions
            guard allowed, let haproxy = collector as? HAProxyCollector else { continue }
            switch haproxy.endpoint {
            case .socket(let socket): transports[haproxy.id] = SocketActionTransport(socket)
            case .http(let page): transports[haproxy.id] = StatsPageActionTransport(page)
            }
        }
        return ActionPolicy(transports)
    }

    /// The recording for `--record FILE` (else `record` in the config), its name expanded.
    func recorder(argument: String?, collectors: [any Collector], nodes: [NodeTargetSpec],
                  options: MonitorOptions) throws -> Recorder? {
        guard let pattern = argument ?? config.record else { return nil }
        let path = RecordingPath.expand(paths.expandingTilde(pattern), at: Int(Date().timeIntervalSince1970))
        do {
            return try Recorder(path: path, maxSize: config.recordMaxSize ?? Recorder.defaultMaxSize,
                                targets: collectors.map(RecordedTarget.init), nodes: nodes, options: options)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Saves a theme switched with `t` into the config file (created if missing); a failure to
    /// write is ignored: the terminal belongs to curses, and the switch itself still happened.
    func themeSaver() -> @Sendable (String) -> Void {
        let path = configPath
        return { name in
            let url = URL(fileURLWithPath: path)
            let old = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? ConfigThemeSetting.updating(old, theme: name).write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
