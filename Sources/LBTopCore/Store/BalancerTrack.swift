/// The store's state for one balancer target: the rows of its latest poll with their rates and
/// history, and what is needed to recognise a counter reset on the next poll.
///
/// Tracks live in arrays in endpoint order. When a poll lists the same rows in the same order as
/// the one before (the usual case) each row is matched by position, without hashing names.
struct BalancerTrack {
    private enum Slot {
        case server(Int)
        case proxy(Int)
    }

    private let capacity: Int
    /// Rows in the order the endpoint lists them (frontends, backends and servers only).
    private(set) var order: [StatRow.Key] = []
    private var slots: [Slot] = []
    private var servers: [ServerTrack] = []
    private var proxies: [ProxyTrack] = []
    private var lastSampleAt: Double?
    private var process: BalancerProcess?

    init(capacity: Int) { self.capacity = capacity }

    /// Takes one successful poll; returns true when it found a counter reset (reload/restart).
    mutating func ingest(_ sample: BalancerSample, at time: Double) -> Bool {
        let rows = sample.rows.filter { $0.kind != .listener }
        let previous = previousRows(for: rows)
        let seconds = lastSampleAt.map { time - $0 } ?? 0
        let reset = lastSampleAt != nil && isReset(rows, previous: previous, process: sample.process)
        let comparable = lastSampleAt != nil && !reset && seconds > 0
        if let newProcess = sample.process { process = newProcess }
        lastSampleAt = time

        let sameLayout = rows.count == order.count && zip(rows, order).allSatisfy { $0.key == $1 }
        if !sameLayout { relayout(rows) }
        for (index, row) in rows.enumerated() {
            let rates = comparable ? previous[index].map { RowRates(previous: $0, current: row, seconds: seconds) } ?? .unknown : .unknown
            switch slots[index] {
            case .server(let position): servers[position].update(row: row, rates: rates)
            case .proxy(let position): proxies[position].update(row: row, rates: rates)
            }
        }
        computeShares()
        for index in servers.indices { servers[index].record() }
        for index in proxies.indices { proxies[index].record() }
        return reset
    }

    /// A failed poll: every row keeps its last values, is marked stale and gets a gap.
    mutating func markStale() {
        for index in servers.indices { servers[index].recordGap() }
        for index in proxies.indices { proxies[index].recordGap() }
    }

    /// The previous reading of each row, matched by position when the layout is unchanged, by
    /// identity otherwise; nil for a row not seen before.
    private func previousRows(for rows: [StatRow]) -> [StatRow?] {
        func row(at slot: Slot) -> StatRow {
            switch slot {
            case .server(let position): servers[position].row
            case .proxy(let position): proxies[position].row
            }
        }
        if rows.count == order.count, zip(rows, order).allSatisfy({ $0.key == $1 }) {
            return slots.map { row(at: $0) }
        }
        var byKey: [StatRow.Key: Slot] = [:]
        for (key, slot) in zip(order, slots) { byKey[key] = slot }
        return rows.map { byKey[$0.key].map(row(at:)) }
    }

    /// Rebuilds the arrays for a new set or order of rows, keeping each known row's history.
    private mutating func relayout(_ rows: [StatRow]) {
        var knownServers: [StatRow.Key: ServerTrack] = [:]
        var knownProxies: [StatRow.Key: ProxyTrack] = [:]
        for (key, slot) in zip(order, slots) {
            switch slot {
            case .server(let position): knownServers[key] = servers[position]
            case .proxy(let position): knownProxies[key] = proxies[position]
            }
        }
        var newServers: [ServerTrack] = []
        var newProxies: [ProxyTrack] = []
        var newSlots: [Slot] = []
        for row in rows {
            if row.kind == .server {
                newSlots.append(.server(newServers.count))
                newServers.append(knownServers[row.key] ?? ServerTrack(row: row, capacity: capacity))
            } else {
                newSlots.append(.proxy(newProxies.count))
                newProxies.append(knownProxies[row.key] ?? ProxyTrack(row: row, capacity: capacity))
            }
        }
        order = rows.map(\.key)
        slots = newSlots
        servers = newServers
        proxies = newProxies
    }

