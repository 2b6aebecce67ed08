/// What an alert is about, by the model's own identifiers (cheap to hash, no text built).
public enum AlertSubject: Sendable, Hashable {
    case server(ServerID)
    case backend(ProxyID)
    case frontend(ProxyID)
    case node(NodeID)
    case target(TargetID)
    case tier(TargetID)
}

/// One number a condition measured on one subject: the subject is the element at `index` of one
/// of the snapshot's collections, named (`subject(in:)`) only when needed, so measuring a
/// thousand healthy servers copies no identifiers.
public struct AlertMeasurement: Sendable, Equatable {
    public enum Collection: Sendable, Equatable { case servers, backends, frontends, nodes, targets, tiers }
    public var collection: Collection
    public var index: Int
    /// Nil when not known in this snapshot (stale data, a counter reset that left no rate): an
    /// unknown value changes no alert.
    public var value: Double?

    public init(_ collection: Collection, index: Int, value: Double?) {
        self.collection = collection; self.index = index; self.value = value
    }

    /// What was measured, by the model's own identifiers.
    public func subject(in snapshot: Snapshot) -> AlertSubject {
        switch collection {
        case .servers: .server(snapshot.servers[index].id)
        case .backends: .backend(snapshot.backends[index].id)
        case .frontends: .frontend(snapshot.frontends[index].id)
        case .nodes: .node(snapshot.nodes[index].id)
        case .targets: .target(snapshot.targets[index].id)
        case .tiers: .tier(snapshot.tiers[index].id)
        }
    }
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
            return servers(snapshot) { server in
                server.state.kind == .up && server.state.transition != nil
                    && !server.isAwaitingFirstCheck ? 1 : 0
            }
        case .backendDown:
            return backends(snapshot) { $0.status.uppercased().hasPrefix("DOWN") ? 1 : 0 }
        case .imbalance(let minimumRate):
            return imbalance(snapshot, minimumRate: minimumRate, persistent: false)
        case .persistenceImbalance(let minimumRate):
            return imbalance(snapshot, minimumRate: minimumRate, persistent: true)
        case .errorRatio(let minimumRate):
            return backends(snapshot) { backend in
                if let rate = backend.requestRate, rate < minimumRate { return 0 }
                return backend.errorRatio ?? backend.responseRates.errorRatio
            }
        case .latency(let metric):
            return servers(snapshot) { metric.value(of: $0) }
        case .terminations(let minimumRequests):
            return servers(snapshot) { server in
                guard let log = server.log, log.requests >= minimumRequests else { return nil }
                return log.serverTerminationRatio
            }
        case .latencyBaseline(let floorMs, let minimumSamples):
            return servers(snapshot) { server in
                Self.baselineFactor(server.responseTimeMs, history: server.history,
                                    floorMs: floorMs, minimumSamples: minimumSamples)
            }
        case .queue:
            return servers(snapshot) { $0.queue.map(Double.init) } + backends(snapshot) { $0.queue.map(Double.init) }
        case .sessions:
            let servers = snapshot.servers.indices.compactMap { index -> AlertMeasurement? in
                let server = snapshot.servers[index]
                guard let limit = server.sessionLimit, limit > 0 else { return nil }
                return AlertMeasurement(.servers, index: index,
                                        value: server.isStale ? nil : server.sessions.map { Double($0) / Double(limit) })
            }
            let frontends = snapshot.frontends.indices.compactMap { index -> AlertMeasurement? in
                let frontend = snapshot.frontends[index]
                guard let limit = frontend.sessionLimit, limit > 0 else { return nil }
                return AlertMeasurement(.frontends, index: index,
                                        value: frontend.isStale ? nil : frontend.sessions.map { Double($0) / Double(limit) })
            }
            return servers + frontends
        case .flapping:
            let servers = snapshot.servers.indices.map { index in
                AlertMeasurement(.servers, index: index,
                                 value: snapshot.servers[index].isStale ? nil : Double(snapshot.servers[index].recentStateChanges))
            }
            return servers + snapshot.backends.indices.map { index in
                AlertMeasurement(.backends, index: index,
                                 value: snapshot.backends[index].isStale ? nil : Double(snapshot.backends[index].serverCountChanges))
            }
        case .saturationAhead(let within):
            return snapshot.backends.indices.map { index in
                let backend = snapshot.backends[index]
                let ahead = backend.forecast.map { $0.secondsToSaturation <= within } ?? false
                return AlertMeasurement(.backends, index: index, value: backend.isStale ? nil : (ahead ? 1 : 0))
            }
        case .nodeCPU:
            return nodes(snapshot) { $0.cpuPercent }
        case .nodeMemory:
            return nodes(snapshot) { $0.memoryPercent }
        case .targetStale:
            return snapshot.targets.indices.compactMap { index in
                let target = snapshot.targets[index]
                guard target.role != .tier else { return nil }
                return AlertMeasurement(.targets, index: index, value: target.health == .stale ? 1 : 0)
            }
        case .tierDown, .sessionStoreDown, .tierHitRatioDrop, .tierEvictions, .tierMemory:
            return tierMeasurements(snapshot)
        }
    }

    private func servers(_ snapshot: Snapshot, _ value: (ServerSnapshot) -> Double?) -> [AlertMeasurement] {
        snapshot.servers.indices.map { index in
            let server = snapshot.servers[index]
            return AlertMeasurement(.servers, index: index, value: server.isStale ? nil : value(server))
        }
    }

    private func backends(_ snapshot: Snapshot, _ value: (ProxySnapshot) -> Double?) -> [AlertMeasurement] {
        snapshot.backends.indices.map { index in
            let backend = snapshot.backends[index]
            return AlertMeasurement(.backends, index: index, value: backend.isStale ? nil : value(backend))
        }
    }

    private func nodes(_ snapshot: Snapshot, _ value: (NodeSnapshot) -> Double?) -> [AlertMeasurement] {
        snapshot.nodes.indices.map { index in
            let node = snapshot.nodes[index]
            return AlertMeasurement(.nodes, index: index, value: node.isStale ? nil : value(node))
        }
    }

    /// Share ÷ fair share for every serving, non-backup server of a backend with enough traffic.
    /// Servers come grouped by backend, so each backend's rate is summed over its run of servers.
    /// `persistent`: measure only the servers that get most of their traffic by persistence
    /// (the others read 0), or only the others.
    private func imbalance(_ snapshot: Snapshot, minimumRate: Double, persistent: Bool) -> [AlertMeasurement] {
        let servers = snapshot.servers
        var result: [AlertMeasurement] = []
        var start = 0
        while start < servers.count {
            var end = start
            var rate: Double?
            while end < servers.count && servers[end].id.sameBackend(as: servers[start].id) {
                if !servers[end].isBackup, let serverRate = servers[end].requestRate { rate = (rate ?? 0) + serverRate }
                end += 1
            }
            for index in start..<end {
                guard !servers[index].isBackup, servers[index].state.isServing else { continue }
                var value: Double?
                if servers[index].isStale || rate == nil {
                    value = nil
                } else if let rate, rate < minimumRate {
                    value = 0
                } else if ((servers[index].persistentShare ?? 0) >= Self.persistentMajority) != persistent {
                    value = 0
                } else if let share = servers[index].share, let fair = servers[index].fairShare, fair > 0 {
                    value = share / fair
                }
                result.append(AlertMeasurement(.servers, index: index, value: value))
            }
            start = end
        }
        return result
    }

    /// rtime ÷ the median of the server's window; 0 under the floor (where nothing can alert, so
    /// the window is not even sorted), nil until the window holds enough samples.
    static func baselineFactor(_ responseTimeMs: Double?, history: ServerHistory, floorMs: Double,
                               minimumSamples: Int) -> Double? {
        guard let current = responseTimeMs else { return nil }
        guard current >= floorMs else { return 0 }
        guard let baseline = baseline(history, minimumSamples: minimumSamples) else { return nil }
        return baseline > 0 ? current / baseline : 0
    }

    /// The median of the server's rtime window, leaving out the 0s a reload or an idle spell
    /// leaves, which say nothing of its usual time. The window's older part is kept as means of
    /// several polls (`SeriesBuffer`); each counts as the polls it stands for.
    static func baseline(_ history: ServerHistory, minimumSamples: Int) -> Double? {
        history.responseTimeMs.windowMedian(minimumPolls: minimumSamples) { $0 > 0 }
    }

}
