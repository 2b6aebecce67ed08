import Foundation

extension AlertCondition {
    /// Measures this condition on every subject it applies to in `snapshot`. Subjects whose data is
    /// stale, or whose rates are unknown (first poll, a counter reset), get a nil value.
    public func observations(in snapshot: Snapshot) -> [AlertObservation] {
        switch self {
        case .serverDown:
            return snapshot.servers.map { server in
                flag(server.id.description, server.id.target, stale: server.isStale,
                     holds: server.state.kind == .down,
                     "\(server.id) is \(server.state.label)" + Self.check(server))
            }
        case .checksFailing:
            return snapshot.servers.map { server in
                flag(server.id.description, server.id.target, stale: server.isStale,
                     holds: server.state.kind == .up && server.state.transition != nil,
                     "\(server.id) is failing health checks (\(server.state.label))" + Self.check(server))
            }
        case .backendDown:
            return snapshot.backends.map { backend in
                let total = backend.servers.count
                return flag("backend \(backend.id.proxy)", backend.id.target, stale: backend.isStale,
                            holds: backend.status.uppercased().hasPrefix("DOWN"),
                            "backend \(backend.id.proxy) has no server up (\(total) configured)")
            }
        case .imbalance(let minimumRate):
            return imbalance(snapshot, minimumRate: minimumRate)
        case .errorRatio(let minimumRate):
            return snapshot.backends.map { backend in
                let value: Double?
                if backend.isStale { value = nil }
                else if let rate = backend.requestRate, rate < minimumRate { value = 0 }
                else { value = backend.errorRatio ?? backend.responseRates.errorRatio }
                let percent = AlertUnit.ratio.format(value ?? 0)
                return AlertObservation(subject: "backend \(backend.id.proxy)", target: backend.id.target,
                                        value: value,
                                        message: "backend \(backend.id.proxy) answers \(percent) with 5xx")
            }
        case .latency(let metric):
            return snapshot.servers.map { server in
                let value = server.isStale ? nil : Self.latency(server, metric)
                let ms = AlertUnit.milliseconds.format(value ?? 0)
                return AlertObservation(subject: server.id.description, target: server.id.target, value: value,
                                        message: "\(server.id) responds in \(ms) (\(metric.rawValue))")
            }
        case .latencyBaseline(let floorMs, let minimumSamples):
            return snapshot.servers.map { server in
                latencyBaseline(server, floorMs: floorMs, minimumSamples: minimumSamples)
            }
        case .queue:
            let servers = snapshot.servers.map { server in
                AlertObservation(subject: server.id.description, target: server.id.target,
                                 value: server.isStale ? nil : server.queue.map(Double.init),
                                 message: "\(server.id) has \(server.queue ?? 0) requests queued")
            }
            let backends = snapshot.backends.map { backend in
                AlertObservation(subject: "backend \(backend.id.proxy)", target: backend.id.target,
                                 value: backend.isStale ? nil : backend.queue.map(Double.init),
                                 message: "backend \(backend.id.proxy) has \(backend.queue ?? 0) requests "
                                    + "queued with no server to take them")
            }
            return servers + backends
        case .sessions:
            let servers = snapshot.servers.compactMap { server in
                Self.sessions(server.id.description, server.id.target, server.sessions, server.sessionLimit,
                              stale: server.isStale)
            }
            let frontends = snapshot.frontends.compactMap { frontend in
                Self.sessions("frontend \(frontend.id.proxy)", frontend.id.target, frontend.sessions,
                              frontend.sessionLimit, stale: frontend.isStale)
            }
            return servers + frontends
        case .nodeCPU:
            return snapshot.nodes.map { node in
                let value = node.isStale ? nil : node.cpuPercent
                return AlertObservation(subject: "node \(node.name)", target: nil, value: value,
                                        message: "node \(node.name) CPU at \(AlertUnit.percent.format(value ?? 0))")
            }
        case .nodeMemory:
            return snapshot.nodes.map { node in
                let value = node.isStale ? nil : node.memoryPercent
                return AlertObservation(subject: "node \(node.name)", target: nil, value: value,
                                        message: "node \(node.name) memory at \(AlertUnit.percent.format(value ?? 0))")
            }
        case .targetStale:
            return snapshot.targets.map { target in
                let reason = target.lastError.map { ": \($0)" } ?? ""
                return AlertObservation(subject: target.displayURL, target: target.id,
                                        value: target.health == .stale ? 1 : 0,
                                        message: "\(target.displayURL) is not answering\(reason)")
            }
        }
    }

    private func flag(_ subject: String, _ target: TargetID, stale: Bool, holds: Bool,
                      _ message: String) -> AlertObservation {
        AlertObservation(subject: subject, target: target, value: stale ? nil : (holds ? 1 : 0), message: message)
    }

    private static func check(_ server: ServerSnapshot) -> String {
        server.checkStatus.map { " (check \($0))" } ?? ""
    }

    private static func latency(_ server: ServerSnapshot, _ metric: LatencyMetric) -> Double? {
        metric == .rtime ? server.responseTimeMs : server.totalTimeMs
    }

    /// Share ÷ fair share for every serving, non-backup server of a backend with enough traffic.
    private func imbalance(_ snapshot: Snapshot, minimumRate: Double) -> [AlertObservation] {
        var backendRate: [ProxyID: Double] = [:]
        for server in snapshot.servers where !server.isBackup {
            if let rate = server.requestRate { backendRate[server.id.proxyID, default: 0] += rate }
        }
        return snapshot.servers.compactMap { server in
            guard !server.isBackup, server.state.isServing else { return nil }
            let subject = server.id.description
            let rate = backendRate[server.id.proxyID]
            var value: Double?
            var message = "\(server.id) takes its fair share of \(server.id.backend)"
            if server.isStale || rate == nil {
                value = nil
            } else if let rate, rate < minimumRate {
                value = 0
            } else if let share = server.share, let fair = server.fairShare, fair > 0 {
                value = share / fair
                message = "\(server.id) takes \(AlertUnit.ratio.format(share)) of \(server.id.backend)'s "
                    + "traffic, fair share by weight \(AlertUnit.ratio.format(fair))"
            }
            return AlertObservation(subject: subject, target: server.id.target, value: value, message: message)
        }
    }

    private func latencyBaseline(_ server: ServerSnapshot, floorMs: Double,
                                 minimumSamples: Int) -> AlertObservation {
        let subject = server.id.description
        let current = server.isStale ? nil : server.responseTimeMs
        // rtime reads 0 after a reload and without traffic: such samples say nothing of the usual.
        let window = server.history.responseTimeMs.values.filter { !$0.isNaN && $0 > 0 }
        guard let current, window.count >= minimumSamples else {
            return AlertObservation(subject: subject, target: server.id.target, value: nil,
                                    message: "\(server.id) has no latency baseline yet")
        }
        let baseline = Self.median(window)
        let value: Double = (current < floorMs || baseline <= 0) ? 0 : current / baseline
        let ms = AlertUnit.milliseconds
        return AlertObservation(subject: subject, target: server.id.target, value: value,
                                message: "\(server.id) responds in \(ms.format(current)), its usual is "
                                    + ms.format(baseline))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func sessions(_ subject: String, _ target: TargetID, _ sessions: Int?, _ limit: Int?,
                                 stale: Bool) -> AlertObservation? {
        guard let limit, limit > 0 else { return nil }
        let value = stale ? nil : sessions.map { Double($0) / Double(limit) }
        return AlertObservation(subject: subject, target: target, value: value,
                                message: "\(subject) has \(sessions ?? 0) of \(limit) sessions")
    }
}
