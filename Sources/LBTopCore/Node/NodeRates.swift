/// The values derived from a node sample and the one before it.
struct NodeRates: Sendable, Equatable {
    var cpuPercent: Double?
    var memoryPercent: Double?
    var memoryUsedBytes: Double?
    var receiveBytesPerSecond: Double?
    var transmitBytesPerSecond: Double?
    var interfaces: [NetworkInterfaceRates] = []

    init() {}

    /// `previous` nil (first poll) or a reset between the two gives memory only.
    init(from previous: NodeSample?, to sample: NodeSample, elapsed: Double?) {
        if let total = sample.memoryTotalBytes, total > 0, let available = sample.memoryAvailableBytes {
            let used = min(total, max(0, total - available))
            memoryUsedBytes = used
            memoryPercent = used / total * 100
        }
        if let given = sample.sourceRates {
            cpuPercent = given.cpuPercent.map { min(100, max(0, $0)) }
            receiveBytesPerSecond = given.receiveBytesPerSecond
            transmitBytesPerSecond = given.transmitBytesPerSecond
            return
        }
        guard let previous, let elapsed, elapsed > 0, !Self.isReset(from: previous, to: sample) else { return }
        if let before = previous.cpu, let after = sample.cpu {
            cpuPercent = Self.cpuPercent(from: before, to: after)
        }
        receiveBytesPerSecond = Self.rate(previous.networkReceiveBytes, sample.networkReceiveBytes, elapsed)
        transmitBytesPerSecond = Self.rate(previous.networkTransmitBytes, sample.networkTransmitBytes, elapsed)
        if !sample.interfaces.isEmpty, !previous.interfaces.isEmpty {
            interfaces = Self.interfaceRates(previous.interfaces, sample.interfaces, elapsed)
            let external = interfaces.filter { $0.name != "lo" }
            if !external.isEmpty {
                receiveBytesPerSecond = external.reduce(0) { $0 + $1.receiveBytesPerSecond }
                transmitBytesPerSecond = external.reduce(0) { $0 + $1.transmitBytesPerSecond }
            }
        }
    }

    /// Busy share of CPU time between two readings, 0…100: 1 − Δ(idle + iowait) / Δtotal, with
    /// every per-mode delta clamped at 0 (iowait may go backwards). nil when the total went
    /// backwards (a reset) or no time passed.
    static func cpuPercent(from before: CPUTimes, to after: CPUTimes) -> Double? {
        guard after.total >= before.total else { return nil }
        func delta(_ field: KeyPath<CPUTimes, Double>) -> Double { max(0, after[keyPath: field] - before[keyPath: field]) }
        let idle = delta(\.idle) + delta(\.iowait)
        let busy = delta(\.user) + delta(\.nice) + delta(\.system) + delta(\.irq) + delta(\.softirq) + delta(\.steal)
        let total = idle + busy
        guard total > 0 else { return nil }
        return min(100, max(0, busy / total * 100))
    }

    /// A reboot or CPU hotplug between two samples: boot time moved, uptime went backwards, or the
    /// CPU count changed.
    static func isReset(from before: NodeSample, to after: NodeSample) -> Bool {
        if let a = before.bootTime, let b = after.bootTime, abs(a - b) > 2 { return true }
        if let a = before.uptimeSeconds, let b = after.uptimeSeconds, b < a { return true }
        if let a = before.cpuCount, let b = after.cpuCount, a != b { return true }
        return false
    }

    /// Per-second rate of a counter; nil when unknown or when it went backwards (a reset).
    static func rate(_ before: Double?, _ after: Double?, _ elapsed: Double) -> Double? {
        guard let before, let after, after >= before else { return nil }
        return (after - before) / elapsed
    }

    /// Rates of the interfaces present in both samples, in the order of `after`; a counter that
    /// went backwards (the device was recreated) counts 0 this interval.
    static func interfaceRates(_ before: [NetworkInterfaceCounters], _ after: [NetworkInterfaceCounters],
                               _ elapsed: Double) -> [NetworkInterfaceRates] {
        after.compactMap { interface in
            guard let old = before.first(where: { $0.name == interface.name }) else { return nil }
            func perSecond(_ field: KeyPath<NetworkInterfaceCounters, Double>) -> Double {
                max(0, interface[keyPath: field] - old[keyPath: field]) / elapsed
            }
            return NetworkInterfaceRates(
                name: interface.name, receiveBytesPerSecond: perSecond(\.receiveBytes),
                transmitBytesPerSecond: perSecond(\.transmitBytes), receivePacketsPerSecond: perSecond(\.receivePackets),
                transmitPacketsPerSecond: perSecond(\.transmitPackets),
                errorsPerSecond: perSecond(\.receiveErrors) + perSecond(\.transmitErrors)
                    + perSecond(\.receiveDrops) + perSecond(\.transmitDrops))
        }
    }
}
