/// The least-squares sums of a window of evenly spaced values, kept up to date as values arrive
/// and leave, so a trend fit over the window (`TrendFit`) costs O(1) instead of a pass over it.
/// Positions are counted by age, the newest 0; a gap (NaN) takes a position and adds nothing.
public struct TrendSums: Sendable, Equatable {
    /// Positions in the window, gaps included.
    public private(set) var positions = 0
    /// Known values, and the sums over them of age, age², value, value² and age × value.
    public private(set) var known = 0.0
    public private(set) var ages = 0.0
    public private(set) var ageSquares = 0.0
    public private(set) var values = 0.0
    public private(set) var valueSquares = 0.0
    public private(set) var ageValues = 0.0

    public init() {}

    /// The sums of `window` (oldest first).
    public init<Window: Sequence<Double>>(_ window: Window) {
        for value in window { slide(adding: value, removing: nil) }
    }

    /// Ages every position by one, adds `value` as the newest and, when `removing` is given, drops
    /// the oldest position, whose value that is.
    public mutating func slide(adding value: Double, removing oldest: Double?) {
        // (a + 1)² = a² + 2a + 1 and (a + 1)y = ay + y, summed over the known values.
        ageSquares += 2 * ages + known
        ages += known
        ageValues += values
        positions += 1
        if value.isFinite {
            known += 1; values += value; valueSquares += value * value
        }
        guard let oldest else { return }
        positions -= 1
        guard oldest.isFinite else { return }
        let age = Double(positions)
        known -= 1; ages -= age; ageSquares -= age * age
        values -= oldest; valueSquares -= oldest * oldest; ageValues -= age * oldest
    }
}
