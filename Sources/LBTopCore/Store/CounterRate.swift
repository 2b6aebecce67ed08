/// Turns readings of a monotonically growing counter into per-second rates. A counter that goes
/// backwards was reset (a balancer reload or restart): that interval has no rate — never a
/// negative value, never a spike. Nor does a counter that leaps further than any traffic could in
/// the interval (a corrupted or hostile answer): it would be a spike, and summed over servers it
/// would overflow.
public enum CounterRate {
    /// The most a counter can grow per second: bytes on a 400 Gb/s link are 5e10 a second, and no
    /// balancer answers a trillion requests a second.
    public static let plausibleGrowthPerSecond: Double = 1e12

    /// `current − previous` over `seconds`, or nil when either is unknown, the counter went
    /// backwards, or it grew by more than `plausibleGrowthPerSecond` allows.
    public static func delta(from previous: Int64?, to current: Int64?, seconds: Double) -> Int64? {
        guard let previous, let current, current >= previous else { return nil }
        let (delta, overflow) = current.subtractingReportingOverflow(previous)
        guard !overflow, Double(delta) <= plausibleGrowthPerSecond * seconds else { return nil }
        return delta
    }

    /// Δ/seconds; nil when the delta is unknown or no time passed.
    public static func perSecond(from previous: Int64?, to current: Int64?, seconds: Double) -> Double? {
        guard seconds > 0, let delta = delta(from: previous, to: current, seconds: seconds) else { return nil }
        return Double(delta) / seconds
    }

    /// The same for counters read as decimals (a cache tier's INFO or stats): nil when either is
    /// unknown, no time passed, the counter went backwards, or it leapt past what is plausible.
    public static func decimalPerSecond(from previous: Double?, to current: Double?, seconds: Double) -> Double? {
        guard seconds > 0, let previous, let current, current >= previous,
              current - previous <= plausibleGrowthPerSecond * seconds else { return nil }
        return (current - previous) / seconds
    }
}
