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
        let stats = try HTTPTransport(url: server.statsURL, limits: settings.limits)
        var collectors: [any Collector] = [
            HAProxyCollector(id: TargetID("demo"), displayURL: server.statsURL, endpoint: .http(stats)),
        ]
        for node in server.nodes {
            collectors.append(try CollectorFactory.node(node, settings: settings))
        }
        return Running(server: server, collectors: collectors, nodes: server.nodes)
    }
}
