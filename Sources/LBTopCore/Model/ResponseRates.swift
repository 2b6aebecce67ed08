/// Per-second rates by HTTP response class (HAProxy `hrsp_1xx` … `hrsp_5xx`, `hrsp_other`).
public struct ResponseRates: Sendable, Equatable, Codable {
    public var r1xx: Double?
    public var r2xx: Double?
    public var r3xx: Double?
    public var r4xx: Double?
    public var r5xx: Double?
    public var other: Double?
    public init(r1xx: Double? = nil, r2xx: Double? = nil, r3xx: Double? = nil,
                r4xx: Double? = nil, r5xx: Double? = nil, other: Double? = nil) {
        self.r1xx = r1xx; self.r2xx = r2xx; self.r3xx = r3xx
        self.r4xx = r4xx; self.r5xx = r5xx; self.other = other
    }
    /// Sum of the classes that are known; nil when none is. (Summed without an array: the store
    /// asks this of every row each poll.)
    public var total: Double? {
        var sum: Double?
        func add(_ rate: Double?) { if let rate { sum = (sum ?? 0) + rate } }
        add(r1xx); add(r2xx); add(r3xx); add(r4xx); add(r5xx); add(other)
        return sum
    }
    /// 5xx as a fraction of all responses; nil without traffic.
    public var errorRatio: Double? {
        guard let total, total > 0 else { return nil }
        return (r5xx ?? 0) / total
    }
}
