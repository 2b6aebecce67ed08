import ArgumentParser
import Foundation
import LBTopCore
import LBTopUI

/// `lbtop`: the live dashboard, or one JSON snapshot with `--once --json`; the subcommands are
/// listed after its options in `--help`.
struct DashboardCommand: AsyncParsableCommand {
    static let subcommands: [any ParsableCommand.Type] = [CheckCommand.self, ReplayCommand.self, ReportCommand.self]
    static let versionLine = "lbtop \(BuildInfo.version) (commit \(BuildInfo.commit))"

    static let configuration = CommandConfiguration(
        commandName: "lbtop",
        abstract: "A terminal dashboard for load-balanced services: which servers take traffic, how fast they answer, which fail.",
        usage: """
        lbtop [<url> ...] [<options>]
        lbtop --once --json <url> ...
        lbtop <subcommand>
        """,
        discussion: """
        Examples:
          lbtop --demo                                   the built-in cluster and its scripted incident
          lbtop 'http://127.0.0.1:8404/stats;csv'        HAProxy's stats page (quote the ;)
          lbtop unix:///run/haproxy/admin.sock --node local --log udp://127.0.0.1:5514
          lbtop --once --json unix:///run/haproxy/admin.sock | jq .servers
          lbtop --record 'lb-%Y%m%d-%H%M%S.lbrec' unix:///run/haproxy/admin.sock
          lbtop replay lb-20261202-040619.lbrec --at 04:07
          lbtop check --config lbtop.toml

        Targets (the scheme picks the transport; the format is detected from the bytes):
          http://127.0.0.1:8404/stats;csv                HAProxy stats page (https:// too)
          unix:///run/haproxy/admin.sock                 HAProxy stats socket (show stat, show info)
          http://127.0.0.1:8405/metrics                  HAProxy Prometheus exporter
          http://host:9901/clusters?format=json          Envoy admin
          http://host:8080/metrics                       Traefik
          http://127.0.0.1:2019/reverse_proxy/upstreams  Caddy admin
          http://host:8080/api/9/http/upstreams          NGINX Plus API
          http://host/nginx_status                       nginx stub_status
          redis://host:6379, memcached://host:11211      cache and session tiers

        Credentials come from the config file or from LBTOP_HTTP_USER / LBTOP_HTTP_PASSWORD,
        never from the command line.

        Files:
          \(StandardPaths.current.configFile)  the config file (or --config FILE)
          \(StandardPaths.current.alertLog)  the alert log (or --alert-log FILE, alert_log in the config)
        """,
        version: versionLine,
        subcommands: subcommands
    )

    @Argument(help: ArgumentHelp("What to watch: balancer status endpoints (http://, https://, unix://; see Targets above) and cache or session tiers (redis://, memcached://).",
                                 valueName: "url"))
    var urls: [String] = []

    @Option(name: .customLong("node"), help: "A node to watch: `local`, a node_exporter URL or ssh://[user@]host[:port] (repeatable).")
    var nodes: [String] = []

    @Option(name: .customLong("prometheus"), help: ArgumentHelp(
        "A Prometheus server standing in for a fleet: http(s)://prom:9090 (repeatable).",
        discussion: "lbtop reads its query API once per interval: every HAProxy exporter instance's servers (named by the instance label) and every node_exporter's node. A match selector, credentials and server-to-node joins go in [[prometheus]] in the config."))
    var prometheus: [String] = []

    @Option(name: .customLong("log"), help: "A request log to read: udp://HOST:PORT, unix:///PATH or a file path (repeatable).")
    var logs: [String] = []

    @Flag(help: "Read followed log files from their start, not their end.")
    var logFromStart = false

    @Option(help: ArgumentHelp("Config file (TOML; default \(StandardPaths.current.configFile)).", valueName: "file"))
    var config: String?

    @Option(help: "Poll interval, e.g. 1s, 500ms, 2 (default 1s, or the config's).")
    var interval: IntervalArgument?

    @Option(help: "Longest one fetch may take, e.g. 2s (default: the interval, between 0.5s and 5s, or the config's).")
    var timeout: IntervalArgument?

    @Option(help: ArgumentHelp("Alert log: every alert transition as one JSON line (default \(StandardPaths.current.alertLog)).",
                               valueName: "file"))
    var alertLog: String?

    @Option(help: ArgumentHelp("Theme: a name (built in: \(ThemeLibrary.builtinNames.joined(separator: ", "))) or a .theme file.",
                               valueName: "theme"))
    var theme: String?

    @Flag(help: "Draw graphs, bars and boxes in ASCII (also when the locale is not UTF-8).")
    var ascii = false

    @Flag(help: "Poll twice one interval apart, print one snapshot and exit.")
    var once = false

