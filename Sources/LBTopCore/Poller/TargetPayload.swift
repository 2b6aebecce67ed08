/// What one poll of a target produced.
public enum TargetPayload: Sendable {
    case balancer(BalancerSample)
    case node(NodeSample)
    /// Request-log lines received since the last poll.
    case logs(LogBatch)
    case tier(TierSample)
    /// A Prometheus server's view of many balancers and nodes.
    case fleet(FleetSample)
}
