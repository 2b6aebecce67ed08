/// The store's state for one balancer target: the rows of its latest poll with their rates and
/// history, and what is needed to recognise a counter reset on the next poll.
struct BalancerTrack {
    private let capacity: Int
    /// Rows in the order the endpoint lists them (frontends, backends and servers only).
    private(set) var order: [StatRow.Key] = []
    private(set) var proxies: [StatRow.Key: ProxyTrack] = [:]
    private(set) var servers: [StatRow.Key: ServerTrack] = [:]
    private var lastSampleAt: Double?
    private var process: BalancerProcess?

    init(capacity: Int) { self.capacity = capacity }

    /// Takes one successful poll; returns true when it found a counter reset (reload/restart).
    mutating func ingest(_ sample: BalancerSample, at time: Double) -> Bool {
        let seconds = lastSampleAt.map { time - $0 } ?? 0
        let reset = lastSampleAt != nil && isReset(sample, seconds: seconds)
        let comparable = lastSampleAt != nil && !reset && seconds > 0
        if let newProcess = sample.process { process = newProcess }
        lastSampleAt = time

        var newOrder: [StatRow.Key] = []
        newOrder.reserveCapacity(sample.rows.count)
        var newProxies: [StatRow.Key: ProxyTrack] = [:]
        var newServers: [StatRow.Key: ServerTrack] = [:]
        newProxies.reserveCapacity(proxies.count)
        newServers.reserveCapacity(max(servers.count, sample.rows.count))

        for row in sample.rows where row.kind != .listener {
            let key = row.key
            newOrder.append(key)
            if row.kind == .server {
                var track = servers[key] ?? ServerTrack(row: row, capacity: capacity)
                track.rates = comparable && servers[key] != nil
                    ? RowRates(previous: track.row, current: row, seconds: seconds) : .unknown
                track.row = row
                track.isStale = false
                newServers[key] = track
            } else {
                var track = proxies[key] ?? ProxyTrack(row: row, capacity: capacity)
                track.rates = comparable && proxies[key] != nil
                    ? RowRates(previous: track.row, current: row, seconds: seconds) : .unknown
                track.row = row
                track.isStale = false
                newProxies[key] = track
            }
        }
        order = newOrder
        proxies = newProxies
        servers = newServers
        computeShares()
        for key in order {
            if servers[key] != nil { servers[key]!.record() } else { proxies[key]!.record() }
        }
        return reset
    }

    /// A failed poll: every row keeps its last values, is marked stale and gets a gap.
    mutating func markStale() {
        for key in order {
            if servers[key] != nil { servers[key]!.recordGap() } else { proxies[key]?.recordGap() }
        }
    }

    /// A reset is a new process generation (`show info`), any counter lower than before, or every
    /// server's `lastchg` restarting (servers come back after a reload with fresh state ages).
    private func isReset(_ sample: BalancerSample, seconds: Double) -> Bool {
        if let process, let newProcess = sample.process, newProcess.isNewGeneration(comparedTo: process) {
            return true
        }
        var comparedServers = 0
        var restartedServers = 0
        for row in sample.rows where row.kind != .listener {
            let previous: StatRow
            if row.kind == .server {
                guard let track = servers[row.key] else { continue }
                previous = track.row
                if let before = previous[.lastchg], let now = row[.lastchg] {
                    comparedServers += 1
                    if now < before { restartedServers += 1 }
                }
            } else {
                guard let track = proxies[row.key] else { continue }
                previous = track.row
            }
            for field in StatField.counters {
                if let now = row[field], let before = previous[field], now < before { return true }
            }
        }
        return comparedServers > 0 && restartedServers == comparedServers
    }

    /// Share of each server in its backend's traffic over the interval, and its fair share by
    /// weight among the backend's serving servers (backups only when no active server serves).
    private mutating func computeShares() {
        var backendOrder: [String] = []
        var members: [String: [StatRow.Key]] = [:]
        for key in order where key.kind == .server {
            if members[key.proxy] == nil { backendOrder.append(key.proxy) }
            members[key.proxy, default: []].append(key)
        }
        for backend in backendOrder {
            let keys = members[backend] ?? []
            let total = keys.reduce(Int64(0)) { $0 + (servers[$1]?.rates.requestDelta ?? 0) }
            let serving = keys.filter { servers[$0]?.row.serverState.isServing == true }
            let activeServing = serving.filter { servers[$0]?.row[.bck] != 1 }
            let sharing = activeServing.isEmpty ? serving : activeServing
            let weightSum = sharing.reduce(Int64(0)) { $0 + max(0, servers[$1]?.row[.weight] ?? 0) }
            let sharingSet = Set(sharing)
            for key in keys {
                guard var track = servers[key] else { continue }
                if let delta = track.rates.requestDelta, total > 0 {
                    track.share = Double(delta) / Double(total)
                } else {
                    track.share = nil
                }
                if weightSum > 0 {
                    track.fairShare = sharingSet.contains(key) ? Double(max(0, track.row[.weight] ?? 0)) / Double(weightSum) : 0
                } else {
                    track.fairShare = nil
                }
                servers[key] = track
            }
        }
    }

    /// Frontends, backends and servers of this target, in endpoint order.
    func snapshots(target: TargetID) -> (frontends: [ProxySnapshot], backends: [ProxySnapshot], servers: [ServerSnapshot]) {
        var frontends: [ProxySnapshot] = []
        var backends: [ProxySnapshot] = []
        var serverSnapshots: [ServerSnapshot] = []
        var members: [String: [ServerID]] = [:]
        for key in order where key.kind == .server {
            members[key.proxy, default: []].append(ServerID(target: target, backend: key.proxy, server: key.name))
        }
        for key in order {
            if let server = servers[key] {
                serverSnapshots.append(server.snapshot(target: target))
            } else if let proxy = proxies[key] {
                if key.kind == .frontend {
                    frontends.append(proxy.snapshot(target: target, servers: []))
                } else {
                    backends.append(proxy.snapshot(target: target, servers: members[key.proxy] ?? []))
                }
            }
        }
        return (frontends, backends, serverSnapshots)
    }
}

extension StatField {
    /// The counter columns, checked for resets.
    static let counters: [StatField] = allCases.filter(\.isCounter)
}
