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

    public init(options: StoreOptions = .init()) {
        self.options = options
        self.nodes = NodeTracker(capacity: options.capacity)
        self.logs = LogStore(window: options.logWindow)
        self.tiers = TierTracker(capacity: options.capacity)
    }

    /// Lists a target before its first poll so it shows as pending.
    public mutating func register(_ collector: any Collector) {
        register(id: collector.id, role: collector.role, displayURL: collector.displayURL)
        if let tier = collector as? TierCollector {
            tiers.register(id: tier.id, name: tier.name, kind: tier.kind, role: tier.tierRole)
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

    /// Takes one poll result.
    public mutating func ingest(_ result: PollResult) {
        register(id: result.target, role: result.role, displayURL: result.displayURL)
        var status = statuses[result.target]!
        switch result.outcome {
        case .success(.balancer(let sample)):
            // Mutated in place: a copy would share, then duplicate, every ring buffer.
            if balancers[result.target, default: BalancerTrack(target: result.target, capacity: options.capacity)].ingest(sample, at: result.at) {
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
            logs.ingest(batch, from: result.target, at: result.at, status: &status)
            markFresh(&status, at: result.at)
        case .success(.tier(let sample)):
            tiers.ingest(sample, tier: result.target, name: result.name, at: result.at)
            status.format = sample.kind.rawValue
            status.skippedLines += sample.skippedLines
            markFresh(&status, at: result.at)
        case .failure(let error):
            if result.role == .tier {
                tiers.markStale(tier: result.target)
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

    private mutating func markFresh(_ status: inout TargetStatus, at time: Double) {
        status.health = .fresh
        status.lastError = nil
        lastSuccess[status.id] = time
    }

    /// The current state of everything, at wall time `time` and monotonic time `now`.
    public func snapshot(time: Date = Date(), now: Double = MonotonicTime.now()) -> Snapshot {
        var snapshot = Snapshot(time: time, interval: options.interval)
        for id in order {
            guard var status = statuses[id] else { continue }
            status.secondsSinceSuccess = lastSuccess[id].map { max(0, now - $0) }
            snapshot.targets.append(status)
            if let track = balancers[id] {
                let parts = track.snapshots(now: now, window: options.window)
                // The first (usually only) balancer's arrays are taken as they are, not copied.
                snapshot.frontends.appendOrAdopt(parts.frontends)
                snapshot.backends.appendOrAdopt(parts.backends)
                snapshot.servers.appendOrAdopt(parts.servers)
                snapshot.goneServers += parts.gone
            }
        }
        snapshot.nodes = nodes.snapshots(joining: &snapshot.servers)
        if logs.hasInputs { logs.join(into: &snapshot, now: now, polledAt: lastSuccess) }
        snapshot.filledServerValues = .filled(by: snapshot.servers)
        snapshot.tiers = tiers.snapshots()
        snapshot.usesPersistence = snapshot.backends.contains { $0.persistenceCookie != nil }
            || snapshot.servers.contains { $0.usesPersistence }
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
