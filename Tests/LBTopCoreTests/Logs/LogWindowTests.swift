import Testing
@testable import LBTopCore

/// A slot's histograms start sized for what the slot before it held, so that they rarely grow:
/// an outlier sizes the slot it lands in and the next one, never the ones after.
@Suite struct LogWindowTests {
    static func request(serverMs: Int) throws -> LogRequest {
        guard case .request(let request) = LogLineParser.parse(Array(LogStoreTests.line(server: "s1", serverMs: serverMs).utf8)) else {
            throw CollectError(.badPayload, "the test line is not a request")
        }
        return request
    }

    @Test func anOutlierSizesItsSlotAndTheNextOnly() throws {
        var window = LogWindow(window: 12, slotCount: 12)   // slots of 1 s
        let slow = try Self.request(serverMs: 3_000_000), fast = try Self.request(serverMs: 5)
        window.record(slow, keys: LogLineKeys(slow), serverMs: slow.serverMs, status: 200, at: 0.5)
        for second in 1..<6 {
            window.record(fast, keys: LogLineKeys(fast), serverMs: fast.serverMs, status: 200, at: Double(second) + 0.5)
        }
        let reach = window.histogramReach
        #expect(reach.count == 6)
        #expect(reach[0] >= 3_000_000 && reach[1] >= 3_000_000)
        #expect(reach[2...].allSatisfy { $0 < 1_000 }, "\(reach)")
        let figures = try #require(window.figures(now: 5.9, since: 0))
        #expect(figures.requests == 6)
        #expect(figures.serverTime?.p50 == 5 && (2_970_000...3_030_000).contains(figures.serverTime?.max ?? 0))
    }
}
