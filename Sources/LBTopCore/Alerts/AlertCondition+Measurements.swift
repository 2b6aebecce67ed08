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
    /// Hands `body` this condition's measurement of every subject it applies to in `snapshot`:
    /// numbers only, so the thousands of healthy subjects of a big balancer cost no text
    /// (`describe` builds the words for the few that matter). Servers are read field by field in
    /// place: no array of measurements and no copy of a server per rule.
    public func measure(in snapshot: Snapshot, _ body: (AlertMeasurement) -> Void) {
        switch self {
        case .serverDown:
            servers(snapshot, body) { $0[$1].state.kind == .down ? 1 : 0 }
        case .checksFailing:
            // `UP 1/m` with check status INI is HAProxy's state before a server's first check
            // ends (after every start or reload): no check has failed yet.
            servers(snapshot, body) { servers, index in
                servers[index].state.kind == .up && servers[index].state.transition != nil
                    && !servers[index].isAwaitingFirstCheck ? 1 : 0
            }
        case .backendDown:
            backends(snapshot, body) { $0.status.uppercased().hasPrefix("DOWN") ? 1 : 0 }
        case .imbalance(let minimumRate):
            imbalance(snapshot, minimumRate: minimumRate, persistent: false, body)
        case .persistenceImbalance(let minimumRate):
            imbalance(snapshot, minimumRate: minimumRate, persistent: true, body)
        case .errorRatio(let minimumRate):
            backends(snapshot, body) { backend in
                if let rate = backend.requestRate, rate < minimumRate { return 0 }
                return backend.errorRatio ?? backend.responseRates.errorRatio
            }
        case .latency(let metric):
            servers(snapshot, body) { servers, index in
                metric.value(responseTimeMs: servers[index].responseTimeMs, totalTimeMs: servers[index].totalTimeMs,
                             log: servers[index].log)
            }
        case .terminations(let minimumRequests):
            servers(snapshot, body) { servers, index in
                guard let log = servers[index].log, log.requests >= minimumRequests else { return nil }
                return log.serverTerminationRatio
            }
        case .latencyBaseline(let floorMs, let minimumSamples):
            servers(snapshot, body) { servers, index in
                guard let current = servers[index].responseTimeMs else { return nil }
                // Under the floor nothing can alert: the window is not even read.
                guard current >= floorMs else { return 0 }
                return Self.baselineFactor(current, history: servers[index].history, floorMs: floorMs,
                                           minimumSamples: minimumSamples)
            }
        case .queue:
            servers(snapshot, body) { $0[$1].queue.map(Double.init) }
            backends(snapshot, body) { $0.queue.map(Double.init) }
        case .sessions:
            let servers = snapshot.servers
            for index in servers.indices {
                guard let limit = servers[index].sessionLimit, limit > 0 else { continue }
                body(AlertMeasurement(.servers, index: index,
                                      value: servers[index].isStale ? nil : servers[index].sessions.map { Double($0) / Double(limit) }))
            }
            for index in snapshot.frontends.indices {
                let frontend = snapshot.frontends[index]
                guard let limit = frontend.sessionLimit, limit > 0 else { continue }
                body(AlertMeasurement(.frontends, index: index,
                                      value: frontend.isStale ? nil : frontend.sessions.map { Double($0) / Double(limit) }))
            }
        case .flapping:
            servers(snapshot, body) { Double($0[$1].recentStateChanges) }
            backends(snapshot, body) { Double($0.serverCountChanges) }
        case .saturationAhead(let within):
            backends(snapshot, body) { backend in
                backend.forecast.map { $0.secondsToSaturation <= within } ?? false ? 1 : 0
            }
        case .nodeCPU:
            nodes(snapshot, body) { $0.cpuPercent }
        case .nodeMemory:
            nodes(snapshot, body) { $0.memoryPercent }
        case .targetStale:
            for index in snapshot.targets.indices where snapshot.targets[index].role != .tier {
                body(AlertMeasurement(.targets, index: index, value: snapshot.targets[index].health == .stale ? 1 : 0))
            }
        case .tierDown, .sessionStoreDown, .tierHitRatioDrop, .tierEvictions, .tierMemory:
            tierMeasurements(snapshot, body)
        }
    }

    /// Every measurement `measure` hands over, in order.
    public func measurements(in snapshot: Snapshot) -> [AlertMeasurement] {
        var all: [AlertMeasurement] = []
        measure(in: snapshot) { all.append($0) }
        return all
    }

    /// One measurement per server, nil for a stale one; `value` reads the server at an index of
    /// the array in place.
    private func servers(_ snapshot: Snapshot, _ body: (AlertMeasurement) -> Void,
                         _ value: (_ servers: [ServerSnapshot], _ index: Int) -> Double?) {
        let servers = snapshot.servers
        for index in servers.indices {
            body(AlertMeasurement(.servers, index: index, value: servers[index].isStale ? nil : value(servers, index)))
        }
    }

    private func backends(_ snapshot: Snapshot, _ body: (AlertMeasurement) -> Void, _ value: (ProxySnapshot) -> Double?) {
        for index in snapshot.backends.indices {
            let backend = snapshot.backends[index]
            body(AlertMeasurement(.backends, index: index, value: backend.isStale ? nil : value(backend)))
        }
    }

    private func nodes(_ snapshot: Snapshot, _ body: (AlertMeasurement) -> Void, _ value: (NodeSnapshot) -> Double?) {
        for index in snapshot.nodes.indices {
            let node = snapshot.nodes[index]
            body(AlertMeasurement(.nodes, index: index, value: node.isStale ? nil : value(node)))
        }
    }

    /// Share ÷ fair share for every serving, non-backup server of a backend with enough traffic.
    /// Servers come grouped by backend, so each backend's rate is summed over its run of servers.
    /// `persistent`: measure only the servers that get most of their traffic by persistence
    /// (the others read 0), or only the others.
    private func imbalance(_ snapshot: Snapshot, minimumRate: Double, persistent: Bool,
                           _ body: (AlertMeasurement) -> Void) {
        let servers = snapshot.servers
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
                body(AlertMeasurement(.servers, index: index, value: value))
            }
            start = end
        }
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
