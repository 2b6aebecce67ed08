/// Where a backend is heading at its current growth: when its first server saturates (its
/// sessions reach `maxconn`, or its node's CPU 100 %), and how many servers of the current size
/// would keep every one under 70 % by the forecast horizon. Made only from significant trends
/// (`TrendFit`): a backend whose servers' load is flat, noisy or stepped has no forecast.
public struct CapacityForecast: Sendable, Equatable, Codable {
    public enum Resource: String, Sendable, Codable { case sessions, cpu }

    /// The server predicted to saturate first, and on what.
    public var server: ServerID
    public var resource: Resource
    /// Seconds until it saturates, with the range two standard errors of the slope allow
    /// (`latestSeconds` nil: the slope might be 0).
    public var secondsToSaturation: Double
    public var earliestSeconds: Double
    public var latestSeconds: Double?
    /// Serving servers now, and how many would keep each under `targetUtilization` at the horizon
    /// if the load were spread evenly over them.
    public var servers: Int
    public var serversNeeded: Int
    /// The backend's request rate change per minute, when that is a significant trend too.
    public var requestRateGrowthPerMinute: Double?

    /// How far ahead `serversNeeded` looks: the `saturation-ahead` rule's default horizon.
    public static let horizonSeconds = 600.0
    public static let targetUtilization = 0.7
    /// Polls of each series the fit reads: the newest, kept one per poll.
    public static let fitPolls = 240

    public init(server: ServerID, resource: Resource, secondsToSaturation: Double, earliestSeconds: Double,
                latestSeconds: Double?, servers: Int, serversNeeded: Int, requestRateGrowthPerMinute: Double? = nil) {
        self.server = server; self.resource = resource; self.secondsToSaturation = secondsToSaturation
        self.earliestSeconds = earliestSeconds; self.latestSeconds = latestSeconds; self.servers = servers
        self.serversNeeded = serversNeeded; self.requestRateGrowthPerMinute = requestRateGrowthPerMinute
    }

    /// The forecast of `backend` from its serving servers (`servers`: their indices in
    /// `snapshot.servers`) and their joined nodes (`nodes`: index by id).
    public static func forecast(backend: ProxySnapshot, servers: Range<Int>, in snapshot: Snapshot,
                                nodes: [NodeID: Int]) -> CapacityForecast? {
        guard !backend.isStale, snapshot.interval > 0, !servers.isEmpty else { return nil }
        let interval = snapshot.interval
        let horizonPolls = horizonSeconds / interval
        var first: (server: Int, resource: Resource, crossing: (expected: Double, earliest: Double, latest: Double?))?
        var projectedLoad = 0.0, serving = 0
        let all = snapshot.servers   // each server's fields read in place, not a copy of it
        for index in servers {
            guard all[index].state.isServing, !all[index].isBackup, !all[index].isStale else { continue }
            serving += 1
            var projected = 0.0
            func consider(_ resource: Resource, _ values: Series, scale: Double) {
                guard let fit = values.trendFit(lastPolls: fitPolls, scale: scale) else { return }
                let latest = (values.suffix(fitPolls).last { $0.isFinite } ?? 0) * scale
                projected = max(projected, fit.isSignificant ? max(latest, fit.current + fit.slope * horizonPolls) : latest)
                guard let crossing = fit.pointsUntil(1) else { return }
                if first == nil || crossing.expected < first!.crossing.expected { first = (index, resource, crossing) }
            }
            if let limit = all[index].sessionLimit, limit > 0 { consider(.sessions, all[index].history.sessions, scale: 1 / Double(limit)) }
            if let node = all[index].node, let nodeIndex = nodes[node] {
                consider(.cpu, snapshot.nodes[nodeIndex].history.cpuPercent, scale: 0.01)
            }
            projectedLoad += projected
        }
        guard let first, serving > 0 else { return nil }
        let needed = max(serving, Int((projectedLoad / targetUtilization).rounded(.up)))
        var growth: Double?
        if let fit = backend.history.requestRate.trendFit(lastPolls: fitPolls), fit.isSignificant {
            growth = fit.slope * 60 / interval
        }
        return CapacityForecast(server: snapshot.servers[first.server].id, resource: first.resource,
                                secondsToSaturation: first.crossing.expected * interval,
                                earliestSeconds: first.crossing.earliest * interval,
                                latestSeconds: first.crossing.latest.map { $0 * interval }, servers: serving,
                                serversNeeded: needed, requestRateGrowthPerMinute: growth)
    }

    /// Every backend's forecast: servers come grouped by backend, so each backend's run of
    /// servers is found in one pass.
    public static func forecasts(in snapshot: Snapshot) -> [CapacityForecast?] {
        guard !snapshot.backends.isEmpty else { return [] }
        var runs: [ProxyID: Range<Int>] = [:]
        var start = 0
        while start < snapshot.servers.count {
            var end = start + 1
            while end < snapshot.servers.count && snapshot.servers[end].id.sameBackend(as: snapshot.servers[start].id) { end += 1 }
            runs[snapshot.servers[start].id.proxyID] = start..<end
            start = end
        }
        var nodes: [NodeID: Int] = [:]
        for index in snapshot.nodes.indices where nodes[snapshot.nodes[index].id] == nil { nodes[snapshot.nodes[index].id] = index }
        return snapshot.backends.map { backend in
            forecast(backend: backend, servers: runs[backend.id] ?? 0..<0, in: snapshot, nodes: nodes)
        }
    }
}

extension CapacityForecast {
    /// `backend app: app/app2 reaches its maxconn in about 7m00s (5m10s–11m40s) at the current
    /// growth; 6 servers would keep each under 70 % (4 now)`.
    public func sentence(backend: String) -> String {
        func minutes(_ seconds: Double) -> String {
            let s = Int(seconds.rounded())
            return s < 60 ? "\(s)s" : "\(s / 60)m" + (s % 60 < 10 ? "0" : "") + "\(s % 60)s"
        }
        let what = resource == .sessions ? "its maxconn" : "100% CPU on its node"
        let range = " (" + minutes(earliestSeconds) + "–" + (latestSeconds.map(minutes) ?? "never") + ")"
        return "backend \(backend): \(server) reaches \(what) in about \(minutes(secondsToSaturation))\(range) "
            + "at the current growth; \(serversNeeded) servers would keep each under 70% (\(servers) now)"
    }
}
