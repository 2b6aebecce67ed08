/// Turns a node_exporter `/metrics` body into a `NodeSample`, looking only at the families lbtop
/// shows: `node_cpu_seconds_total` (per CPU and mode; summed here, no total series exists),
/// `node_memory_*_bytes`, `node_load1/5/15`, `node_network_{receive,transmit}_*_total`,
/// `node_boot_time_seconds`, `node_time_seconds` and `node_uname_info`.
public enum NodeExporterReader {
    public static func read(_ bytes: some Collection<UInt8>) -> NodeSample {
        var cpu = CPUTimes()
        var cpuCount = 0
        var sawCPU = false
        var memory = MemInfo()
        var sample = NodeSample()
        var interfaces: [String: NetworkInterfaceCounters] = [:]
        var interfaceOrder: [String] = []
        var bootTime: Double?
        var now: Double?

        let summary = PrometheusTextParser.forEachSample(in: bytes) { view in
            guard view.nameHasPrefix("node_") else { return }
            if view.nameIs("node_cpu_seconds_total") {
                sawCPU = true
                add(view, to: &cpu, countingCPUs: &cpuCount)
            } else if view.nameHasPrefix("node_memory_") {
                readMemory(view, into: &memory)
            } else if view.nameIs("node_load1") {
                sample.load1 = view.value
            } else if view.nameIs("node_load5") {
                sample.load5 = view.value
            } else if view.nameIs("node_load15") {
                sample.load15 = view.value
            } else if view.nameHasPrefix("node_network_") {
                readNetwork(view, into: &interfaces, order: &interfaceOrder)
            } else if view.nameIs("node_boot_time_seconds") {
                bootTime = view.value
            } else if view.nameIs("node_time_seconds") {
                now = view.value
            } else if view.nameIs("node_uname_info") {
                sample.hostname = view.label("nodename")
            }
        }
        if sawCPU {
            sample.cpu = cpu
            sample.cpuCount = cpuCount
        }
        sample.memoryTotalBytes = memory.totalBytes
        sample.memoryAvailableBytes = memory.availableBytes
        sample.interfaces = interfaceOrder.compactMap { interfaces[$0] }
        sample.setNetworkTotals()
        sample.bootTime = bootTime
        if let bootTime, let now { sample.uptimeSeconds = now - bootTime }
        sample.skippedLines = summary.skippedLines
        return sample
    }

    private static func add(_ view: PrometheusSampleView, to cpu: inout CPUTimes, countingCPUs count: inout Int) {
        let value = view.value.isFinite ? view.value : 0
        if view.label("mode", is: "idle") { cpu.idle += value; count += 1 }
        else if view.label("mode", is: "user") { cpu.user += value }
        else if view.label("mode", is: "system") { cpu.system += value }
        else if view.label("mode", is: "nice") { cpu.nice += value }
        else if view.label("mode", is: "iowait") { cpu.iowait += value }
        else if view.label("mode", is: "irq") { cpu.irq += value }
        else if view.label("mode", is: "softirq") { cpu.softirq += value }
        else if view.label("mode", is: "steal") { cpu.steal += value }
    }

    private static func readMemory(_ view: PrometheusSampleView, into memory: inout MemInfo) {
        if view.nameIs("node_memory_MemTotal_bytes") { memory.totalBytes = view.value }
        else if view.nameIs("node_memory_MemAvailable_bytes") { memory.reportedAvailableBytes = view.value }
        else if view.nameIs("node_memory_MemFree_bytes") { memory.freeBytes = view.value }
        else if view.nameIs("node_memory_Buffers_bytes") { memory.buffersBytes = view.value }
        else if view.nameIs("node_memory_Cached_bytes") { memory.cachedBytes = view.value }
        else if view.nameIs("node_memory_SwapTotal_bytes") { memory.swapTotalBytes = view.value }
        else if view.nameIs("node_memory_SwapFree_bytes") { memory.swapFreeBytes = view.value }
    }

    private static func readNetwork(_ view: PrometheusSampleView, into interfaces: inout [String: NetworkInterfaceCounters],
                                    order: inout [String]) {
        let field: WritableKeyPath<NetworkInterfaceCounters, Double>
        if view.nameIs("node_network_receive_bytes_total") { field = \.receiveBytes }
        else if view.nameIs("node_network_transmit_bytes_total") { field = \.transmitBytes }
        else if view.nameIs("node_network_receive_packets_total") { field = \.receivePackets }
        else if view.nameIs("node_network_transmit_packets_total") { field = \.transmitPackets }
        else if view.nameIs("node_network_receive_errs_total") { field = \.receiveErrors }
        else if view.nameIs("node_network_transmit_errs_total") { field = \.transmitErrors }
        else if view.nameIs("node_network_receive_drop_total") { field = \.receiveDrops }
        else if view.nameIs("node_network_transmit_drop_total") { field = \.transmitDrops }
        else { return }
        guard let device = view.label("device") else { return }
        if interfaces[device] == nil {
            interfaces[device] = NetworkInterfaceCounters(name: device)
            order.append(device)
        }
        interfaces[device]![keyPath: field] = view.value
    }
}

extension NodeSample {
    /// Sets the receive/transmit totals from `interfaces`, leaving out `lo`.
    mutating func setNetworkTotals() {
        let external = interfaces.filter { !$0.isLoopback }
        guard !interfaces.isEmpty else { return }
        networkReceiveBytes = external.reduce(0) { $0 + $1.receiveBytes }
        networkTransmitBytes = external.reduce(0) { $0 + $1.transmitBytes }
    }
}
