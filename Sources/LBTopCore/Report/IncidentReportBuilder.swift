import Foundation

/// Gathers an `IncidentReport` from snapshots in time order (`add(_:)`), the recorded alert
/// transitions and actions, then `finish()`es it. Work per snapshot is one pass over its servers.
/// A recording can be gathered in parts, one builder per stretch of time, then `append`ed in order.
public struct IncidentReportBuilder: Sendable {
    private var first: Date?
    private var last: Date?
    private var targets: [String] = []
    private var peakRequestRate: IncidentReport.Peak?
    private var peakResponseTime: IncidentReport.Peak?
    private var peakNodeCPU: IncidentReport.Peak?
    private var peakNodeMemory: IncidentReport.Peak?
    private var worstShare: IncidentReport.ShareMoment?
    private var timeline: [IncidentReport.Event] = []
    /// Per server, by slot (the order servers were first seen); `slots` finds a server's slot.
    private var slots: [ServerID: Int] = [:]
    private var ids: [ServerID] = []
    private var peaks: [IncidentReport.ServerPeaks] = []
    private var states: [ServerState?] = []
    private var downSince: [Date?] = []
    /// Each slot's place among its backend's servers.
    private var members: [Int] = []
    /// The slots of the previous snapshot's servers, reused while its server list is the same.
    private var lastIDs: [ServerID] = []
    private var lastSlots: [Int] = []
    private var downtimes: [IncidentReport.Downtime] = []
    private var health: [TargetID: TargetStatus.Health] = [:]
    private var resets: [TargetID: Int] = [:]
    private var minutes: [ProxyID: MinuteTotals] = [:]
    private var backendServers: [ProxyID: [ServerID]] = [:]
    private var incidentBackends: Set<ProxyID> = []
    private var incidentSubjects: Set<String> = []
    /// The time of the snapshot this builder was `prime`d with: what came before its stretch.
    private var primedAt: Date?

    public init() {}

    public mutating func add(_ snapshot: Snapshot) {
        let time = snapshot.time
        if first == nil { first = time; targets = snapshot.targets.map(\.displayURL) }
        last = time
        for target in snapshot.targets { note(target, at: time) }
        let total = snapshot.frontends.compactMap(\.requestRate).reduce(0, +)
        if !snapshot.frontends.isEmpty { raise(&peakRequestRate, total, at: time, subject: nil) }
        let rates = Dictionary(snapshot.backends.map { ($0.id, $0.requestRate ?? 0) }, uniquingKeysWith: { a, _ in a })
        // Servers are read in place by index: each is a few hundred bytes, not to be copied out.
        let servers = snapshot.servers
        let sameServers = servers.count == lastIDs.count && servers.indices.allSatisfy { servers[$0].id == lastIDs[$0] }
        if !sameServers {
            lastIDs = servers.map(\.id)
            lastSlots = lastIDs.map { slot(for: $0) }
        }
        var backendRate = 0.0
        var backend: ProxyID?
        for index in servers.indices {
            if backend.map({ servers[index].id.backend != $0.proxy || servers[index].id.target != $0.target }) ?? true {
                backend = servers[index].id.proxyID
                backendRate = rates[servers[index].id.proxyID] ?? 0
            }
            note(servers[index], slot: lastSlots[index], at: time, backendRate: backendRate)
        }
        for node in snapshot.nodes {
            if let cpu = node.cpuPercent { raise(&peakNodeCPU, cpu, at: time, subject: node.name) }
            if let memory = node.memoryPercent { raise(&peakNodeMemory, memory, at: time, subject: node.name) }
        }
    }

    /// A recorded alert transition: into the timeline, and its backend counts as having an incident.
    public mutating func add(alert record: AlertLogRecord) {
        let state = record.state == .acknowledged ? "acknowledged" : record.state.rawValue
        timeline.append(.init(time: record.time, kind: .alert, subject: record.subject,
                              detail: "\(record.rule) \(record.severity.rawValue) \(state): \(record.message)",
                              by: record.acknowledgedBy))
        incidentSubjects.insert(record.subject)
    }

