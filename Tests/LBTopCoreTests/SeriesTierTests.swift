import Testing
@testable import LBTopCore

/// A window longer than a graph draws keeps its newest polls one value each and the whole window as
/// ten-poll means.
struct SeriesTierTests {
    /// The window's values with the polls each stands for.
    private func windowValues(_ series: Series) -> [(value: Double, polls: Int)] {
        var values: [(value: Double, polls: Int)] = []
        series.forEachWindowValue { values.append(($0, $1)) }
        return values
    }

    @Test func aLongWindowKeepsTheNewestPollsAndTheRestAsTenPollMeans() {
        var buffer = SeriesBuffer(capacity: 900, keeping: .windowMeans)
        for value in 0..<2000 { buffer.append(Double(value)) }
        let series = buffer.series
        #expect(series.count == SeriesBuffer.finePolls)
        #expect(series.values == (1760..<2000).map(Double.init))
        let window = windowValues(series)
        // Cells of polls 1100-1759 (the cell tier holds 90 cells: 1100-1999, the newest 24 are
        // drawn one per poll), then the 240 newest polls.
        #expect(window.reduce(0) { $0 + $1.polls } == 900)
        #expect(window.prefix(66).allSatisfy { $0.polls == 10 })
        #expect(abs((window.first?.value ?? 0) - 1104.5) <= 0.5)        // mean of 1100...1109, as a Float16
        #expect(abs(window[65].value - 1754.5) <= 0.5)
        #expect(window[66].value == 1760 && window[66].polls == 1)
        #expect(window.last?.value == 1999)
    }

    @Test func aTableTrendReadsWholeCellsFromTheCellTierAndGetsThePerPollMeans() {
        var buffer = SeriesBuffer(capacity: 900, keeping: .windowMeans)
        for poll in 0..<400 {
            // A gap for one whole cell (polls 350-359) and one known value in another (370-379).
            let gap = (350..<360).contains(poll) || ((370..<380).contains(poll) && poll != 375)
            buffer.append(gap ? .nan : Double(poll % 37) * 1.5)
        }
        let series = buffer.series
        // The same polls without a cell tier: every cell computed from the values one per poll.
        let perPoll = Series(series.values)
        #expect(perPoll.endOrdinal % 10 == series.endOrdinal % 10)
        let trend = series.trend(samplesPerCell: 10, cells: 24)
        let expected = perPoll.trend(samplesPerCell: 10, cells: 24)
        #expect(trend.count == 24 && expected.count == 24)
        for (cell, value) in trend.enumerated() {
            #expect(value.isNaN == expected[cell].isNaN, "cell \(cell)")
            if !value.isNaN { #expect(abs(value - expected[cell]) <= 0.02, "cell \(cell): \(value) vs \(expected[cell])") }
        }
        #expect(trend.filter(\.isNaN).count == 1)        // polls 350-359
        #expect(trend[trend.count - 3] == Double(375 % 37) * 1.5)   // polls 370-379: the one known value
        #expect(abs(series.trendPeak(samplesPerCell: 10, cells: 24) - perPoll.trendPeak(samplesPerCell: 10, cells: 24)) <= 0.02)
    }

    @Test func aCellIsTheMeanOfItsKnownPollsAndAGapWhenItHasNone() {
        var buffer = SeriesBuffer(capacity: 310, keeping: .windowMeans)
        for _ in 0..<10 { buffer.append(.nan) }                         // cell 0: all gaps
        for value in 0..<10 { buffer.append(value < 5 ? .nan : 8) }     // cell 1: half known
        for _ in 0..<300 { buffer.append(1) }                            // pushes both out of the polls kept
        let window = windowValues(buffer.series)
        #expect(window.first?.value == 8 && window.first?.polls == 10)   // cell 0 left out, cell 1 = 8
        #expect(window.reduce(0) { $0 + $1.polls } == 310)
    }

    @Test func aWindowNoLongerThanTheGraphedPollsHasNoCells() {
        var buffer = SeriesBuffer(capacity: 120, keeping: .windowMeans)
        for value in 0..<500 { buffer.append(Double(value)) }
        let window = windowValues(buffer.series)
        #expect(window.count == 120 && window.allSatisfy { $0.polls == 1 })
        #expect(buffer.series.values == (380..<500).map(Double.init))
    }

    @Test func theLatencyBaselineWeighsTheWholeWindowNotOnlyTheGraphedPolls() {
        // Ten minutes at 100 ms, then five at 400 ms: the median of fifteen minutes is 100 ms (the
        // newest 240 polls alone would say 400 ms and see nothing unusual).
        var buffer = SeriesBuffer(capacity: 900, keeping: .windowMeans)
        for _ in 0..<600 { buffer.append(100) }
        for _ in 0..<300 { buffer.append(400) }
        let server = ServerSnapshot(id: ServerID(target: TargetID("t"), backend: "app", server: "a"),
                                    state: ServerState(kind: .up), responseTimeMs: 400,
                                    history: ServerHistory(responseTimeMs: buffer.series))
        #expect(AlertCondition.baseline(server.history, minimumSamples: 30) == 100)
        #expect(AlertCondition.baselineFactor(server.responseTimeMs, history: server.history, floorMs: 100, minimumSamples: 30) == 4)
        #expect(AlertCondition.baseline(server.history, minimumSamples: 901) == nil)
        // One value per poll: the usual median, the two middle values averaged.
        let even = ServerSnapshot(id: server.id, state: ServerState(kind: .up), responseTimeMs: 10,
                                  history: ServerHistory(responseTimeMs: Series([10, 0, 30, .nan, 20, 40])))
        #expect(AlertCondition.baseline(even.history, minimumSamples: 4) == 25)
        #expect(AlertCondition.baseline(even.history, minimumSamples: 5) == nil)
    }

    /// Each server series keeps only what its readers need: window means for the latency
    /// baseline, trend sums for the capacity forecast, neither for a series that is only drawn.
    @Test func theStoreKeepsWindowMeansAndTrendSumsOnlyWhereTheyAreRead() throws {
        let target = TargetID("unix:///run/haproxy.sock")
        let rows = try HAProxyCSVParser.parse(Fixture.bytes("haproxy/show-stat-server-template-2.6.csv")).rows
        var store = Store(options: StoreOptions(interval: 1, window: 900))
        for poll in 0..<300 {
            store.ingest(PollResult(target: target, role: .balancer, displayURL: target.rawValue, name: target.rawValue,
                                    host: nil, at: Double(poll), outcome: .success(.balancer(BalancerSample(rows: rows)))))
        }
        let snapshot = store.snapshot(now: 300)
        let history = try #require(snapshot.servers.first).history
        #expect(history.responseTimeMs.cells != nil)
        #expect(history.sessions.trendSums != nil)
        for drawn in [history.requestRate, history.errorRate, history.share, history.sessions] {
            #expect(drawn.cells == nil)
        }
        for drawn in [history.requestRate, history.errorRate, history.share, history.responseTimeMs] {
            #expect(drawn.trendSums == nil)
        }
        #expect(try #require(snapshot.backends.first).history.requestRate.trendSums != nil)
    }
}
