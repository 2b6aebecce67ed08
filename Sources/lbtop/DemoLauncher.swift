import LBTopCore

/// `--demo`: starts the built-in cluster on loopback and returns collectors for its endpoints,
/// which are polled through the same code path as real targets.
enum DemoLauncher {
    static func start() async throws -> [any Collector] {
        throw CollectError(.unsupported, "the demo cluster is not built yet")
    }
}
