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

    private let target: TargetID
    private let capacity: Int
    /// Rows in the order the endpoint lists them (frontends, backends and servers only).
    private(set) var order: [StatRow.Key] = []
    private var slots: [Slot] = []
    private var servers: [ServerTrack] = []
    private var proxies: [ProxyTrack] = []
    /// Positions in `servers` by backend, in endpoint order; made with the layout, not each poll.
    private var backendServers: [[Int]] = []
    /// Each backend's position in `backendServers`, by backend name.
    private var backendIndex: [String: Int] = [:]
    /// The identities of each backend's servers, as its snapshot lists them; made with the layout.
    private var backendMembers: [[ServerID]] = []
    private var lastSampleAt: Double?
    private var process: BalancerProcess?
    /// Servers that left, newest last, with the monotonic time of the first poll without them.
    private var gone: [(id: ServerID, state: ServerState, at: Double)] = []
    /// How many gone servers are kept.
    static let goneKept = 50
    /// The stick tables of the latest poll, by name (a backend's own table has its name).
    private var stickTables: [String: StickTable] = [:]

    /// The history of this target's snapshots built without series: one object per track, not
    /// one for the process, whose count every thread building snapshots would write.
    private let noHistory = ServerHistory()

    init(target: TargetID, capacity: Int) {
        self.target = target
        self.capacity = capacity
    }

    /// Takes one successful poll, appending to every row's series when `series`; returns true
    /// when it found a counter reset (reload/restart).
    mutating func ingest(_ sample: BalancerSample, at time: Double, series: Bool = true) -> Bool {
        // Listener rows are left out; a response without any (the usual) is taken as it is.
        let hasListeners = sample.rows.indices.contains { sample.rows[$0].kind == .listener }   // rows not copied
        let rows = hasListeners ? sample.rows.filter { $0.kind != .listener } : sample.rows
        let sameLayout = hasLayout(of: rows)
        // Same layout: each row's previous reading is at its own slot, no lookup array needed.
        let previous = sameLayout ? nil : previousSlots(for: rows)
        let seconds = lastSampleAt.map { time - $0 } ?? 0
        let reset = lastSampleAt != nil && isReset(rows, previous: previous, process: sample.process)
        let interval: Double? = lastSampleAt != nil && !reset && seconds > 0 ? seconds : nil
        let firstPoll = lastSampleAt == nil
        if let newProcess = sample.process { process = newProcess }
        lastSampleAt = time
        if !sample.stickTables.isEmpty || !stickTables.isEmpty {
            stickTables = Dictionary(sample.stickTables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }

        if !sameLayout { relayout(rows, at: time, firstPoll: firstPoll) }
        for index in rows.indices {
            switch slots[index] {
            case .server(let position): servers[position].update(from: rows, at: index, ratesOver: interval)
            case .proxy(let position): proxies[position].update(from: rows, at: index, ratesOver: interval)
            }
        }
        computeShares()
        for index in servers.indices { servers[index].record(at: time, series: series) }
        for index in proxies.indices where series {
            proxies[index].record(servers: proxies[index].row.kind == .backend ? serverCount(of: proxies[index].row.proxy) : nil)
        }
        return reset
    }

    /// A failed poll: every row keeps its last values, is marked stale and gets a gap.
    mutating func markStale() {
        for index in servers.indices { servers[index].recordGap() }
        for index in proxies.indices { proxies[index].recordGap() }
    }

    /// Whether `rows` are the rows of the previous poll in the same order (the usual case).
    private func hasLayout(of rows: [StatRow]) -> Bool {
        guard rows.count == order.count else { return false }
        for index in rows.indices {
            guard rows[index].kind == order[index].kind, rows[index].name == order[index].name,
                  rows[index].proxy == order[index].proxy else { return false }
        }
        return true
    }

    /// Where each row's previous reading is, matched by identity; nil for a row not seen before.
    private func previousSlots(for rows: [StatRow]) -> [Slot?] {
        var byKey: [StatRow.Key: Slot] = [:]
        for (key, slot) in zip(order, slots) { byKey[key] = slot }
        return rows.map { byKey[$0.key] }
    }

    /// The numeric columns of the reading at `slot`.
    private func numbers(at slot: Slot) -> ContiguousArray<Int64> {
        switch slot {
        case .server(let position): servers[position].numbers.values
        case .proxy(let position): proxies[position].row.numbers
        }
    }

    /// Servers of `backend` that are not free `server-template` slots.
    private func serverCount(of backend: String) -> Int {
        guard let group = backendIndex[backend] else { return 0 }
        return backendServers[group].filter { !servers[$0].state.isFreeSlot }.count
    }

    /// Free `server-template` slots of `backend`.
    private func freeSlots(of backend: String) -> Int {
        guard let group = backendIndex[backend] else { return 0 }
        return backendServers[group].filter { servers[$0].state.isFreeSlot }.count
    }

    /// Rebuilds the arrays for a new set or order of rows, keeping each known row's history. A
    /// server not seen before (after the first poll) is marked as appeared at `time`; one that is
    /// no longer listed goes to the gone list (a free template slot that empties is not a server
    /// gone; a server back under a gone name is new, its counters from 0).
    private mutating func relayout(_ rows: [StatRow], at time: Double, firstPoll: Bool) {
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
                if let known = knownServers.removeValue(forKey: row.key) {
                    newServers.append(known)
                } else {
                    var track = ServerTrack(row: row, target: target, capacity: capacity)
                    if !firstPoll { track.appearedAt = time }
                    newServers.append(track)
                    gone.removeAll { $0.id.backend == row.proxy && $0.id.server == row.name }
                }
            } else {
                newSlots.append(.proxy(newProxies.count))
                newProxies.append(knownProxies[row.key] ?? ProxyTrack(row: row, capacity: capacity))
            }
        }
        for key in order {   // the servers not listed any more, in their old order
            guard let track = knownServers[key], !track.state.isFreeSlot else { continue }
            gone.append((track.id, track.state, time))
        }
        if gone.count > Self.goneKept { gone.removeFirst(gone.count - Self.goneKept) }
        order = rows.map(\.key)
        slots = newSlots
        servers = newServers
        proxies = newProxies
        backendServers = []
        backendIndex = [:]
        for position in servers.indices {
            let backend = servers[position].id.backend
            if let group = backendIndex[backend] {
                backendServers[group].append(position)
            } else {
                backendIndex[backend] = backendServers.count
                backendServers.append([position])
            }
        }
        backendMembers = backendServers.map { group in group.map { servers[$0].id } }
    }

    /// A reset is a new process generation (`show info`), a traffic counter lower than before, or
    /// every server's `lastchg` restarting (servers come back after a reload with fresh state ages).
    /// `previous`: where each row's previous reading is (nil: at the row's own slot, same layout).
    private func isReset(_ rows: [StatRow], previous: [Slot?]?, process newProcess: BalancerProcess?) -> Bool {
        if let process, let newProcess, newProcess.isNewGeneration(comparedTo: process) { return true }
        var comparedServers = 0
        var restartedServers = 0
        for index in rows.indices {
            let slot: Slot? = if let previous { previous[index] } else { slots[index] }
            guard let slot else { continue }
            let now = rows[index].numbers, then = numbers(at: slot)
            for field in StatField.resetCounters {
                let current = now[field.rawValue], earlier = then[field.rawValue]
                if current != StatRow.missing, earlier != StatRow.missing, current < earlier { return true }
            }
            let current = now[StatField.lastchg.rawValue], earlier = then[StatField.lastchg.rawValue]
            if rows[index].kind == .server, current != StatRow.missing, earlier != StatRow.missing {
                comparedServers += 1
                if current < earlier { restartedServers += 1 }
            }
        }
        return comparedServers > 0 && restartedServers == comparedServers
    }

    /// Share of each server in its backend's traffic over the interval, and its fair share by
    /// weight among the backend's serving servers (backups only when no active server serves).
    private mutating func computeShares() {
        for indices in backendServers {
            var total = 0.0
            var activeWeight: Int64 = 0
            var backupWeight: Int64 = 0
            var activeServing = 0
            for index in indices {
                total += servers[index].rates.shareBasis ?? 0
                guard servers[index].state.isServing else { continue }
                let weight = max(0, servers[index].numbers[.weight] ?? 0)
                if servers[index].numbers[.bck] == 1 { backupWeight += weight } else { activeWeight += weight; activeServing += 1 }
            }
            let backupsShare = activeServing == 0
            let weightSum = backupsShare ? backupWeight : activeWeight
            for index in indices {
                let share = servers[index].rates.shareBasis.flatMap { total > 0 ? $0 / total : nil }
                var fairShare: Double?
                if weightSum > 0 {
                    let sharing = servers[index].state.isServing && (servers[index].numbers[.bck] == 1) == backupsShare
                    fairShare = sharing ? Double(max(0, servers[index].numbers[.weight] ?? 0)) / Double(weightSum) : 0
                }
                servers[index].share = share
                servers[index].fairShare = fairShare
            }
        }
    }

    /// Frontends, backends and servers of this target, in endpoint order (with their series when
    /// `history`), and the servers gone within `window` seconds, newest first; `now` is monotonic.
    func snapshots(now: Double, window: Double, history: Bool = true)
        -> (frontends: [ProxySnapshot], backends: [ProxySnapshot], servers: [ServerSnapshot], gone: [GoneServer]) {
        var frontends: [ProxySnapshot] = []
        var backends: [ProxySnapshot] = []
        var serverSnapshots: [ServerSnapshot] = []
        serverSnapshots.reserveCapacity(servers.count)
        for slot in slots {
            switch slot {
            case .server(let position):
                var server = servers[position].snapshot(now: now, emptyHistory: history ? nil : noHistory)
                if !stickTables.isEmpty, let entries = stickTables[server.id.backend]?.entriesByServer {
                    server.stickEntries = entries[server.id.server] ?? 0
                }
                serverSnapshots.append(server)
            case .proxy(let position):
                let proxy = proxies[position]
                if proxy.row.kind == .frontend {
                    frontends.append(proxy.snapshot(target: target, servers: [], history: history))
                } else {
                    var backend = proxy.snapshot(target: target,
                                                 servers: backendIndex[proxy.row.proxy].map { backendMembers[$0] } ?? [],
                                                 freeSlots: freeSlots(of: proxy.row.proxy), history: history)
                    if !stickTables.isEmpty { backend.stickTable = stickTables[proxy.row.proxy] }
                    backends.append(backend)
                }
            }
        }
        let recent = gone.reversed().filter { now - $0.at < window }
            .map { GoneServer(id: $0.id, lastState: $0.state, secondsAgo: max(0, now - $0.at)) }
        return (frontends, backends, serverSnapshots, recent)
    }
}

extension StatField {
    /// Traffic counters checked for resets: any of them going backwards means a new process.
    static let resetCounters: [StatField] = [.stot, .reqTot, .bin, .bout, .hrsp1xx, .hrsp2xx, .hrsp3xx,
                                              .hrsp4xx, .hrsp5xx, .hrspOther, .connTot, .cliAbrt, .srvAbrt]
}
