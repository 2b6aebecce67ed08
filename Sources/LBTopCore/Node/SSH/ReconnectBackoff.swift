/// Delays between attempts to re-establish a lost connection: 1 s, doubling, at most 30 s; a
/// connection that works starts the sequence again.
public struct ReconnectBackoff: Sendable, Equatable {
    public static let first = 1.0
    public static let longest = 30.0
    private var next = Self.first

    public init() {}

    /// The delay before the next attempt; each call doubles the one after.
    public mutating func delay() -> Double {
        defer { next = min(Self.longest, next * 2) }
        return next
    }

    public mutating func reset() { next = Self.first }
}
