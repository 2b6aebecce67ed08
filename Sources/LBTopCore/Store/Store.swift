import Foundation

/// Keeps the rolling window of every target and builds `Snapshot`s. Counters become per-second
/// rates here; a counter reset (balancer reload) leaves a gap, never a negative rate or a spike.
/// Memory is bounded by `StoreOptions.capacity` points per series.
public struct Store: Sendable {
    public let options: StoreOptions
    private var order: [TargetID] = []
    private var statuses: [TargetID: TargetStatus] = [:]
    private var lastSuccess: [TargetID: Double] = [:]
    private var balancers: [TargetID: BalancerTrack] = [:]
    private var nodes: NodeTracker
    private var logs: LogStore
    private var tiers: TierTracker
    /// Each Prometheus target's balancer and node instances, as they were first seen.
    private var fleets: [TargetID: FleetMembers] = [:]

    public init(options: StoreOptions = .init()) {
        self.options = options
        self.nodes = NodeTracker(capacity: options.capacity)
        self.logs = LogStore(window: options.logWindow, foldsRequests: options.keeps.contains(.logFigures))
        self.tiers = TierTracker(capacity: options.capacity)
    }

    /// Lists a target before its first poll so it shows as pending.
    public mutating func register(_ collector: any Collector) {
        register(id: collector.id, role: collector.role, displayURL: collector.displayURL)
        if let tier = collector as? TierCollector {
            tiers.register(id: tier.id, name: tier.name, kind: tier.kind, role: tier.tierRole)
        }
        if let fleet = collector as? PrometheusFleetCollector {
            for (instance, servers) in fleet.nodeServers.sorted(by: { $0.key < $1.key }) { register(fleetNode: instance, servers: servers) }
        }
    }

    public mutating func register(id: TargetID, role: TargetStatus.Role, displayURL: String) {
        guard statuses[id] == nil else { return }
        order.append(id)
        statuses[id] = TargetStatus(id: id, role: role, displayURL: displayURL)
    }

    /// Declares a node with its explicit server joins before its first poll.
    public mutating func register(node spec: NodeTargetSpec) {
        nodes.register(spec)
    }

    /// Takes one poll result. `foldingRequests` false: a log batch's requests are counted, not
    /// folded into the log window (a replay's poll too old for the window it will show).
    public mutating func ingest(_ result: PollResult, foldingRequests: Bool = true) {
        register(id: result.target, role: result.role, displayURL: result.displayURL)
        var status = statuses[result.target]!
        switch result.outcome {
        case .success(.balancer(let sample)):
            // Mutated in place: a copy would share, then duplicate, every ring buffer.
            if balancers[result.target, default: BalancerTrack(target: result.target, capacity: options.capacity)]
                .ingest(sample, at: result.at, series: options.keeps.contains(.history)) {
                status.resets += 1
            }
            status.format = sample.format
            status.skippedLines += sample.skippedLines
            markFresh(&status, at: result.at)
        case .success(.node(let sample)):
            nodes.ingest(sample, node: NodeID(result.target.rawValue), name: result.name, host: result.host, at: result.at)
            status.skippedLines += sample.skippedLines
            markFresh(&status, at: result.at)
        case .success(.logs(let batch)):
            logs.ingest(batch, from: result.target, at: result.at, status: &status, folding: foldingRequests)
            markFresh(&status, at: result.at)
        case .success(.fleet(let fleet)):
            status.format = PayloadFormat.prometheusFleet.rawValue
            markFresh(&status, at: result.at)
            statuses[result.target] = status
            ingest(fleet, from: result.target, at: result.at)
            return
        case .success(.tier(let sample)):
            tiers.ingest(sample, tier: result.target, name: result.name, at: result.at)
            status.format = sample.kind.rawValue
            status.skippedLines += sample.skippedLines
            markFresh(&status, at: result.at)
        case .failure(let error):
            if result.role == .tier {
                tiers.markStale(tier: result.target)
            } else if result.role == .fleet {
                let reason = "via " + result.displayURL + ": " + error.message
                for member in fleets[result.target]?.all ?? [] { ingest(member.failed(reason, at: result.at)) }
            } else if result.role == .node {
                nodes.markStale(node: NodeID(result.target.rawValue), name: result.name, host: result.host, at: result.at)
            } else {
                balancers[result.target]?.markStale()
            }
            status.health = .stale
            status.lastError = error.message
        }
        statuses[result.target] = status
    }

    /// Each instance of a fleet poll as a poll of its own target, named by its `instance` label;
    /// an instance known from earlier polls and missing now (its series went stale) or whose last
    /// scrape failed is stale with that reason.
    private mutating func ingest(_ fleet: FleetSample, from source: TargetID, at time: Double) {
        var members = fleets[source] ?? FleetMembers()
        let unscraped = Dictionary(fleet.unscraped.map { ($0.instance, $0.reason) }, uniquingKeysWith: { a, _ in a })
        var present = Set<TargetID>()
        for balancer in fleet.balancers where unscraped[balancer.instance] == nil {
            let member = members.add(balancer.instance, role: .balancer)
            present.insert(member.id)
            ingest(member.result(.success(.balancer(balancer.sample)), at: time))
        }
        for node in fleet.nodes where unscraped[node.instance] == nil {
            let member = members.add(node.instance, role: .node)
            present.insert(member.id)
            ingest(member.result(.success(.node(node.sample)), at: time))
        }
        for member in members.all where !present.contains(member.id) {
            ingest(member.failed(unscraped[member.id.rawValue] ?? "gone from Prometheus's last scrape", at: time))
        }
        fleets[source] = members
    }

