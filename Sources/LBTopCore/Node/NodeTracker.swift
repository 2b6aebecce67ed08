/// Keeps per-node history and turns node samples into `NodeSnapshot`s. Owned by the store.
///
/// Rates need two samples: CPU % comes from per-mode deltas (each clamped at 0, since iowait may
/// decrease), memory % is MemTotal − MemAvailable over MemTotal (as `free` computes it), network
/// rates are byte deltas over time. A reboot (boot time or uptime going backwards, the CPU total
/// shrinking, the CPU count changing) is a reset: that interval has no rates, never a spike.
public struct NodeTracker: Sendable {
    private let capacity: Int
    private var records: [NodeRecord] = []
    private var indexByID: [NodeID: Int] = [:]

    /// - Parameter capacity: values kept per series (the window, in polls).
    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Declares a node before its first poll, with its explicit server joins (`backend/server`).
    public mutating func register(_ spec: NodeTargetSpec) {
        let index = record(spec.id, name: spec.name, host: spec.host)
        records[index].explicitServers = spec.servers
    }

    /// Declares a node known by id only (a fleet's node_exporter instance) with its explicit joins.
    public mutating func register(id: NodeID, name: String, host: String?, servers: [String]) {
        let index = record(id, name: name, host: host)
        records[index].explicitServers = servers
    }

    /// Records one successful poll of a node at monotonic time `at` (seconds).
    public mutating func ingest(_ sample: NodeSample, node: NodeID, name: String, host: String?, at: Double) {
        let index = record(node, name: name, host: host)
        records[index].ingest(sample, at: at)
    }

    /// Records a failed poll: the node is stale, its series get a gap.
    public mutating func markStale(node: NodeID, name: String, host: String?, at: Double) {
        let index = record(node, name: name, host: host)
        records[index].markStale()
    }

    /// Current node snapshots, joined to `servers` (each joined server gets `node` set).
    ///
    /// A node that lists servers explicitly joins exactly those (`backend/server`); the others join
    /// every server whose address host is the node's host, its reported hostname or one of its
    /// reported addresses (all loopback names count as one); a server without an address (a fleet's,
    /// from HAProxy's exporter) joins the node whose host or host name is its name. The first node registered wins when two match.
    public func snapshots(joining servers: inout [ServerSnapshot]) -> [NodeSnapshot] {
        guard !records.isEmpty else { return [] }
        var explicit: [String: Int] = [:]
        var byHost: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            if !record.explicitServers.isEmpty {
                for server in record.explicitServers where explicit[server] == nil { explicit[server] = index }
            } else {
                for key in record.joinKeys where byHost[key] == nil { byHost[key] = index }
            }
        }
        var joined = [[ServerID]](repeating: [], count: records.count)
        for serverIndex in servers.indices {   // fields read in place, not a copy of each server
            let match = (explicit.isEmpty ? nil : explicit[servers[serverIndex].id.description])
                ?? HostAddress.serverJoinKey(servers[serverIndex].address).flatMap { byHost[$0] }
                ?? (servers[serverIndex].address == nil ? byHost[HostAddress.joinKey(servers[serverIndex].id.server)] : nil)
            guard let match else { continue }
            servers[serverIndex].node = records[match].id
            joined[match].append(servers[serverIndex].id)
        }
        return records.indices.map { records[$0].snapshot(servers: joined[$0]) }
    }

    private mutating func record(_ id: NodeID, name: String, host: String?) -> Int {
        if let index = indexByID[id] {
            if records[index].host == nil { records[index].host = host }
            return index
        }
        records.append(NodeRecord(id: id, name: name, host: host, capacity: capacity))
        indexByID[id] = records.count - 1
        return records.count - 1
    }
}

/// One node's latest values and history.
private struct NodeRecord: Sendable {
    let id: NodeID
    var name: String
    var host: String?
    var explicitServers: [String] = []
    var reportedHostname: String?
    var reportedAddresses: [String] = []
    var previous: NodeSample?
    var previousAt: Double?
    var current = NodeRates()
    var isStale = false
    var cpuHistory: SeriesBuffer
    var memoryHistory: SeriesBuffer
    var loadHistory: SeriesBuffer

    init(id: NodeID, name: String, host: String?, capacity: Int) {
        self.id = id; self.name = name; self.host = host
        cpuHistory = SeriesBuffer(capacity: capacity, keeping: .trendSums)   // the capacity forecast
        memoryHistory = SeriesBuffer(capacity: capacity)
        loadHistory = SeriesBuffer(capacity: capacity)
    }

    var joinKeys: [String] {
        ([host, reportedHostname].compactMap { $0 } + reportedAddresses).map(HostAddress.joinKey)
    }

    mutating func ingest(_ sample: NodeSample, at time: Double) {
        let elapsed = previousAt.map { time - $0 }
        current = NodeRates(from: previous, to: sample, elapsed: elapsed)
        previous = sample
        previousAt = time
        isStale = false
        if let hostname = sample.hostname, !hostname.isEmpty { reportedHostname = hostname }
        if !sample.addresses.isEmpty { reportedAddresses = sample.addresses }
        append(current.cpuPercent, current.memoryPercent, sample.load1)
    }

    mutating func markStale() {
        isStale = true
        append(nil, nil, nil)
    }

    /// One point per poll; nil becomes a gap (NaN).
    private mutating func append(_ cpu: Double?, _ memory: Double?, _ load: Double?) {
        cpuHistory.append(cpu ?? .nan)
        memoryHistory.append(memory ?? .nan)
        loadHistory.append(load ?? .nan)
    }

    func snapshot(servers: [ServerID]) -> NodeSnapshot {
        var snapshot = NodeSnapshot(
            id: id, name: name, host: host, cpuPercent: current.cpuPercent, cpuCount: previous?.cpuCount,
            memoryPercent: current.memoryPercent, memoryUsedBytes: current.memoryUsedBytes,
            memoryTotalBytes: previous?.memoryTotalBytes, load1: previous?.load1, load5: previous?.load5,
            load15: previous?.load15, networkReceiveBytesPerSecond: current.receiveBytesPerSecond,
            networkTransmitBytesPerSecond: current.transmitBytesPerSecond, servers: servers,
            isStale: isStale,
            history: NodeHistory(cpuPercent: cpuHistory.series, memoryPercent: memoryHistory.series,
                                 load1: loadHistory.series))
        snapshot.interfaces = current.interfaces
        return snapshot
    }
}
