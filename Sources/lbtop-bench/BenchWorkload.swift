import Foundation
import LBTopCore
#if canImport(Glibc)
import Glibc
#endif

/// A store fed the way a running lbtop feeds it: one poll of a 1,000-server HAProxy per second,
/// with counters growing unevenly so every rate, share and sparkline moves.
struct BenchWorkload {
    /// Points per series with the default 15-minute window at a 1 s interval.
    static let windowPoints = StoreOptions().capacity

    var store = Store(options: StoreOptions())
    private let base: BalancerSample
    private(set) var poll = 0
    private let target = TargetID("http://127.0.0.1:8404/stats;csv")

    init(shape: StatsCSVGenerator) {
        let stats = try! HAProxyCSVParser.parse(shape.body(poll: 0))
        base = BalancerSample(rows: stats.rows, skippedLines: stats.skippedLines)
    }

    /// Polls until every series holds `polls` values (a full window by default).
    mutating func fill(upTo polls: Int = windowPoints) {
        while poll < polls { store.ingest(nextResult()) }
    }

    /// The next poll's result: the base rows with counters advanced as `poll` seconds of traffic.
    mutating func nextResult() -> PollResult {
        poll += 1
        var rows = base.rows
        for index in rows.indices {
            let step = Int64(5 + (index * 7 + poll) % 5)
            let requests = (rows[index][.reqTot] ?? 0) + Int64(poll) * step
            rows[index][.reqTot] = requests
            rows[index][.stot] = requests
            rows[index][.hrsp2xx] = requests - Int64(index % 13 == 0 ? poll / 3 : 0)
            rows[index][.hrsp5xx] = Int64(index % 13 == 0 ? poll / 3 : 0)
            rows[index][.rtime] = Int64(2 + (index + poll) % 9)
            rows[index][.scur] = Int64((index + poll) % 4)
            rows[index][.lastchg] = Int64(19 + poll)
        }
        let sample = BalancerSample(rows: rows, skippedLines: 0)
        return PollResult(target: target, role: .balancer, displayURL: target.rawValue, name: "haproxy",
                          host: "127.0.0.1", at: Double(poll), outcome: .success(.balancer(sample)))
    }

    /// This process's resident memory (`VmRSS`), in KB.
    static func residentKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
}