    public mutating func add(action: RecordedAction, at time: Date) {
        timeline.append(.init(time: time, kind: .action, subject: action.subjects.joined(separator: ", "),
                              detail: action.action, by: action.user))
    }

    public func finish() -> IncidentReport {
        let end = last ?? Date(timeIntervalSince1970: 0)
        var downtimes = self.downtimes
        var peaks = self.peaks
        for (slot, since) in downSince.enumerated() {
            guard let since else { continue }
            downtimes.append(.init(server: ids[slot].description, target: ids[slot].target.rawValue, from: since, to: nil,
                                   seconds: end.timeIntervalSince(since)))
            peaks[slot].downSeconds += end.timeIntervalSince(since)
        }
        downtimes.sort { ($0.from, $0.server) < ($1.from, $1.server) }
        let summary = IncidentReport.Summary(
            from: first ?? end, to: end, seconds: end.timeIntervalSince(first ?? end), targets: targets,
            peakRequestRate: peakRequestRate, downtimes: downtimes, worstShare: worstShare,
            peakResponseTime: peakResponseTime, peakNodeCPU: peakNodeCPU, peakNodeMemory: peakNodeMemory)
        let backends = backendServers.keys.filter { backend in
            incidentBackends.contains(backend) || incidentSubjects.contains { subject in
                subject == "backend \(backend.proxy)" || subject.hasPrefix("\(backend.proxy)/")
            }
        }.sorted()
        let distributions = backends.map { backend in
            let members = backendServers[backend] ?? []
            return IncidentReport.BackendDistribution(
                backend: backend.proxy, target: backend.target.rawValue, servers: members.map(\.server),
                minutes: (minutes[backend]?.minutes ?? []).map { minute in
                    let sum = minute.rates.reduce(0, +)
                    return .init(start: minute.start,
                                 shares: members.indices.map { sum > 0 ? minute.rate(of: $0) / sum : nil },
                                 requestRate: minute.snapshots > 0 ? sum / Double(minute.snapshots) : 0)
                })
        }
        return IncidentReport(summary: summary, timeline: timeline.sorted { $0.time < $1.time },
                              servers: peaks, distributions: distributions)
    }

    private mutating func note(_ target: TargetStatus, at time: Date) {
        let before = health[target.id]
        health[target.id] = target.health
        if target.health == .stale, before != .stale {
            timeline.append(.init(time: time, kind: .stale, subject: target.displayURL,
                                  detail: "not answering: \(target.lastError ?? "no answer")", by: nil))
        } else if target.health == .fresh, before == .stale {
            timeline.append(.init(time: time, kind: .answering, subject: target.displayURL, detail: "answering again", by: nil))
        }
        if let previous = resets[target.id], target.resets > previous {
            timeline.append(.init(time: time, kind: .reload, subject: target.displayURL,
                                  detail: "reload or restart (counters reset)", by: nil))
        }
        resets[target.id] = target.resets
    }

    private mutating func slot(for id: ServerID) -> Int {
        if let slot = slots[id] { return slot }
        slots[id] = ids.count
        ids.append(id)
        peaks.append(.init(server: id.description, target: id.target.rawValue, downSeconds: 0))
        states.append(nil)
        downSince.append(nil)
        backendServers[id.proxyID, default: []].append(id)
        members.append(backendServers[id.proxyID]!.count - 1)
        minutes[id.proxyID] = minutes[id.proxyID] ?? MinuteTotals()
        return ids.count - 1
    }

