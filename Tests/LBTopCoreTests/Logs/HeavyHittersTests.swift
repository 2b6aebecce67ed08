import Histogram
import Testing
@testable import LBTopCore

@Suite struct HeavyHittersTests {
    static func latencies(_ list: HeavyHitters, _ key: String) -> Histogram<UInt32> {
        var histogram = LatencyHistogram.coarseKey
        if let index = list.keys.firstIndex(of: key) { list.addLatency(of: index, to: &histogram) }
        return histogram
    }

    @Test func aFrequentKeyStaysThroughALongTailInBoundedSpace() {
        var list = HeavyHitters(capacity: 4)
        for index in 0..<400 {
            list.record(LogKey(index % 2 == 0 ? "/hot" : "/tail/\(index)"), latencyMs: 1, isError: false)
        }
        #expect(list.keys.count == 4)
        let hot = try! #require(list.keys.firstIndex(of: "/hot"))
        // It came first and never left: counted exactly, well above the tail sharing the other places.
        #expect(list.counts[hot] == 200 && list.counts.filter { $0 < 100 }.count == 3)
    }

    @Test func aNewKeyInheritsTheSmallestCountButNotItsErrorsOrLatency() {
        var list = HeavyHitters(capacity: 2)
        list.record(LogKey("/a"), latencyMs: 5, isError: true)
        list.record(LogKey("/b"), latencyMs: 10, isError: false)
        list.record(LogKey("/b"), latencyMs: 10, isError: false)
        list.record(LogKey("/c"), latencyMs: 700, isError: false)
        #expect(list.keys == ["/c", "/b"] && list.counts == [2, 2] && list.errors == [0, 0])
        let latency = Self.latencies(list, "/c")
        #expect(latency.totalCount == 1 && list.keys.contains("/a") == false)
        #expect((672...735).contains(latency.valueAtPercentile(100)))
    }

    @Test func aKeysLatencyIsKeptFromItsFirstRequestOn() {
        var list = HeavyHitters(capacity: 2)
        list.record(LogKey("/a"), latencyMs: 5, isError: false)
        #expect(Self.latencies(list, "/a").totalCount == 1 && Self.latencies(list, "/a").maxRecorded == 5)
        list.record(LogKey("/a"), latencyMs: 300, isError: true)
        list.record(LogKey("/a"), latencyMs: nil, isError: false)   // a request with no time
        let latency = Self.latencies(list, "/a")
        #expect(latency.totalCount == 2 && latency.valueAtPercentile(50) == 5)
        #expect((288...319).contains(latency.valueAtPercentile(99)))
        #expect(list.counts == [3] && list.errors == [1])
    }

    @Test func aLinesKeysAreMadeOnce() {
        let keys = LogLineKeys(LogRequest(format: .haproxyHTTP, client: "10.0.0.1", termination: "sHNN", path: "/search?q=a"))
        #expect(keys.path == LogKey("/search") && keys.client == LogKey("10.0.0.1") && keys.cause == "sH")
        let plain = LogLineKeys(LogRequest(format: .haproxyHTTP, client: "::1", termination: "--NI"))
        #expect(plain.path == nil && plain.cause == nil)
    }
}
