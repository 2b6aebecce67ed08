import LBTopCore

/// `--demo`: starts the built-in cluster on loopback and returns collectors for its endpoints,
/// which are polled through the same HTTP code path as real targets.
enum DemoLauncher {
    struct Running {
        /// Keep it alive for the run; `shutdown()` when done.
        var server: DemoServer
        var collectors: [any Collector]
        /// The demo's nodes, each joined explicitly to its server.
        var nodes: [NodeTargetSpec]
    }

    static func start(settings: CollectorSettings) async throws -> Running {
        let server = try await DemoServer.start()
        let targets = server.targets
        return Running(server: server, collectors: try targets.collectors(limits: settings.limits), nodes: targets.nodes)
    }
}