    private mutating func note(_ server: ServerSnapshot, slot: Int, at time: Date, backendRate: Double) {
        let id = ids[slot]
        if server.state != states[slot] {
            if let before = states[slot] {
                timeline.append(.init(time: time, kind: .state, subject: id.description,
                                      detail: "\(before.label) → \(server.state.label)", by: nil))
            }
            states[slot] = server.state
        }
        if server.state.isFailed, downSince[slot] == nil {
            downSince[slot] = time
            incidentBackends.insert(id.proxyID)
        } else if !server.state.isFailed, let since = downSince[slot] {
            downSince[slot] = nil
            downtimes.append(.init(server: id.description, target: id.target.rawValue, from: since, to: time,
                                   seconds: time.timeIntervalSince(since)))
            peaks[slot].downSeconds += time.timeIntervalSince(since)
        }
        peaks[slot].peakRequestRate = max(peaks[slot].peakRequestRate, server.requestRate)
        peaks[slot].peakShare = max(peaks[slot].peakShare, server.share)
        peaks[slot].peakErrorRate = max(peaks[slot].peakErrorRate, server.errorRate)
        peaks[slot].peakResponseTimeMs = max(peaks[slot].peakResponseTimeMs, server.responseTimeMs)
        if let rtime = server.responseTimeMs { raise(&peakResponseTime, rtime, at: time, subject: id.description) }
        if let share = server.share, let fair = server.fairShare, fair > 0, backendRate >= AlertCondition.defaultMinimumRate,
           share / fair > (worstShare?.ratio ?? 0) {
            worstShare = .init(server: id.description, share: share, fairShare: fair, at: time)
        }
        minutes[id.proxyID]?.add(server.requestRate ?? 0, member: members[slot], at: time)
    }

    /// Starts a later stretch of the recording where the one before it ended: `snapshot` is the
    /// last snapshot of that stretch, and sets each server's state, the downs still open and each
    /// target's health and reset count, so that only changes after it count.
    mutating func prime(with snapshot: Snapshot) {
        primedAt = snapshot.time
        for target in snapshot.targets {
            health[target.id] = target.health
            resets[target.id] = target.resets
        }
        for server in snapshot.servers {
            let slot = slot(for: server.id)
            states[slot] = server.state
            if server.state.isFailed { downSince[slot] = snapshot.time }
        }
    }

    /// Takes `later`, gathered over the stretch right after this one and primed with this one's
    /// last snapshot, as if its snapshots had been added here: a down open at the seam is one
    /// down, and every sum is made in the order one pass makes it.
    mutating func append(_ later: IncidentReportBuilder) {
        if first == nil { first = later.first; targets = later.targets }
        if later.last != nil { last = later.last }
        raise(&peakRequestRate, to: later.peakRequestRate)
        raise(&peakResponseTime, to: later.peakResponseTime)
        raise(&peakNodeCPU, to: later.peakNodeCPU)
        raise(&peakNodeMemory, to: later.peakNodeMemory)
        if let moment = later.worstShare, moment.ratio > (worstShare?.ratio ?? 0) { worstShare = moment }
        timeline += later.timeline
        incidentBackends.formUnion(later.incidentBackends)
        incidentSubjects.formUnion(later.incidentSubjects)
        health = later.health
        resets = later.resets

        var slotOf: [Int] = []
        for id in later.ids { slotOf.append(slot(for: id)) }
        for (laterSlot, slot) in slotOf.enumerated() {
            let theirs = later.peaks[laterSlot]
            peaks[slot].peakRequestRate = max(peaks[slot].peakRequestRate, theirs.peakRequestRate)
            peaks[slot].peakShare = max(peaks[slot].peakShare, theirs.peakShare)
            peaks[slot].peakErrorRate = max(peaks[slot].peakErrorRate, theirs.peakErrorRate)
            peaks[slot].peakResponseTimeMs = max(peaks[slot].peakResponseTimeMs, theirs.peakResponseTimeMs)
            if let state = later.states[laterSlot] { states[slot] = state }
        }
        // A down `later` saw from its priming snapshot began here: it runs from when it began.
        let seam = later.primedAt
        let laterSlots = Dictionary(later.ids.indices.map { (DownKey(later.ids[$0]), $0) }, uniquingKeysWith: { a, _ in a })
        for var downtime in later.downtimes {
            guard let laterSlot = laterSlots[DownKey(downtime)] else { continue }
            let slot = slotOf[laterSlot]
            if downtime.from == seam, let since = downSince[slot], let end = downtime.to {
                downtime.from = since
                downtime.seconds = end.timeIntervalSince(since)
            }
            downSince[slot] = nil
            downtimes.append(downtime)
            peaks[slot].downSeconds += downtime.seconds
        }
        for (laterSlot, slot) in slotOf.enumerated() {
            let since = later.downSince[laterSlot]
            downSince[slot] = since != nil && since == seam ? (downSince[slot] ?? since) : since
        }
        for (backend, totals) in later.minutes {
            let places = (later.backendServers[backend] ?? []).map { members[slots[$0]!] }
            minutes[backend, default: MinuteTotals()].append(totals, members: places)
        }
        lastIDs = []
        lastSlots = []
    }

