@testable import LBTopCore
import Testing

/// The sums the store slides with every poll give the fit a pass over the window would: the
/// forecast reads them instead of the window.
@Suite struct TrendSumsTests {
    /// A ramp with noise and a gap every 17 polls.
    static func ramp(_ count: Int) -> [Double] {
        let noise = TrendFitTests.noise(count, seed: 7)
        return (0..<count).map { (index: Int) -> Double in
            if index % 17 == 5 { return .nan }
            let rise: Double = 0.05 * Double(index)
            return 40 + rise + 3 * noise[index]
        }
    }

    @Test func slidingSumsEqualTheSumsOfTheWindow() {
        let values = Self.ramp(1_000)
        var sliding = TrendSums()
        for index in values.indices {
            sliding.slide(adding: values[index], removing: index >= 240 ? values[index - 240] : nil)
        }
        let fresh = TrendSums(values.suffix(240))
        #expect(sliding.positions == 240)
        #expect(sliding.known == fresh.known)
        #expect(sliding.ages == fresh.ages)
        #expect(sliding.ageSquares == fresh.ageSquares)
        for (slid, summed) in [(sliding.values, fresh.values), (sliding.valueSquares, fresh.valueSquares),
                               (sliding.ageValues, fresh.ageValues)] {
            #expect(abs(slid - summed) <= 1e-9 * abs(summed), "\(slid) vs \(summed)")
        }
    }

    @Test(arguments: [100, 240, 241, 1_000, 5_000])
    func theStoresSeriesFitsAsAPassOverItsValuesWould(polls: Int) throws {
        var buffer = SeriesBuffer(capacity: 900, keeping: .trendSums)
        for value in Self.ramp(polls) { buffer.append(value) }
        let series = buffer.series
        #expect(series.trendSums != nil)
        let kept = try #require(series.trendFit(lastPolls: CapacityForecast.fitPolls, scale: 0.01))
        let passed = try #require(TrendFit(Array(series.suffix(CapacityForecast.fitPolls)), scale: 0.01))
        #expect(kept.count == passed.count)
        #expect(kept.isSignificant == passed.isSignificant)
        #expect(abs(kept.slope - passed.slope) <= 1e-9 * abs(passed.slope))
        #expect(abs(kept.slopeError - passed.slopeError) <= 1e-9 * passed.slopeError)
        #expect(abs(kept.current - passed.current) <= 1e-9 * abs(passed.current))
    }
}
