/// One polled endpoint: fetches bytes through a transport; its `decoder` parses them. The poller
/// calls `fetch()` once per interval; it must honour its own timeout and byte cap and throw a
/// `CollectError` with a clear message rather than hang or crash. Fetching and parsing are apart
/// so that a recording keeps what was received and replays it through the same parser.
public protocol Collector: Sendable {
    var id: TargetID { get }
    var role: TargetStatus.Role { get }
    /// URL with any credentials removed.
    var displayURL: String { get }
    /// Display name (defaults to the id).
    var name: String { get }
    /// Host this target describes, used to join nodes to balancer servers (defaults to nil).
    var host: String? { get }
    /// How `fetch()`'s bytes become a payload.
    var decoder: PayloadDecoder { get }
    /// The bytes of one poll, as received.
    func fetch() async throws -> [UInt8]
    /// Ends what the collector keeps open between polls (an ssh child); called when polling stops.
    func close() async
}

extension Collector {
    public var name: String { id.rawValue }
    public var host: String? { nil }
    public func close() async {}

    /// One poll, fetched and decoded.
    public func collect() async throws -> TargetPayload {
        try decoder.decode(try await fetch())
    }
}
