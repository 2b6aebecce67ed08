import Foundation
import LBTopCore

/// Lookups the views make on a snapshot, by linear scan over contiguous arrays: no index is built
/// per frame, and only rows on screen ask.
extension Snapshot {
    /// The servers of a backend: a contiguous run, since servers come in target, backend, server
    /// config order.
    func servers(of backend: ProxyID) -> ArraySlice<ServerSnapshot> {
        guard let first = servers.firstIndex(where: { $0.id.backend == backend.proxy && $0.id.target == backend.target })
        else { return servers[0..<0] }
        var end = first + 1
        while end < servers.count, servers[end].id.backend == backend.proxy, servers[end].id.target == backend.target {
            end += 1
        }
        return servers[first..<end]
    }

    func node(_ id: NodeID?) -> NodeSnapshot? {
        guard let id else { return nil }
        return nodes.first { $0.id == id }
    }

    func server(_ id: ServerID) -> ServerSnapshot? { servers.first { $0.id == id } }

    func proxy(_ id: ProxyID) -> ProxySnapshot? {
        backends.first { $0.id == id } ?? frontends.first { $0.id == id }
    }

    /// Indices of the nodes no balancer server runs on (shown in their own section).
    func unjoinedNodeIndices() -> [Int] {
        nodes.indices.filter { index in
            let node = nodes[index]
            return node.servers.isEmpty && !servers.contains { $0.node == node.id }
        }
    }
}

/// A shared trend scale rounded up to 1, 2 or 5 × 10ⁿ: the scale of a screenful of trends then
/// stays put while the peak wanders a little, so a poll does not re-level every cell of every
/// row (and resend them all to the terminal).
func niceScale(_ peak: Double) -> Double {
    guard peak > 0, peak.isFinite else { return peak }
    let magnitude = pow(10, (log10(peak)).rounded(.down))
    for step in [1.0, 2, 5, 10] where step * magnitude >= peak * (1 - 1e-9) { return step * magnitude }
    return 10 * magnitude
}

extension Series {
    /// The largest cell of the trend a table row draws from this series (0 when none is known).
    func trendPeak(cells: Int) -> Double {
        trendPeak(samplesPerCell: SparklineWidget.tableSamplesPerCell, cells: cells)
    }
}
