/// One parsed poll of a node (from `/proc` or node_exporter): raw counters and gauges.
/// Rates and percentages are derived by `NodeTracker` from two samples.
public struct NodeSample: Sendable, Equatable {
    /// Aggregate CPU time in seconds, by mode, summed over CPUs.
    public var cpu: CPUTimes?
    public var cpuCount: Int?
    public var memoryTotalBytes: Double?
    public var memoryAvailableBytes: Double?
    public var load1: Double?
    public var load5: Double?
    public var load15: Double?
    /// Bytes received/transmitted, summed over interfaces except `lo`.
    public var networkReceiveBytes: Double?
    public var networkTransmitBytes: Double?
    public var hostname: String?
    /// Lines the parser skipped as malformed.
    public var skippedLines: Int
    /// Per-interface counters (including `lo`), when the collector reads them.
    public var interfaces: [NetworkInterfaceCounters] = []
    /// Boot time, seconds since the epoch: a change means the node rebooted (counters restarted).
    public var bootTime: Double?
    public var uptimeSeconds: Double?
    /// IP addresses the node reports as its own (for `local`: every interface's address), used to
    /// join servers whose `addr` is one of them.
    public var addresses: [String] = []
    /// Rates the source computed itself (a Prometheus server's `rate()`), used as they are.
    public var sourceRates: NodeSourceRates?

    public init(cpu: CPUTimes? = nil, cpuCount: Int? = nil, memoryTotalBytes: Double? = nil,
                memoryAvailableBytes: Double? = nil, load1: Double? = nil, load5: Double? = nil,
                load15: Double? = nil, networkReceiveBytes: Double? = nil,
                networkTransmitBytes: Double? = nil, hostname: String? = nil, skippedLines: Int = 0) {
        self.cpu = cpu; self.cpuCount = cpuCount; self.memoryTotalBytes = memoryTotalBytes
        self.memoryAvailableBytes = memoryAvailableBytes; self.load1 = load1; self.load5 = load5
        self.load15 = load15; self.networkReceiveBytes = networkReceiveBytes
        self.networkTransmitBytes = networkTransmitBytes; self.hostname = hostname
        self.skippedLines = skippedLines
    }
}

/// CPU time by mode, in seconds. `busy` excludes idle and iowait; guest is already in user/nice.
public struct CPUTimes: Sendable, Equatable {
    public var user, nice, system, idle, iowait, irq, softirq, steal: Double
    public init(user: Double = 0, nice: Double = 0, system: Double = 0, idle: Double = 0,
                iowait: Double = 0, irq: Double = 0, softirq: Double = 0, steal: Double = 0) {
        self.user = user; self.nice = nice; self.system = system; self.idle = idle
        self.iowait = iowait; self.irq = irq; self.softirq = softirq; self.steal = steal
    }
    public var total: Double { user + nice + system + idle + iowait + irq + softirq + steal }
    public var idleAll: Double { idle + iowait }
}

/// A node's rates as a Prometheus server computed them.
public struct NodeSourceRates: Sendable, Equatable {
    public var cpuPercent: Double?
    public var receiveBytesPerSecond: Double?
    public var transmitBytesPerSecond: Double?

    public init(cpuPercent: Double? = nil, receiveBytesPerSecond: Double? = nil, transmitBytesPerSecond: Double? = nil) {
        self.cpuPercent = cpuPercent; self.receiveBytesPerSecond = receiveBytesPerSecond
        self.transmitBytesPerSecond = transmitBytesPerSecond
    }
}
