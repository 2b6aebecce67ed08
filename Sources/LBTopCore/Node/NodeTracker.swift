/// Keeps per-node history and turns node samples into `NodeSnapshot`s. Owned by the store.
/// (Stub: filled in with node support.)
public struct NodeTracker: Sendable {
    public init(capacity: Int) {}

    /// Records one successful poll of a node at monotonic time `at` (seconds).
    public mutating func ingest(_ sample: NodeSample, node: NodeID, name: String, host: String?, at: Double) {}

    /// Records a failed poll: the node is stale, its series get a gap.
    public mutating func markStale(node: NodeID, name: String, host: String?, at: Double) {}

    /// Current node snapshots, joined to `servers` (each joined server gets `node` set).
    public func snapshots(joining servers: inout [ServerSnapshot]) -> [NodeSnapshot] { [] }
}
