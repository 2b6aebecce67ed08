/// One poll of a Prometheus server standing in for a fleet: a balancer sample per balancer
/// instance, a node sample per node_exporter instance (each named by its `instance` label), and
/// the instances whose last scrape failed.
public struct FleetSample: Sendable, Equatable {
    public struct Balancer: Sendable, Equatable {
        public var instance: String
        public var sample: BalancerSample
    }

    public struct Node: Sendable, Equatable {
        public var instance: String
        public var sample: NodeSample
    }

    /// A target Prometheus lists as down: its series are gone or going stale.
    public struct Unscraped: Sendable, Equatable {
        public var instance: String
        public var reason: String
    }

    public var balancers: [Balancer] = []
    public var nodes: [Node] = []
    public var unscraped: [Unscraped] = []
    /// The longest scrape interval of the targets, seconds; nil when Prometheus lists none.
    public var scrapeInterval: Double?

    public init(balancers: [Balancer] = [], nodes: [Node] = [], unscraped: [Unscraped] = [], scrapeInterval: Double? = nil) {
        self.balancers = balancers; self.nodes = nodes; self.unscraped = unscraped; self.scrapeInterval = scrapeInterval
    }
}
