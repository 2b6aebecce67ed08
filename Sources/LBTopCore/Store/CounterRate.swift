/// Turns readings of a monotonically growing counter into per-second rates. A counter that goes
/// backwards was reset (a balancer reload or restart): that interval has no rate — never a
/// negative value, never a spike.
public enum CounterRate {
    /// `current − previous`, or nil when either is unknown or the counter went backwards.
    @inline(__always)
    public static func delta(from previous: Int64?, to current: Int64?) -> Int64? {
        guard let previous, let current, current >= previous else { return nil }
        return current - previous
    }

    /// Δ/seconds; nil when the delta is unknown or no time passed.
    @inline(__always)
    public static func perSecond(from previous: Int64?, to current: Int64?, seconds: Double) -> Double? {
        guard seconds > 0, let delta = delta(from: previous, to: current) else { return nil }
        return Double(delta) / seconds
    }
}
