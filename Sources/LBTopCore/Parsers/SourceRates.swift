/// Per-second rates a source computed itself (a Prometheus server's `rate()`), taken as they are
/// rather than derived from counter deltas between two polls. A class, so a row holds one
/// reference: nil for every format that gives counters.
public final class SourceRates: Sendable, Equatable {
    /// Requests/s (HTTP) or sessions/s.
    public let requests: Double?
    public let responses: ResponseRates

    public init(requests: Double?, responses: ResponseRates = .init()) {
        self.requests = requests; self.responses = responses
    }

    public static func == (a: SourceRates, b: SourceRates) -> Bool {
        a.requests == b.requests && a.responses == b.responses
    }
}
