/// What an alert is about, by the model's own identifiers (cheap to hash, no text built).
public enum AlertSubject: Sendable, Hashable {
    case server(ServerID)
    case backend(ProxyID)
    case frontend(ProxyID)
    case node(NodeID)
    case target(TargetID)
}

/// One number a condition measured on one subject. `index` points into the snapshot collection
/// the subject comes from (servers, backends, frontends, nodes or targets).
public struct AlertMeasurement: Sendable, Equatable {
    public var subject: AlertSubject
    public var index: Int
    /// Nil when not known in this snapshot (stale data, a counter reset that left no rate): an
    /// unknown value changes no alert.
    public var value: Double?
}

extension AlertCondition {
    /// Measures this condition on every subject it applies to in `snapshot`: numbers only, so the
    /// thousands of healthy subjects of a big balancer cost no text. `describe` builds the words
    /// for the few that matter.
    public func measurements(in snapshot: Snapshot) -> [AlertMeasurement] {
        switch self {
        case .serverDown:
            return servers(snapshot) { $0.state.kind == .down ? 1 : 0 }
        case .checksFailing:
            // `UP 1/m` with check status INI is HAProxy's state before a server's first check
            // ends (after every start or reload): no check has failed yet.
            return servers(snapshot) { $0.state.kind == .up && $0.state.transition != nil && !$0.isAwaitingFirstCheck ? 1 : 0 }
        case .backendDown:
            return backends(snapshot) { $0.status.uppercased().hasPrefix("DOWN") ? 1 : 0 }
        case .imbalance(let minimumRate):
            return imbalance(snapshot, minimumRate: minimumRate)
        case .errorRatio(let minimumRate):
            return backends(snapshot) { backend in
                if let rate = backend.requestRate, rate < minimumRate { return 0 }
                return backend.errorRatio ?? backend.responseRates.errorRatio
            }
        case .latency(let metric):
            return servers(snapshot) { metric == .rtime ? $0.responseTimeMs : $0.totalTimeMs }
        case .latencyBaseline(let floorMs, let minimumSamples):
            return servers(snapshot) { Self.baselineFactor($0, floorMs: floorMs, minimumSamples: minimumSamples) }
        case .queue:
            return servers(snapshot) { $0.queue.map(Double.init) } + backends(snapshot) { $0.queue.map(Double.init) }
        case .sessions:
            let servers = snapshot.servers.indices.compactMap { index -> AlertMeasurement? in
                let server = snapshot.servers[index]
                guard let limit = server.sessionLimit, limit > 0 else { return nil }
                return AlertMeasurement(subject: .server(server.id), index: index,
                                        value: server.isStale ? nil : server.sessions.map { Double($0) / Double(limit) })
            }
            let frontends = snapshot.frontends.indices.compactMap { index -> AlertMeasurement? in
                let frontend = snapshot.frontends[index]
                guard let limit = frontend.sessionLimit, limit > 0 else { return nil }
                return AlertMeasurement(subject: .frontend(frontend.id), index: index,
                                        value: frontend.isStale ? nil : frontend.sessions.map { Double($0) / Double(limit) })
            }
            return servers + frontends
        case .nodeCPU:
            return nodes(snapshot) { $0.cpuPercent }
        case .nodeMemory:
            return nodes(snapshot) { $0.memoryPercent }
        case .targetStale:
            return snapshot.targets.indices.map { index in
                let target = snapshot.targets[index]
                return AlertMeasurement(subject: .target(target.id), index: index,
                                        value: target.health == .stale ? 1 : 0)
            }
        }
    }

    private func servers(_ snapshot: Snapshot, _ value: (ServerSnapshot) -> Double?) -> [AlertMeasurement] {
        snapshot.servers.indices.map { index in
            let server = snapshot.servers[index]
            return AlertMeasurement(subject: .server(server.id), index: index, value: server.isStale ? nil : value(server))
        }
    }

    private func backends(_ snapshot: Snapshot, _ value: (ProxySnapshot) -> Double?) -> [AlertMeasurement] {
        snapshot.backends.indices.map { index in
            let backend = snapshot.backends[index]
            return AlertMeasurement(subject: .backend(backend.id), index: index,
                                    value: backend.isStale ? nil : value(backend))
        }
    }

    private func nodes(_ snapshot: Snapshot, _ value: (NodeSnapshot) -> Double?) -> [AlertMeasurement] {
        snapshot.nodes.indices.map { index in
            let node = snapshot.nodes[index]
            return AlertMeasurement(subject: .node(node.id), index: index, value: node.isStale ? nil : value(node))
        }
    }

    /// Share ÷ fair share for every serving, non-backup server of a backend with enough traffic.
    /// Servers come grouped by backend, so each backend's rate is summed over its run of servers.
    private func imbalance(_ snapshot: Snapshot, minimumRate: Double) -> [AlertMeasurement] {
        let servers = snapshot.servers
        var result: [AlertMeasurement] = []
        var start = servers.startIndex
        while start < servers.endIndex {
            let backend = servers[start].id.proxyID
            var end = start
            var rate: Double?
            while end < servers.endIndex && servers[end].id.proxyID == backend {
                if !servers[end].isBackup, let serverRate = servers[end].requestRate { rate = (rate ?? 0) + serverRate }
                end += 1
            }
            for index in start..<end {
                let server = servers[index]
                guard !server.isBackup, server.state.isServing else { continue }
                var value: Double?
                if server.isStale || rate == nil {
                    value = nil
                } else if let rate, rate < minimumRate {
                    value = 0
                } else if let share = server.share, let fair = server.fairShare, fair > 0 {
                    value = share / fair
                }
                result.append(AlertMeasurement(subject: .server(server.id), index: index, value: value))
            }
            start = end
        }
        return result
    }

    /// rtime ÷ the median of the server's window; 0 under the floor (where nothing can alert, so
    /// the window is not even sorted), nil until the window holds enough samples.
    static func baselineFactor(_ server: ServerSnapshot, floorMs: Double, minimumSamples: Int) -> Double? {
        guard let current = server.responseTimeMs else { return nil }
        guard current >= floorMs else { return 0 }
        guard let baseline = baseline(server, minimumSamples: minimumSamples) else { return nil }
        return baseline > 0 ? current / baseline : 0
    }

    /// The median of the server's rtime window, leaving out the 0s a reload or an idle spell
    /// leaves, which say nothing of its usual time.
    static func baseline(_ server: ServerSnapshot, minimumSamples: Int) -> Double? {
        let window = server.history.responseTimeMs.filter { !$0.isNaN && $0 > 0 }.sorted()
        guard window.count >= max(1, minimumSamples) else { return nil }
        let middle = window.count / 2
        return window.count % 2 == 1 ? window[middle] : (window[middle - 1] + window[middle]) / 2
    }

}
