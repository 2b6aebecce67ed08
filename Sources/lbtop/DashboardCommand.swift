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

    @Argument(help: "Balancer targets: http(s)://host:port/stats;csv or unix:///path/to/stats.sock")
    var urls: [String] = []

    @Option(name: .customLong("node"), help: "A node to watch: `local` or a node_exporter URL (repeatable).")
    var nodes: [String] = []

    @Option(help: "Config file (TOML).")
    var config: String?

    @Option(help: "Poll interval, e.g. 1s, 500ms, 2.")
    var interval: IntervalArgument = IntervalArgument(seconds: 1)

    @Option(help: "Theme name or path.")
    var theme: String?

    @Flag(help: "Poll twice one interval apart, print one snapshot and exit.")
    var once = false

    @Flag(help: "With --once: print the snapshot as JSON.")
    var json = false

    @Flag(help: "Run the built-in demo cluster on loopback.")
    var demo = false

    func validate() throws {
        if once && !json { throw ValidationError("--once prints JSON: add --json") }
        if json && !once { throw ValidationError("--json needs --once") }
        if !demo && urls.isEmpty && nodes.isEmpty && config == nil {
            throw ValidationError("give at least one target URL, --node, --config or --demo")
        }
    }

    func run() async throws {
        if config != nil {
            throw ValidationError("--config: config files are not supported yet")
        }
        let settings = CollectorSettings(limits: TransportLimits(timeout: min(5, max(0.5, interval.seconds))))
        var collectors: [any Collector] = []
        do {
            if demo { collectors += try await DemoLauncher.start() }
            collectors += try urls.map { try CollectorFactory.balancer($0, settings: settings) }
            collectors += try nodes.map { try CollectorFactory.node($0, settings: settings) }
        } catch let error as CollectError {
            throw ValidationError(error.message)
        }
        let monitor = Monitor(collectors: collectors, options: MonitorOptions(interval: interval.seconds))
        if once {
            try await OnceReport.run(monitor)
            return
        }
        await monitor.start()
        do {
            try await Dashboard.run(feed: monitor, options: DashboardOptions(theme: theme))
        } catch {
            await monitor.stop()
            throw error
        }
        await monitor.stop()
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
