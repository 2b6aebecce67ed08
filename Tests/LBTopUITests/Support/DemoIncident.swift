import Foundation
@testable import LBTopCore
@testable import LBTopUI

/// `lbtop --demo` stepped second by second instead of waited for: each second the bytes the demo
/// server would answer (`DemoResponse`) go through the demo's own collectors' decoders, a store
/// and alert engine set up as the dashboard's (`Monitor`, default options and rules) and the
/// dashboard's frame. Deterministic: the demo has no randomness and the clock is the script's.
enum DemoIncident {
    /// The port the capture's URLs name; the real demo listens on a free one.
    static let port = 38_721

    /// The dashboard's snapshot `second` seconds after `lbtop --demo` started.
    static func snapshot(at second: Int) async throws -> Snapshot {
        var cluster = DemoCluster()
        let targets = DemoTargets(port: port, servers: cluster.servers)
        let collectors = try targets.collectors(limits: TransportLimits())
        var store = Store(options: MonitorOptions().store)
        for collector in collectors { store.register(collector) }
        for node in targets.nodes { store.register(node: node) }
        let alerts = AlertEngine(log: InMemoryAlertLog())
        let origin = "http://127.0.0.1:\(port)"
        var snapshot = store.snapshot()
        for now in 0...second {
            cluster.advance(to: now)
            for collector in collectors {
                let path = String(collector.displayURL.dropFirst(origin.count))
                let bytes = Array(DemoResponse(path: path, cluster: cluster).body.utf8)
                store.ingest(PollResult(collector, at: Double(now), received: bytes,
                                        outcome: Result { () throws(CollectError) in try collector.decoder.decode(bytes) }))
            }
            snapshot = store.snapshot(time: Date(timeIntervalSince1970: cluster.startEpoch + Double(now)), now: Double(now))
            snapshot.alerts = await alerts.evaluate(snapshot)
        }
        return snapshot
    }

    /// The whole frame the dashboard draws at `second` (`ViewFixtures.appFrame`).
    static func frame(at second: Int, width: Int = 120, height: Int = 40) async throws -> InMemoryScreen {
        ViewFixtures.appFrame(of: try await snapshot(at: second), width: width, height: height)
    }
}
