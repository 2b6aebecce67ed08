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

    /// The node a `/metrics` body describes; not node_exporter metrics is an error.
    static func decode(_ body: [UInt8]) throws(CollectError) -> NodeSample {
        let sample = NodeExporterReader.read(body)
        guard sample.cpu != nil || sample.memoryTotalBytes != nil else {
            let skipped = sample.skippedLines > 0 ? " (\(sample.skippedLines) malformed lines)" : ""
            throw CollectError(.badPayload, "not node_exporter metrics: no node_cpu_seconds_total or node_memory_MemTotal_bytes\(skipped)")
        }
        return sample
    }
}
