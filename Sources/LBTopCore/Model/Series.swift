/// A window of recent values, oldest first, one per poll; `Double.nan` marks a gap (target stale,
/// counter reset, value not known). Contiguous so views can draw it without allocating.
public struct Series: Sendable, Equatable {
    public var values: [Double]
    public init(_ values: [Double] = []) { self.values = values }
    public static let empty = Series()
    public var last: Double? { values.last.flatMap { $0.isNaN ? nil : $0 } }
    public var maxValue: Double? { values.lazy.filter { !$0.isNaN }.max() }

    public static func == (a: Series, b: Series) -> Bool {
        a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}

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
    /// Sum of the classes that are known; nil when none is.
    public var total: Double? {
        let known = [r1xx, r2xx, r3xx, r4xx, r5xx, other].compactMap { $0 }
        return known.isEmpty ? nil : known.reduce(0, +)
    }
    /// 5xx as a fraction of all responses; nil without traffic.
    public var errorRatio: Double? {
        guard let total, total > 0 else { return nil }
        return (r5xx ?? 0) / total
    }
}
