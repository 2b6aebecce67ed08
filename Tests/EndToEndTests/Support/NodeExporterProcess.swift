import Foundation

/// A real `prometheus-node-exporter` listening on 127.0.0.1 at a free port, logging into a private
/// temp dir; stopped by PID in `stop()` (also on deinit).
final class NodeExporterProcess: @unchecked Sendable {
    let port: Int
    private let daemon: DaemonProcess

    /// `http://127.0.0.1:PORT/metrics`.
    var metricsURL: String { "http://127.0.0.1:\(port)/metrics" }

    static func start() throws -> NodeExporterProcess {
        let port = try Loopback.freePort()
        let daemon = try DaemonProcess.start("prometheus-node-exporter", package: "prometheus-node-exporter", port: port) { _ in
            ["--web.listen-address=127.0.0.1:\(port)"]
        }
        return NodeExporterProcess(port: port, daemon: daemon)
    }

    private init(port: Int, daemon: DaemonProcess) {
        self.port = port; self.daemon = daemon
    }

    func stop() { daemon.stop() }
}
