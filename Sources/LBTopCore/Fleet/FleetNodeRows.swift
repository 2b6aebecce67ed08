/// The nodes of one fleet poll as node_exporter's answers arrive: a node sample per `instance`,
/// in the order the answers first name them.
struct FleetNodeRows {
    private var order: [String] = []
    private var nodes: [String: NodeSample] = [:]

    mutating func add(_ query: FleetQuery, _ series: PrometheusSampleView) {
        guard let instance = series.label("instance") else { return }
        let value = series.value.isFinite ? series.value : nil
        if nodes[instance] == nil {
            var sample = NodeSample()
            sample.sourceRates = NodeSourceRates()
            nodes[instance] = sample
            order.append(instance)
        }
        Self.read(query, series, value, into: &nodes[instance]!)
    }

    private static func read(_ query: FleetQuery, _ series: PrometheusSampleView, _ value: Double?, into node: inout NodeSample) {
        switch query {
        case .nodeCPU: node.sourceRates?.cpuPercent = value
        case .nodeCPUCount: node.cpuCount = value.flatMap { Int(exactly: $0.rounded()) }
        case .nodeReceive: node.sourceRates?.receiveBytesPerSecond = value
        case .nodeTransmit: node.sourceRates?.transmitBytesPerSecond = value
        case .nodeUname: node.hostname = series.label("nodename")
        case .nodeGauges:
            if series.nameIs("node_memory_MemTotal_bytes") { node.memoryTotalBytes = value }
            else if series.nameIs("node_memory_MemAvailable_bytes") { node.memoryAvailableBytes = value }
            else if series.nameIs("node_load1") { node.load1 = value }
            else if series.nameIs("node_load5") { node.load5 = value }
            else if series.nameIs("node_load15") { node.load15 = value }
        default: break
        }
    }

    func samples() -> [FleetSample.Node] {
        order.map { FleetSample.Node(instance: $0, sample: nodes[$0]!) }
    }
}
