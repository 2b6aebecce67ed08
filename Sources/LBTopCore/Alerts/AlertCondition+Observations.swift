extension AlertCondition {
    /// Names the subject of `measurement` and says in words what was measured: done only for the
    /// measurements that breach or belong to an alert already raised.
    public func observation(of measurement: AlertMeasurement, in snapshot: Snapshot) -> AlertObservation {
        let value = measurement.value
        let index = measurement.index
        switch measurement.subject(in: snapshot) {
        case .server(let id):
            let server = snapshot.servers[index]
            return AlertObservation(subject: id.description, target: id.target, value: value,
                                    message: serverMessage(server, value))
        case .backend(let id):
            let backend = snapshot.backends[index]
            return AlertObservation(subject: "backend \(id.proxy)", target: id.target, value: value,
                                    message: backendMessage(backend, value))
        case .frontend(let id):
            let frontend = snapshot.frontends[index]
            return AlertObservation(subject: "frontend \(id.proxy)", target: id.target, value: value,
                                    message: "frontend \(id.proxy) has \(frontend.sessions ?? 0) of "
                                        + "\(frontend.sessionLimit ?? 0) sessions")
        case .node:
            let node = snapshot.nodes[index]
            let what = self == .nodeCPU ? "CPU" : "memory"
            return AlertObservation(subject: "node \(node.name)", target: nil, value: value,
                                    message: "node \(node.name) \(what) at \(AlertUnit.percent.format(value ?? 0))")
        case .tier:
            return tierObservation(snapshot.tiers[index], value: value)
        case .target(let id):
            let target = snapshot.targets[index]
            let reason = target.lastError.map { ": \($0)" } ?? ""
            return AlertObservation(subject: target.displayURL, target: id, value: value,
                                    message: "\(target.displayURL) is not answering\(reason)")
        }
    }

    private func serverMessage(_ server: ServerSnapshot, _ value: Double?) -> String {
        let check = server.checkStatus.map { " (check \($0))" } ?? ""
        let ms = AlertUnit.milliseconds
        switch self {
        case .serverDown:
            return "\(server.id) is \(server.state.label)\(check)"
        case .checksFailing:
            return "\(server.id) is failing health checks (\(server.state.label))\(check)"
        case .imbalance, .persistenceImbalance:
            guard let share = server.share, let fair = server.fairShare else {
                return "\(server.id) takes its fair share of \(server.id.backend)"
            }
            var sticky = ""
            if case .persistenceImbalance = self, let persistent = server.persistentShare {
                sticky = ", \(AlertUnit.ratio.format(persistent)) of it by persistence: sticky users, not the algorithm"
            }
            return "\(server.id) takes \(AlertUnit.ratio.format(share)) of \(server.id.backend)'s traffic, "
                + "fair share by weight \(AlertUnit.ratio.format(fair))" + sticky
        case .latency(let metric):
            return "\(server.id) responds in \(ms.format(metric.value(of: server) ?? 0)) (\(metric.source(for: server)))"
        case .terminations:
            let causes = (server.log?.terminations ?? [:]).filter { TerminationCode.isServerSide($0.key) }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
                .map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            return "\(server.id): \(AlertUnit.ratio.format(value ?? 0)) of requests ended on the server's side (\(causes))"
        case .latencyBaseline(_, let minimumSamples):
            let current = ms.format(server.responseTimeMs ?? 0)
            guard let baseline = Self.baseline(server.history, minimumSamples: minimumSamples) else {
                return "\(server.id) responds in \(current)"
            }
            return "\(server.id) responds in \(current), its usual is \(ms.format(baseline))"
        case .queue:
            return "\(server.id) has \(server.queue ?? 0) requests queued"
        case .sessions:
            return "\(server.id) has \(server.sessions ?? 0) of \(server.sessionLimit ?? 0) sessions"
        case .flapping:
            return "\(server.id) changed state \(server.recentStateChanges) times in 5 minutes (now \(server.state.label))"
        default:
            return "\(server.id): \((value ?? 0))"
        }
    }

    private func backendMessage(_ backend: ProxySnapshot, _ value: Double?) -> String {
        switch self {
        case .backendDown:
            return "backend \(backend.id.proxy) has no server up (\(backend.servers.count) configured)"
        case .errorRatio:
            return "backend \(backend.id.proxy) answers \(AlertUnit.ratio.format(value ?? 0)) with 5xx"
        case .flapping:
            let counts = backend.history.serverCount.filter { !$0.isNaN }
            let range = counts.isEmpty ? "" : " (between \(Int(counts.min()!)) and \(Int(counts.max()!)) servers)"
            return "backend \(backend.id.proxy) changed its server count \(backend.serverCountChanges) times\(range)"
        case .saturationAhead:
            guard let forecast = backend.forecast else { return "backend \(backend.id.proxy) has room at its current growth" }
            return forecast.sentence(backend: backend.id.proxy)
        case .queue:
            return "backend \(backend.id.proxy) has \(backend.queue ?? 0) requests queued with no server to take them"
        default:
            return "backend \(backend.id.proxy): \(value ?? 0)"
        }
    }
}
