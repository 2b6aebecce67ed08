/// Collects a node's resources from a node_exporter (or compatible) `/metrics` endpoint over the
/// shared HTTP transport: same timeout, byte cap, credentials and error wording as balancer targets.
public struct NodeExporterCollector: Collector {
    public let id: TargetID
    public let role = TargetStatus.Role.node
    public let displayURL: String
    public let spec: NodeTargetSpec
    private let transport: HTTPTransport

    public init(spec: NodeTargetSpec, transport: HTTPTransport) {
        self.spec = spec
        self.id = TargetID(spec.id.rawValue)
        self.transport = transport
        self.displayURL = transport.url
    }

    public var name: String { spec.name }
    public var host: String? { spec.host }

    public var decoder: PayloadDecoder { .nodeExporter }

    public func fetch() async throws -> [UInt8] { try await transport.fetch() }
}
