import LBTopCore
import Testing

/// The regression behind the capacity forecast: a ramp is a trend and its crossing time is
/// right, noise around a flat line and a step are not trends.
@Suite struct TrendFitTests {
    /// A fixed pseudo-random sequence in -1…1 (a linear congruential generator), so a test sees the
    /// same noise every run.
    static func noise(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func aLinearRampPredictsItsCrossingWithinTenPercent(seed: UInt64) throws {
        // 0.30 rising 0.002 per poll with ±0.02 noise over 120 polls: at the newest poll the line
        // is at 0.538, and reaches 0.9 in (0.9 − 0.538) / 0.002 = 181 polls.
        let values = zip(0..<120, Self.noise(120, seed: seed)).map { 0.30 + 0.002 * Double($0) + 0.02 * $1 }
        let fit = try #require(TrendFit(values))
        #expect(fit.isSignificant)
        let crossing = try #require(fit.pointsUntil(0.9))
        let truth = (0.9 - (0.30 + 0.002 * 119)) / 0.002
        #expect(abs(crossing.expected - truth) / truth < 0.1, "predicted \(crossing.expected), truth \(truth)")
        #expect(crossing.earliest <= crossing.expected)
        #expect(try #require(crossing.latest) >= crossing.expected)
    }

    @Test(arguments: [UInt64(11), 12, 13, 14, 15, 16, 17, 18])
    func noiseAroundAFlatLinePredictsNothing(seed: UInt64) throws {
        let values = Self.noise(200, seed: seed).map { 0.5 + 0.1 * $0 }
        let fit = try #require(TrendFit(values))
        #expect(!fit.isSignificant, "slope \(fit.slope) ± \(fit.slopeError)")
        #expect(fit.pointsUntil(0.9) == nil)
    }

    @Test(arguments: [UInt64(21), 22, 23])
    func aStepIsNotATrend(seed: UInt64) throws {
        // 0.3 for 60 polls, then 0.6 for 60: a line through it has a steep, "significant" slope.
        let values = zip(0..<120, Self.noise(120, seed: seed)).map { ($0 < 60 ? 0.3 : 0.6) + 0.02 * $1 }
        let fit = try #require(TrendFit(values))
        #expect(abs(fit.slope) / fit.slopeError > TrendFit.minimumT, "a naive line would call it a trend")
        #expect(!fit.isSignificant)
        #expect(fit.pointsUntil(0.9) == nil)
    }

    @Test func aSlopeWithinItsErrorIsNoTrendEvenWhenALineBeatsAStep() throws {
        // ±1 alternating around a slow rise: no level shift can follow the alternation, so a line
        // fits better than any step, but 0.002 a poll is 2 standard errors (0.00094): not clear.
        func values(_ slope: Double) -> [Double] {
            (0..<240).map { 0.5 + slope * Double($0) + ($0 % 2 == 0 ? 1 : -1) }
        }
        let weak = try #require(TrendFit(values(0.002)))
        #expect(abs(weak.slope) / weak.slopeError < TrendFit.minimumT)
        #expect(!weak.isSignificant)
        #expect(try #require(TrendFit(values(0.01))).isSignificant, "10 standard errors is a trend")
    }

    @Test func gapsAreLeftOutAndTooFewPointsAreNoTrend() throws {
        var values = (0..<40).map { 0.1 + 0.01 * Double($0) }
        values[5] = .nan; values[17] = .nan
        let fit = try #require(TrendFit(values))
        #expect(fit.count == 38)
        #expect(abs(fit.current - 0.49) < 1e-9)
        #expect(try #require(TrendFit(Array(values.prefix(12)))).isSignificant == false)
        #expect(TrendFit([.nan, 1]) == nil)
    }
}
