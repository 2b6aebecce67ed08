import ArgumentParser
import Foundation
import LBTopCore
import LBTopUI

/// The default command: the live dashboard, or one JSON snapshot with `--once --json`.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Watch balancer targets live (the default command)."
    )

    @Argument(help: "Balancer targets: http(s)://… (a stats page or status endpoint; see lbtop --help) or unix:///path/to/stats.sock; cache and session tiers redis://host:6379, memcached://host:11211")
    var urls: [String] = []

    @Option(name: .customLong("node"), help: "A node to watch: `local`, a node_exporter URL or ssh://[user@]host[:port] (repeatable).")
    var nodes: [String] = []

    @Option(name: .customLong("log"), help: "A request log to read: udp://HOST:PORT, unix:///PATH or a file path (repeatable).")
    var logs: [String] = []

    @Flag(help: "Read followed log files from their start, not their end.")
    var logFromStart = false

    @Option(help: ArgumentHelp("Config file (TOML).", discussion: "Default: \(StandardPaths.current.configFile)"))
    var config: String?

    @Option(help: "Poll interval, e.g. 1s, 500ms, 2 (default 1s, or the config's).")
    var interval: IntervalArgument?

    @Option(help: "Longest one fetch may take, e.g. 2s (default: the interval, between 0.5s and 5s, or the config's).")
    var timeout: IntervalArgument?

    @Option(help: ArgumentHelp("Alert log: every alert transition as one JSON line.",
                               discussion: "Default: \(StandardPaths.current.alertLog)"))
    var alertLog: String?

    @Option(help: "Theme name or path.")
    var theme: String?

    @Flag(help: "Draw graphs, bars and boxes in ASCII (also when the locale is not UTF-8).")
    var ascii = false

    @Flag(help: "Poll twice one interval apart, print one snapshot and exit.")
    var once = false

    @Flag(help: "Print snapshots as JSON: with --once one document, else one line per interval until interrupted.")
    var json = false

    @Option(help: ArgumentHelp("Record everything received to FILE (SQLite; replay and report read it).",
                               discussion: "%Y%m%d-%H%M%S in the name expands to the start time. Or record = \"PATH\" in the config."))
    var record: String?

    @Flag(help: "Run the built-in demo cluster on loopback.")
    var demo = false

    @Flag(help: "Allow drain, ready, maint and weight on the command line's targets (each action is confirmed and audited).")
    var allowActions = false

    func validate() throws {
        if once && !json { throw ValidationError("--once prints JSON: add --json") }
        if once && record != nil { throw ValidationError("--once records nothing: drop --record, or stream with --json") }
        if !demo && urls.isEmpty && nodes.isEmpty && logs.isEmpty && config == nil
            && !FileManager.default.fileExists(atPath: StandardPaths.current.configFile) {
            throw ValidationError("give at least one target URL, --node, --log, --config or --demo")
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
            collectors += try plan.tierCollectors(settings: settings)
            collectors += try nodeSpecs.map { try CollectorFactory.node($0, settings: settings) }
            collectors += try plan.logCollectors(urls: logs, fromStart: logFromStart)
        } catch let error as CollectError {
            throw ValidationError(error.message)
        }
        defer { withExtendedLifetime(demoServer) {} }
        if collectors.isEmpty { throw ValidationError("no targets: give a URL, --node, --log, --demo or [[target]] in the config") }
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
