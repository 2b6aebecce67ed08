/// What `lbtop --demo` polls on a demo server listening on `port` of 127.0.0.1: its stats page
/// and one node_exporter per server, each node named after its server and joined to it.
public struct DemoTargets: Sendable {
    public let port: Int
    /// The HAProxy stats page URL.
    public var statsURL: String { "http://127.0.0.1:\(port)/stats;csv" }
    /// One node per demo server.
    public let nodes: [NodeTargetSpec]

    public init(port: Int, servers: [DemoCluster.Server] = DemoCluster().servers) {
        self.port = port
        nodes = servers.map { server in
            NodeTargetSpec(name: server.name, location: .exporter(url: "http://127.0.0.1:\(port)/nodes/\(server.name)/metrics"),
                           servers: [server.id])
        }
    }

    /// The collectors the dashboard polls them with: the stats page as target `demo`, then the nodes.
    public func collectors(limits: TransportLimits) throws -> [any Collector] {
        var collectors: [any Collector] = [
            HAProxyCollector(id: TargetID("demo"), displayURL: statsURL,
                             endpoint: .http(try HTTPTransport(url: statsURL, limits: limits))),
        ]
        for node in nodes {
            guard case .exporter(let url) = node.location else { continue }
            collectors.append(NodeExporterCollector(spec: node, transport: try HTTPTransport(url: url, limits: limits)))
        }
        return collectors
    }
}
