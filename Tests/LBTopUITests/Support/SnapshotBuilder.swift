import Foundation
import LBTopCore

/// Snapshots built by hand for view tests: servers are given their own numbers, backends and
/// frontends are summed from them, shares and fair shares are derived from rates and weights as
/// the store derives them.
struct SnapshotBuilder {
    static let target = TargetID("http://127.0.0.1:8404/stats;csv")
    /// 2027-01-15 08:00:00 UTC: a fixed wall time for clocks and ages.
    static let time = Date(timeIntervalSince1970: 1_800_000_000)

    var targets: [TargetStatus] = [
        TargetStatus(id: target, role: .balancer, displayURL: target.rawValue, format: "haproxy-csv",
                     health: .fresh, secondsSinceSuccess: 1),
    ]
    var frontends: [ProxySnapshot] = []
    var servers: [ServerSnapshot] = []
    var nodes: [NodeSnapshot] = []
    var alerts: [Alert] = []
    var backendOrder: [String] = []

    /// Adds a server to `backend` (created on first use).
    mutating func server(_ backend: String, _ name: String, _ state: ServerState = .init(kind: .up),
                         weight: Int = 100, rate: Double? = 0, errors: Double? = 0, rtime: Double? = nil,
                         ttime: Double? = nil, sessions: Int? = 0, queue: Int? = 0, node: String? = nil,
                         stale: Bool = false, history: [Double?] = [], address: String? = nil,
                         lastCheck: String? = nil) {
        if !backendOrder.contains(backend) { backendOrder.append(backend) }
        let id = ServerID(target: Self.target, backend: backend, server: name)
        servers.append(ServerSnapshot(
            id: id, state: state, weight: weight, checkStatus: "L7OK", lastCheck: lastCheck, address: address,
            requestRate: rate, responseRates: ResponseRates(r2xx: rate.map { $0 - (errors ?? 0) }, r5xx: errors),
            errorRate: errors, responseTimeMs: rtime, totalTimeMs: ttime, sessions: sessions, queue: queue,
            node: node.map(NodeID.init), isStale: stale,
            history: ServerHistory(requestRate: Self.series(history))))
    }

    mutating func frontend(_ name: String, rate: Double, r2xx: Double = 0, r3xx: Double = 0, r4xx: Double = 0,
                           r5xx: Double = 0, history: [Double?] = []) {
        frontends.append(ProxySnapshot(
            id: ProxyID(target: Self.target, proxy: name), kind: .frontend, status: "OPEN", mode: "http",
            requestRate: rate, responseRates: ResponseRates(r2xx: r2xx, r3xx: r3xx, r4xx: r4xx, r5xx: r5xx),
            sessions: 0, queue: 0, history: ProxyHistory(requestRate: Self.series(history))))
    }

    mutating func node(_ name: String, cpu: Double?, memory: Double?, load: Double?, cpus: Int = 2,
                       stale: Bool = false, history: [Double?] = []) {
        let id = NodeID(name)
        let joined = servers.filter { $0.node == id }.map(\.id)
        nodes.append(NodeSnapshot(
            id: id, name: name, host: name, cpuPercent: cpu, cpuCount: cpus, memoryPercent: memory,
            memoryUsedBytes: memory.map { $0 / 100 * 8e9 }, memoryTotalBytes: 8e9, load1: load,
            networkReceiveBytesPerSecond: 1_200_000, networkTransmitBytesPerSecond: 340_000,
            servers: joined, isStale: stale,
            history: NodeHistory(cpuPercent: Self.series(history),
                                 memoryPercent: Self.series(Self.follow(history, to: memory)),
                                 load1: Self.series(Self.follow(history, to: load)))))
    }

    mutating func alert(_ rule: String, _ subject: String, _ severity: AlertSeverity, _ state: AlertState,
                        message: String, value: Double? = nil, threshold: Double? = nil, age: Double,
                        acknowledgedBy: String? = nil) {
        let since = Self.time.addingTimeInterval(-age)
        alerts.append(Alert(id: rule + "|" + subject, rule: rule, severity: severity, state: state, subject: subject,
                            target: Self.target, message: message, value: value, threshold: threshold,
                            since: since, changedAt: since, acknowledgedBy: acknowledgedBy))
    }

    static func series(_ values: [Double?]) -> Series { Series(values.map { $0 ?? .nan }) }

    /// A history shaped like `shape` (same gaps, same relative rise) that ends at `last`.
    static func follow(_ shape: [Double?], to last: Double?) -> [Double?] {
        guard let last, let end = shape.last ?? nil, end > 0 else { return shape.map { $0.map { _ in last ?? 0 } } }
        return shape.map { $0.map { $0 / end * last } }
    }

    /// The snapshot, with backends summed from their servers and shares derived.
    func build() -> Snapshot {
        var servers = self.servers
        var backends: [ProxySnapshot] = []
        for name in backendOrder {
            let indices = servers.indices.filter { servers[$0].id.backend == name }
            let total = indices.reduce(0.0) { $0 + (servers[$1].isStale ? 0 : servers[$1].requestRate ?? 0) }
            let serving = indices.filter { servers[$0].state.isServing }
            let weights = serving.reduce(0) { $0 + (servers[$1].weight ?? 0) }
            for i in indices {
                if total > 0, !servers[i].isStale { servers[i].share = (servers[i].requestRate ?? 0) / total }
                if servers[i].state.isServing, weights > 0 { servers[i].fairShare = Double(servers[i].weight ?? 0) / Double(weights) }
                else { servers[i].fairShare = 0 }
            }
            let errors = indices.reduce(0.0) { $0 + (servers[$1].errorRate ?? 0) }
            let rateHistories = indices.map { servers[$0].history.requestRate.values }
            let history = (0..<(rateHistories.map(\.count).max() ?? 0)).map { t in
                rateHistories.reduce(0.0) { sum, v in
                    t < v.count && !v[t].isNaN ? sum + v[t] : sum
                }
            }
            for i in indices {
                let rates = servers[i].history.requestRate.values.map { $0.isNaN ? nil : $0 } as [Double?]
                servers[i].history = ServerHistory(
                    requestRate: servers[i].history.requestRate,
                    errorRate: Self.series(Self.follow(rates, to: servers[i].errorRate)),
                    responseTimeMs: Self.series(Self.follow(rates, to: servers[i].responseTimeMs)),
                    sessions: Self.series(Self.follow(rates, to: servers[i].sessions.map(Double.init))),
                    share: Series(rates.enumerated().map { t, rate in
                        guard let rate, t < history.count, history[t] > 0 else { return .nan }
                        return rate / history[t]
                    }))
            }
            backends.append(ProxySnapshot(
                id: ProxyID(target: Self.target, proxy: name), kind: .backend,
                status: serving.isEmpty ? "DOWN" : "UP", mode: "http", algorithm: "roundrobin", requestRate: total,
                responseRates: ResponseRates(r2xx: total - errors, r5xx: errors),
                errorRatio: total > 0 ? errors / total : nil, responseTimeMs: 12, totalTimeMs: 15,
                sessions: indices.reduce(0) { $0 + (servers[$1].sessions ?? 0) }, queue: 0,
                servers: indices.map { servers[$0].id }, history: ProxyHistory(requestRate: Series(history))))
        }
        return Snapshot(time: Self.time, interval: 1, targets: targets, frontends: frontends, backends: backends,
                        servers: servers, nodes: nodes, alerts: alerts)
    }
}
