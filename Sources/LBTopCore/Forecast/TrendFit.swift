/// A least-squares line through a window of evenly spaced values, with the standard error of its
/// slope, and the test that it is a trend at all: the slope must stand clear of its error (a
/// t statistic of at least `minimumT`), and a line must explain the window better than one level
/// shift does (a step is not a trend; a straight line through it would still have a "significant"
/// slope). Gaps (NaN) are left out. Made from the window's sums (`TrendSums`, which the store keeps
/// as values arrive); the values are read only for the level-shift test of a slope that already
/// stands clear of its error.
public struct TrendFit: Sendable, Equatable {
    /// Value of the line at the newest point.
    public var current: Double
    /// Change per point (per poll).
    public var slope: Double
    /// Standard error of `slope`.
    public var slopeError: Double
    /// Points the fit used.
    public var count: Int
    /// Whether the window shows a trend (see the type's summary).
    public var isSignificant: Bool

    /// A t statistic of 3 puts a trend at odds of about 1 in 300 of being noise.
    public static let minimumT = 3.0
    /// Fewer points than this never make a trend.
    public static let minimumPoints = 20

    /// The fit of `values` (oldest first, one per poll) each multiplied by `scale`, or nil with
    /// fewer than 3 known values.
    public init?<Values: RandomAccessCollection<Double>>(_ values: Values, scale: Double = 1) {
        self.init(sums: TrendSums(values), scale: scale, values: values)
    }

    /// The fit from the window's sums (`sums` of `values`), reading `values` only for the step test
    /// of a slope that stands clear of its error.
    public init?<Values: RandomAccessCollection<Double>>(sums: TrendSums, scale: Double = 1, values: Values) {
        let n = sums.known
        guard n >= 3 else { return nil }
        let varianceAge = sums.ageSquares - sums.ages * sums.ages / n
        guard varianceAge > 0 else { return nil }
        let sy = sums.values * scale, syy = sums.valueSquares * scale * scale
        let covariance = sums.ageValues * scale - sums.ages * sy / n
        // The line is fitted against age (the newest 0), so its slope per poll is the negative.
        let perAge = covariance / varianceAge
        let residuals = max(0, (syy - sy * sy / n) - perAge * covariance)
        slope = -perAge
        slopeError = (residuals / (n - 2) / varianceAge).squareRoot()
        current = (sy - perAge * sums.ages) / n
        count = Int(n)
        let clearOfNoise = slopeError == 0 || abs(slope) / slopeError >= Self.minimumT
        isSignificant = count >= Self.minimumPoints && slope != 0 && clearOfNoise
            && residuals < Self.bestStepResiduals(values, scale: scale)
    }

    /// Points from the newest until the line reaches `level`, with the range the slope's error
    /// allows (two standard errors either way; `latest` is nil when the slope might be 0).
    /// Nil without a significant rising trend toward `level`, or when it is already there.
    public func pointsUntil(_ level: Double) -> (expected: Double, earliest: Double, latest: Double?)? {
        guard isSignificant, slope > 0, current < level else { return nil }
        let distance = level - current
        let fast = slope + 2 * slopeError, slow = slope - 2 * slopeError
        return (distance / slope, distance / fast, slow > 0 ? distance / slow : nil)
    }

    /// The smallest sum of squared deviations from two means, split at the best point (each side
    /// at least 2 known values).
    static func bestStepResiduals<Values: RandomAccessCollection<Double>>(_ values: Values, scale: Double) -> Double {
        var n = 0.0, total = 0.0, totalSquares = 0.0
        for raw in values where raw.isFinite {
            let y = raw * scale
            n += 1; total += y; totalSquares += y * y
        }
        guard n >= 4 else { return .infinity }
        var best = Double.infinity
        var left = 0.0, leftSum = 0.0, leftSquares = 0.0
        for raw in values where raw.isFinite {
            let y = raw * scale
            left += 1; leftSum += y; leftSquares += y * y
            let right = n - left
            guard left >= 2, right >= 2 else { continue }
            let rightSum = total - leftSum, rightSquares = totalSquares - leftSquares
            best = min(best, (leftSquares - leftSum * leftSum / left) + (rightSquares - rightSum * rightSum / right))
        }
        return best
    }
}

extension Series {
    /// The trend of the newest `lastPolls` values: from the sums the store kept when they cover
    /// exactly those, else by a pass over them.
    func trendFit(lastPolls: Int, scale: Double = 1) -> TrendFit? {
        let recent = suffix(lastPolls)
        if let trendSums, count <= lastPolls { return TrendFit(sums: trendSums, scale: scale, values: recent) }
        return TrendFit(recent, scale: scale)
    }
}
