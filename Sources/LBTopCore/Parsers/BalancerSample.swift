/// One parsed poll of a balancer endpoint. (Filled in with the HAProxy parser.)
public struct BalancerSample: Sendable {
    public init() {}
}