    /// Nodes joined to servers with the fleets' servers given what addresses direct targets know,
    /// and each fleet's note on the servers that joined no node.
    private func joinFleets(_ snapshot: inout Snapshot) {
        var fleetTargets = Set<TargetID>()
        for members in fleets.values { for member in members.all where member.role == .balancer { fleetTargets.insert(member.id) } }
        var direct: [TargetID: String] = [:]
        for status in snapshot.targets where status.role == .balancer && !fleetTargets.contains(status.id) {
            if let host = FleetJoin.host(ofTarget: status.displayURL) { direct[status.id] = host }
        }
        FleetJoin.learnAddresses(&snapshot.servers, fleet: fleetTargets, direct: direct)
        snapshot.nodes = nodes.snapshots(joining: &snapshot.servers)
        for index in snapshot.targets.indices where snapshot.targets[index].role == .fleet {
            guard let members = fleets[snapshot.targets[index].id] else { continue }
            let balancers = Set(members.all.filter { $0.role == .balancer }.map(\.id))
            snapshot.targets[index].note = FleetJoin.note(servers: snapshot.servers, members: balancers, nodeCount: snapshot.nodes.count)
        }
    }

    /// Declares a fleet's node instance with the servers it runs (`[[prometheus.node]]`).
    public mutating func register(fleetNode instance: String, servers: [String]) {
        let member = FleetMembers.Member(id: TargetID(instance), role: .node)
        nodes.register(id: NodeID(instance), name: member.nodeName, host: FleetSample.host(ofInstance: instance), servers: servers)
    }

    private mutating func markFresh(_ status: inout TargetStatus, at time: Double) {
        status.health = .fresh
        status.lastError = nil
        lastSuccess[status.id] = time
    }

    /// The current state of everything, at wall time `time` and monotonic time `now`, with the
    /// parts of `content` (the report's replay asks for current values alone).
    public func snapshot(time: Date = Date(), now: Double = MonotonicTime.now(), content: SnapshotContent = .whole) -> Snapshot {
        var snapshot = Snapshot(time: time, interval: options.interval)
        for id in order {
            guard var status = statuses[id] else { continue }
            status.secondsSinceSuccess = lastSuccess[id].map { max(0, now - $0) }
            snapshot.targets.append(status)
            if let track = balancers[id] {
                let parts = track.snapshots(now: now, window: options.window, history: content.contains(.history))
                // The first (usually only) balancer's arrays are taken as they are, not copied.
                snapshot.frontends.appendOrAdopt(parts.frontends)
                snapshot.backends.appendOrAdopt(parts.backends)
                snapshot.servers.appendOrAdopt(parts.servers)
                snapshot.goneServers += parts.gone
            }
        }
        if !fleets.isEmpty { joinFleets(&snapshot) } else { snapshot.nodes = nodes.snapshots(joining: &snapshot.servers) }
        if logs.hasInputs { logs.join(into: &snapshot, now: now, polledAt: lastSuccess, figures: content.contains(.logFigures)) }
        snapshot.filledServerValues = .filled(by: snapshot.servers)
        snapshot.serverTally = ServerTally(snapshot.servers)
        snapshot.tiers = tiers.snapshots()
        snapshot.usesPersistence = snapshot.backends.contains { $0.persistenceCookie != nil }
            || snapshot.servers.indices.contains { snapshot.servers[$0].usesPersistence || (snapshot.servers[$0].stickEntries ?? 0) > 0 }
        guard content.contains(.forecast) else { return snapshot }
        for (index, forecast) in CapacityForecast.forecasts(in: snapshot).enumerated() {
            snapshot.backends[index].forecast = forecast
        }
        return snapshot
    }
}

extension Array {
    /// `append(contentsOf:)` that takes `other`'s storage when this array is empty: appending
    /// copies (and retains) every element, adopting copies nothing.
    mutating func appendOrAdopt(_ other: [Element]) {
        if isEmpty { self = other } else { append(contentsOf: other) }
    }
}

/// The instances one Prometheus target has shown, in the order first seen.
struct FleetMembers: Sendable {
    struct Member: Sendable {
        var id: TargetID
        var role: TargetStatus.Role

        func result(_ outcome: Result<TargetPayload, CollectError>, at time: Double) -> PollResult {
            PollResult(target: id, role: role, displayURL: id.rawValue, name: role == .node ? nodeName : id.rawValue,
                       host: FleetSample.host(ofInstance: id.rawValue), at: time, outcome: outcome)
        }

        func failed(_ reason: String, at time: Double) -> PollResult {
            result(.failure(CollectError(.unreachable, reason)), at: time)
        }

        /// A node's name: its host, with the port unless node_exporter's 9100.
        var nodeName: String {
            guard let parts = HostAddress.split(id.rawValue), parts.port == nil || parts.port == 9100 else { return id.rawValue }
            return parts.host
        }
    }

    private(set) var all: [Member] = []

    mutating func add(_ instance: String, role: TargetStatus.Role) -> Member {
        let id = TargetID(instance)
        if let known = all.first(where: { $0.id == id && $0.role == role }) { return known }
        let member = Member(id: id, role: role)
        all.append(member)
        return member
    }
}