    /// A reset is a new process generation (`show info`), a traffic counter lower than before, or
    /// every server's `lastchg` restarting (servers come back after a reload with fresh state ages).
    private func isReset(_ rows: [StatRow], previous: [StatRow?], process newProcess: BalancerProcess?) -> Bool {
        if let process, let newProcess, newProcess.isNewGeneration(comparedTo: process) { return true }
        var comparedServers = 0
        var restartedServers = 0
        for (row, before) in zip(rows, previous) {
            guard let before else { continue }
            for field in StatField.resetCounters {
                if let now = row[field], let then = before[field], now < then { return true }
            }
            if row.kind == .server, let then = before[.lastchg], let now = row[.lastchg] {
                comparedServers += 1
                if now < then { restartedServers += 1 }
            }
        }
        return comparedServers > 0 && restartedServers == comparedServers
    }

    /// Share of each server in its backend's traffic over the interval, and its fair share by
    /// weight among the backend's serving servers (backups only when no active server serves).
    private mutating func computeShares() {
        var members: [String: [Int]] = [:]
        for index in servers.indices { members[servers[index].row.proxy, default: []].append(index) }
        for indices in members.values {
            var total: Int64 = 0
            var activeWeight: Int64 = 0
            var backupWeight: Int64 = 0
            var activeServing = 0
            // Fields are read in place: copying a whole track would retain every string and series in it.
            for index in indices {
                total += servers[index].rates.requestDelta ?? 0
                guard servers[index].state.isServing else { continue }
                let weight = max(0, servers[index].row[.weight] ?? 0)
                if servers[index].row[.bck] == 1 { backupWeight += weight } else { activeWeight += weight; activeServing += 1 }
            }
            let backupsShare = activeServing == 0
            let weightSum = backupsShare ? backupWeight : activeWeight
            for index in indices {
                let share = servers[index].rates.requestDelta.flatMap { total > 0 ? Double($0) / Double(total) : nil }
                var fairShare: Double?
                if weightSum > 0 {
                    let sharing = servers[index].state.isServing && (servers[index].row[.bck] == 1) == backupsShare
                    fairShare = sharing ? Double(max(0, servers[index].row[.weight] ?? 0)) / Double(weightSum) : 0
                }
                servers[index].share = share
                servers[index].fairShare = fairShare
            }
        }
    }

    /// Frontends, backends and servers of this target, in endpoint order.
    func snapshots(target: TargetID) -> (frontends: [ProxySnapshot], backends: [ProxySnapshot], servers: [ServerSnapshot]) {
        var frontends: [ProxySnapshot] = []
        var backends: [ProxySnapshot] = []
        var serverSnapshots: [ServerSnapshot] = []
        serverSnapshots.reserveCapacity(servers.count)
        var members: [String: [ServerID]] = [:]
        // Tracks are read in place through buffer pointers: an array element a method is called on
        // may be copied first, retaining every string and series in it.
        servers.withUnsafeBufferPointer { servers in
            for index in servers.indices {
                members[servers[index].row.proxy, default: []].append(
                    ServerID(target: target, backend: servers[index].row.proxy, server: servers[index].row.name))
            }
            proxies.withUnsafeBufferPointer { proxies in
                for slot in slots {
                    switch slot {
                    case .server(let position):
                        serverSnapshots.append(servers[position].snapshot(target: target))
                    case .proxy(let position):
                        if proxies[position].row.kind == .frontend {
                            frontends.append(proxies[position].snapshot(target: target, servers: []))
                        } else {
                            backends.append(proxies[position].snapshot(target: target,
                                                                        servers: members[proxies[position].row.proxy] ?? []))
                        }
                    }
                }
            }
        }
        return (frontends, backends, serverSnapshots)
    }
}

extension StatField {
    /// Traffic counters checked for resets: any of them going backwards means a new process.
    static let resetCounters: [StatField] = [.stot, .reqTot, .bin, .bout, .hrsp1xx, .hrsp2xx, .hrsp3xx,
                                              .hrsp4xx, .hrsp5xx, .hrspOther, .connTot, .cliAbrt, .srvAbrt]
}