    private func raise(_ peak: inout IncidentReport.Peak?, to other: IncidentReport.Peak?) {
        if let other { raise(&peak, other.value, at: other.at, subject: other.subject) }
    }

    private func max(_ a: Double?, _ b: Double?) -> Double? {
        guard let b else { return a }
        guard let a else { return b }
        return Swift.max(a, b)
    }

    /// `subject` is named only when the peak is raised: it is asked for every server of every snapshot.
    private func raise(_ peak: inout IncidentReport.Peak?, _ value: Double, at time: Date, subject: @autoclosure () -> String?) {
        if value > (peak?.value ?? -.infinity) { peak = .init(value: value, at: time, subject: subject()) }
    }
}

/// A server as a downtime names it.
private struct DownKey: Hashable {
    var server: String
    var target: String
    init(_ id: ServerID) { server = id.description; target = id.target.rawValue }
    init(_ downtime: IncidentReport.Downtime) { server = downtime.server; target = downtime.target }
}

/// Request rates summed per server and minute of wall time.
private struct MinuteTotals: Sendable {
    struct Minute: Sendable {
        var start: Date
        /// By the server's place in its backend, summed in that order: the same sums, to the last
        /// bit, on every run.
        var rates: [Double] = []
        var snapshots = 0
        var lastTime: Date?

        func rate(of member: Int) -> Double { rates.indices.contains(member) ? rates[member] : 0 }
    }
    var minutes: [Minute] = []

    mutating func add(_ rate: Double, member: Int, at time: Date) {
        let start = Date(timeIntervalSince1970: (time.timeIntervalSince1970 / 60).rounded(.down) * 60)
        if minutes.last?.start != start { minutes.append(Minute(start: start)) }
        let last = minutes.count - 1
        if minutes[last].rates.count <= member {
            minutes[last].rates += repeatElement(0, count: member + 1 - minutes[last].rates.count)
        }
        minutes[last].rates[member] += rate
        if minutes[minutes.count - 1].lastTime != time {
            minutes[minutes.count - 1].lastTime = time
            minutes[minutes.count - 1].snapshots += 1
        }
    }

    /// Takes the minutes of a later stretch, whose member `i` is member `members[i]` here.
    mutating func append(_ later: MinuteTotals, members: [Int]) {
        for var minute in later.minutes {
            var rates = [Double](repeating: 0, count: (members.max() ?? -1) + 1)
            for (member, rate) in minute.rates.enumerated() where member < members.count { rates[members[member]] = rate }
            minute.rates = rates
            if let last = minutes.last, last.start == minute.start {
                // A minute split between stretches (not where parts are cut): summed, not to the bit.
                let count = Swift.max(last.rates.count, rates.count)
                minute.rates = (0..<count).map { last.rate(of: $0) + minute.rate(of: $0) }
                minute.snapshots += last.snapshots
                minutes[minutes.count - 1] = minute
            } else {
                minutes.append(minute)
            }
        }
    }
}
