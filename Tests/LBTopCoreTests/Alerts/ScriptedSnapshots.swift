import Foundation
import LBTopCore

/// Hand-built snapshots for driving the alert engine: wall time is whatever the script says.
enum ScriptedSnapshots {
    static let target = TargetID("http://127.0.0.1:8404/stats;csv")
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func server(_ name: String, backend: String = "app", state: ServerState.Kind = .up,
                       transition: ServerState.Transition? = nil, weight: Int = 1,
                       rate: Double? = 10, share: Double? = nil, fairShare: Double? = nil,
                       responseTimeMs: Double? = nil, rtimeHistory: [Double] = [],
                       queue: Int? = 0, sessions: Int? = nil, sessionLimit: Int? = nil,
                       stale: Bool = false, checkStatus: String? = nil) -> ServerSnapshot {
        ServerSnapshot(id: ServerID(target: target, backend: backend, server: name),
                       state: ServerState(kind: state, transition: transition), weight: weight,
                       checkStatus: checkStatus ?? (state == .down ? "L4CON" : "L7OK"),
                       requestRate: rate, share: share, fairShare: fairShare, responseTimeMs: responseTimeMs,
                       sessions: sessions, sessionLimit: sessionLimit, queue: queue, isStale: stale,
                       history: ServerHistory(responseTimeMs: Series(rtimeHistory)))
    }

    static func backend(_ name: String = "app", status: String = "UP", rate: Double? = 30,
                        errorRatio: Double? = 0, servers: [String] = [], stale: Bool = false) -> ProxySnapshot {
        ProxySnapshot(id: ProxyID(target: target, proxy: name), kind: .backend, status: status,
                      requestRate: rate, errorRatio: errorRatio,
                      servers: servers.map { ServerID(target: target, backend: name, server: $0) }, isStale: stale)
    }

    static func snapshot(at seconds: Double, servers: [ServerSnapshot] = [], backends: [ProxySnapshot] = [],
                         nodes: [NodeSnapshot] = [], health: TargetStatus.Health = .fresh) -> Snapshot {
        Snapshot(time: at(seconds),
                 targets: [TargetStatus(id: target, role: .balancer, displayURL: target.rawValue, health: health,
                                        lastError: health == .stale ? "connection refused" : nil)],
                 backends: backends, servers: servers, nodes: nodes)
    }

    /// A backend whose servers share traffic as given (weights default to 1).
    static func spread(_ shares: [Double], weights: [Int]? = nil, backendRate: Double = 100,
                       backend: String = "app") -> [ServerSnapshot] {
        let weights = weights ?? shares.map { _ in 1 }
        let total = Double(weights.reduce(0, +))
        return shares.indices.map { index in
            server("\(backend)\(index + 1)", backend: backend, weight: weights[index],
                   rate: backendRate * shares[index], share: shares[index],
                   fairShare: Double(weights[index]) / total)
        }
    }

    static func rule(_ name: String, _ edit: (inout AlertRule) -> Void = { _ in }) -> AlertRule {
        var rule = BuiltInAlertRules.rule(named: name)!
        edit(&rule)
        return rule
    }
}

extension Array where Element == Alert {
    /// `state severity` of each alert, for exact comparisons.
    var states: [String] { map { "\($0.state.rawValue) \($0.severity.rawValue)" } }
}

extension Array where Element == AlertLogRecord {
    var states: [String] { map { "\($0.state.rawValue) \($0.severity.rawValue)" } }
}
