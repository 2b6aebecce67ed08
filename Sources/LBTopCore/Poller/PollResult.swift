/// The outcome of one poll of one target, stamped with monotonic time.
public struct PollResult: Sendable {
    public var target: TargetID
    public var role: TargetStatus.Role
    public var displayURL: String
    public var name: String
    public var host: String?
    /// Monotonic seconds (`MonotonicTime.now()`) when the answer arrived.
    public var at: Double
    /// The bytes the target answered (also when they did not parse); nil when nothing arrived.
    public var received: [UInt8]?
    public var outcome: Result<TargetPayload, CollectError>

    public init(target: TargetID, role: TargetStatus.Role, displayURL: String, name: String,
                host: String?, at: Double, received: [UInt8]? = nil, outcome: Result<TargetPayload, CollectError>) {
        self.target = target; self.role = role; self.displayURL = displayURL; self.name = name
        self.host = host; self.at = at; self.received = received; self.outcome = outcome
    }

    /// A result for `collector` at time `at`.
    public init(_ collector: any Collector, at: Double, received: [UInt8]? = nil,
                outcome: Result<TargetPayload, CollectError>) {
        self.init(target: collector.id, role: collector.role, displayURL: collector.displayURL,
                  name: collector.name, host: collector.host, at: at, received: received, outcome: outcome)
    }
}

/// Seconds on a monotonic clock (never jumps with wall-clock changes), from an arbitrary origin.
public enum MonotonicTime {
    private static let origin = ContinuousClock.now

    public static func now() -> Double {
        let elapsed = ContinuousClock.now - origin
        let parts = elapsed.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
