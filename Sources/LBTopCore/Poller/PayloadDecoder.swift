/// How the bytes one poll of a target received become its payload: a pure function, so a
/// recording's bytes replay through the same parsers. The raw value is what a recording stores.
public enum PayloadDecoder: String, Sendable, Equatable, CaseIterable {
    /// HAProxy stats page CSV (`/stats;csv`).
    case haproxyCSV = "haproxy-csv"
    /// Any balancer's HTTP status endpoint, its format found from the bytes (`BalancerBodyDecoder`).
    case balancerHTTP = "balancer-http"
    /// HAProxy stats socket: `show info`, `show stat` and `show table` in one answer, then any
    /// stick tables' contents (`show table NAME`).
    case haproxySocket = "haproxy-socket"
    /// Prometheus node_exporter metrics.
    case nodeExporter = "node-exporter"
    /// This machine's `/proc` files, framed by `ProcFiles.framed()`.
    case proc
    /// Request-log lines, framed by `LogBatch.framed()`.
    case logLines = "log-lines"
    /// A Redis answer to `[AUTH] INFO`.
    case redisInfo = "redis-info"
    /// A memcached answer to `stats`.
    case memcachedStats = "memcached-stats"
    /// A Prometheus server's answers to the fleet queries, framed by `FleetAnswers.framed`.
    case prometheusFleet = "prometheus-fleet"

    public func decode(_ bytes: [UInt8]) throws(CollectError) -> TargetPayload {
        switch self {
        case .haproxyCSV:
            return .balancer(try HAProxyStatsDecoder.decode(statsBody: bytes[...], process: nil))
        case .balancerHTTP:
            return .balancer(try BalancerBodyDecoder.decode(bytes[...]))
        case .haproxySocket:
            return .balancer(try HAProxyStatsDecoder.decodeSocket(bytes))
        case .nodeExporter:
            return .node(try NodeSampleDecoder.nodeExporter(bytes))
        case .proc:
            guard let framed = ProcFiles.Framed(bytes) else {
                throw CollectError(.badPayload, "not a framed set of /proc files")
            }
            return .node(try NodeSampleDecoder.proc(framed))
        case .logLines:
            guard let batch = LogBatch(framed: bytes) else {
                throw CollectError(.badPayload, "not a framed batch of log lines")
            }
            return .logs(batch)
        case .redisInfo:
            return .tier(try TierAnswerDecoder.decode(bytes[...], kind: .redis))
        case .memcachedStats:
            return .tier(try TierAnswerDecoder.decode(bytes[...], kind: .memcached))
        case .prometheusFleet:
            guard let answers = FleetAnswers(framed: bytes) else {
                throw CollectError(.badPayload, "not a framed set of Prometheus answers")
            }
            return .fleet(try FleetMapper.map(answers))
        }
    }
}