    @Flag(help: "Print snapshots as JSON: with --once one document, else one line per interval until interrupted.")
    var json = false

    @Option(help: ArgumentHelp("Record everything received to FILE, an SQLite file replay and report read; %Y%m%d-%H%M%S in the name is the start time (or record = \"PATH\" in the config).",
                               valueName: "file"))
    var record: String?

    @Flag(help: "Run the built-in demo cluster on loopback.")
    var demo = false

    @Flag(help: "Allow drain, ready, maint and weight on the command line's targets (each action is confirmed and audited).")
    var allowActions = false

    func validate() throws {
        if once && !json { throw ValidationError("--once prints JSON: add --json") }
        if once && record != nil { throw ValidationError("--once records nothing: drop --record, or stream with --json") }
        if !demo && urls.isEmpty && nodes.isEmpty && logs.isEmpty && prometheus.isEmpty && config == nil
            && !FileManager.default.fileExists(atPath: StandardPaths.current.configFile) {
            throw ValidationError("give at least one target URL, --node, --log, --prometheus, --config or --demo")
        }
    }

    func run() async throws {
        let plan = try RunPlan(self)
        let options = MonitorOptions(interval: plan.interval, timeout: plan.timeout, window: plan.window,
                                     logWindow: plan.logWindow)
        let settings = CollectorSettings(limits: TransportLimits(timeout: options.timeout),
                                         sshConfig: plan.config.sshConfig.map(plan.paths.expandingTilde))
        var collectors: [any Collector] = []
        let nodeSpecs = try plan.nodeSpecs(arguments: nodes)
        var joinedNodes = nodeSpecs
        var demoServer: DemoServer?
        var balancers: [any Collector] = []
        do {
            if demo {
                let running = try await DemoLauncher.start(settings: settings)
                collectors += running.collectors
                joinedNodes += running.nodes
                demoServer = running.server
            }
            balancers = try plan.balancerCollectors(urls: urls, settings: settings)
            collectors += balancers
            collectors += try plan.fleetCollectors(urls: prometheus, settings: settings)
            collectors += try plan.tierCollectors(settings: settings)
            collectors += try nodeSpecs.map { try CollectorFactory.node($0, settings: settings) }
            collectors += try plan.logCollectors(urls: logs, fromStart: logFromStart)
        } catch let error as CollectError {
            throw ValidationError(error.message)
        }
        defer { withExtendedLifetime(demoServer) {} }
        if collectors.isEmpty { throw ValidationError("no targets: give a URL, --node, --log, --prometheus, --demo or [[target]] in the config") }
        let recorder = once ? nil : try plan.recorder(argument: record, collectors: collectors, nodes: joinedNodes,
                                                      options: options)
        let alerting = plan.alerting(once: once, recorder: recorder)
        let policy = plan.actionPolicy(balancers: balancers, allowActions: allowActions, once: once)
        // Even with every target off, an action key is refused and that refusal audited.
        let actions = once ? nil : ActionExecutor(policy: policy, collectors: balancers, audit: alerting.audit)
        let monitor = Monitor(collectors: collectors, nodes: joinedNodes, options: options,
                              alerts: alerting.engine, actions: actions, recorder: recorder)
        if once {
            try await OnceReport.run(monitor)
            return
        }
        if json {
            await JSONStream.run(monitor, interval: options.interval) {
                await monitor.stop()
                recorder.map(Self.close)
            }
            return
        }
        await monitor.start()
        let release = Task { await FreeMemoryRelease.run() }
        defer { release.cancel() }
        do {
            try await Dashboard.run(feed: monitor, options: DashboardOptions(theme: plan.theme, ascii: ascii, bell: plan.bell, persistTheme: plan.themeSaver()))
        } catch {
            await monitor.stop()
            recorder.map(Self.close)
            throw error
        }
        await monitor.stop()
        recorder.map(Self.close)
    }
}

extension DashboardCommand {
    /// Closes the recording; says on stderr when it stopped early (a full disk).
    static func close(_ recorder: Recorder) {
        recorder.close()
        if let failure = recorder.failure { FileHandle.standardError.write(Data("lbtop: \(failure)\n".utf8)) }
    }
}

/// A duration on the command line: `1s`, `500ms`, `2m`, or plain seconds.
struct IntervalArgument: ExpressibleByArgument, Sendable {
    var seconds: Double

    init(seconds: Double) { self.seconds = seconds }

    init?(argument: String) {
        guard let seconds = DurationText.parse(argument.lowercased()), seconds >= 0.1, seconds <= 3600 else {
            return nil
        }
        self.seconds = seconds
    }

    var defaultValueDescription: String { DurationText.seconds(seconds) }
}
