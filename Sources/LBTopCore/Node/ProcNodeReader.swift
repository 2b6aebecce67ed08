/// The raw bytes of the `/proc` files a `ProcNodeCollector` reads; any may be missing.
public struct ProcFiles: Sendable, Equatable {
    public var stat: [UInt8]?
    public var meminfo: [UInt8]?
    public var loadavg: [UInt8]?
    public var netDev: [UInt8]?
    public var uptime: [UInt8]?
    public init(stat: [UInt8]? = nil, meminfo: [UInt8]? = nil, loadavg: [UInt8]? = nil,
                netDev: [UInt8]? = nil, uptime: [UInt8]? = nil) {
        self.stat = stat; self.meminfo = meminfo; self.loadavg = loadavg; self.netDev = netDev; self.uptime = uptime
    }
}

/// Turns the `/proc` files of one machine into a `NodeSample` (pure, no I/O).
public enum ProcNodeReader {
    public static func read(_ files: ProcFiles, ticksPerSecond: Double = 100, hostname: String? = nil) -> NodeSample {
        var sample = NodeSample(hostname: hostname)
        if let bytes = files.stat {
            let stat = ProcStatParser.parse(bytes, ticksPerSecond: ticksPerSecond)
            sample.cpu = stat.total
            sample.cpuCount = stat.perCPU.isEmpty ? nil : stat.perCPU.count
            sample.bootTime = stat.bootTime.map(Double.init)
            sample.skippedLines += stat.skippedLines
        }
        if let bytes = files.meminfo {
            let memory = MemInfoParser.parse(bytes)
            sample.memoryTotalBytes = memory.totalBytes
            sample.memoryAvailableBytes = memory.availableBytes
        }
        if let bytes = files.loadavg, let load = LoadAvgParser.parse(bytes) {
            sample.load1 = load.one; sample.load5 = load.five; sample.load15 = load.fifteen
        }
        if let bytes = files.netDev {
            let parsed = NetDevParser.parse(bytes)
            sample.interfaces = parsed.interfaces
            sample.skippedLines += parsed.skippedLines
            sample.setNetworkTotals()
        }
        if let bytes = files.uptime { sample.uptimeSeconds = UptimeParser.parse(bytes)?.seconds }
        return sample
    }
}
