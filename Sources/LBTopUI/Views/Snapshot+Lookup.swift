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

extension Series {
    /// The largest cell of the trend a table row draws from this series (0 when none is known).
    func trendPeak(cells: Int) -> Double {
        var top = 0.0
        for value in trend(samplesPerCell: SparklineWidget.tableSamplesPerCell, cells: cells) where !value.isNaN && value > top {
            top = value
        }
        return top
    }
}
