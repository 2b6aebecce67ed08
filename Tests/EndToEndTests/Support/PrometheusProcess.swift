import Foundation

/// A real Debian `prometheus` on 127.0.0.1 at a free port, scraping `targets` (job name →
/// `host:port` list) every second, its TSDB in a private temp dir; stopped by PID in `stop()`.
final class PrometheusProcess: @unchecked Sendable {
    let port: Int
    private let daemon: DaemonProcess

    var url: String { "http://127.0.0.1:\(port)" }

    static func start(scraping targets: [(job: String, targets: [String])]) throws -> PrometheusProcess {
        let port = try Loopback.freePort()
        var config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
        for (job, addresses) in targets {
            config += "  - job_name: \(job)\n    static_configs:\n      - targets: [\(addresses.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
        }
        let daemon = try DaemonProcess.start("prometheus", package: "prometheus", port: port, files: ["prometheus.yml": config]) { directory in
            ["--config.file=\(directory.appendingPathComponent("prometheus.yml").path)",
             "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
             "--web.listen-address=127.0.0.1:\(port)"]
        }
        return PrometheusProcess(port: port, daemon: daemon)
    }

    private init(port: Int, daemon: DaemonProcess) {
        self.port = port; self.daemon = daemon
    }

    /// The body of an instant query's answer.
    func query(_ promQL: String) throws -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let path = "/api/v1/query?query=" + (promQL.addingPercentEncoding(withAllowedCharacters: allowed) ?? promQL)
        let answer = try Loopback.tcpSession(port: port, "GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        return answer.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    }

    var log: String { daemon.log }

    func stop() { daemon.stop() }
}
