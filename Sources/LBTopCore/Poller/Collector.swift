/// One polled endpoint: fetches bytes through a transport and parses them. The poller calls
/// `collect()` once per interval; it must honour its own timeout and byte cap and throw a
/// `CollectError` with a clear message rather than hang or crash.
public protocol Collector: Sendable {
    var id: TargetID { get }
    var role: TargetStatus.Role { get }
    /// URL with any credentials removed.
    var displayURL: String { get }
    /// Display name (defaults to the id).
    var name: String { get }
    /// Host this target describes, used to join nodes to balancer servers (defaults to nil).
    var host: String? { get }
    func collect() async throws -> TargetPayload
    /// Ends what the collector keeps open between polls (an ssh child); called when polling stops.
    func close() async
}

extension Collector {
    public var name: String { id.rawValue }
    public var host: String? { nil }
    public func close() async {}
}

/// What one poll of a target produced.
public enum TargetPayload: Sendable {
    case balancer(BalancerSample)
    case node(NodeSample)
}
