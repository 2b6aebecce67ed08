/// `/proc/stat`, the lines lbtop needs: the aggregate `cpu` line, one `cpuN` line per online CPU,
/// `btime`, `procs_running`, `procs_blocked`.
public struct ProcStat: Sendable, Equatable {
    /// Aggregate CPU time over all CPUs, in seconds.
    public var total: CPUTimes?
    /// Per online CPU (offline CPUs are absent, so numbering may have gaps), in seconds.
    public var perCPU: [CPUTimes]
    /// Boot time, seconds since the epoch.
    public var bootTime: UInt64?
    public var procsRunning: UInt64?
    public var procsBlocked: UInt64?
    /// `cpu` lines that could not be read.
    public var skippedLines: Int
}

/// Parses `/proc/stat`. CPU lines have a variable number of fields (4 on old kernels, 10 today);
/// missing fields read as 0, `guest`/`guest_nice` are ignored because user/nice already contain them.
public enum ProcStatParser {
    /// - Parameter ticksPerSecond: USER_HZ (`sysconf(_SC_CLK_TCK)`), 100 on common architectures.
    public static func parse(_ bytes: some Collection<UInt8>, ticksPerSecond: Double = 100) -> ProcStat {
        withBytes(bytes) { parse(buffer: $0, ticksPerSecond: ticksPerSecond) }
    }

    static func parse(buffer bytes: UnsafeBufferPointer<UInt8>, ticksPerSecond: Double) -> ProcStat {
        var stat = ProcStat(total: nil, perCPU: [], bootTime: nil, procsRunning: nil, procsBlocked: nil, skippedLines: 0)
        for line in ByteLines(bytes) {
            var fields = ByteFields(bytes, line)
            guard let key = fields.next() else { continue }
            if bytes.hasPrefix(key, "cpu") {
                guard let times = cpuTimes(bytes, &fields, ticksPerSecond: ticksPerSecond) else {
                    stat.skippedLines += 1
                    continue
                }
                if key.count == 3 { stat.total = times } else { stat.perCPU.append(times) }
            } else if bytes.matches(key, "btime") {
                stat.bootTime = fields.next().flatMap { ASCIINumber.unsigned(bytes, $0) }
            } else if bytes.matches(key, "procs_running") {
                stat.procsRunning = fields.next().flatMap { ASCIINumber.unsigned(bytes, $0) }
            } else if bytes.matches(key, "procs_blocked") {
                stat.procsBlocked = fields.next().flatMap { ASCIINumber.unsigned(bytes, $0) }
            }
        }
        return stat
    }

    /// user nice system idle [iowait irq softirq steal [guest guest_nice]]: at least the first four.
    private static func cpuTimes(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: inout ByteFields,
                                 ticksPerSecond: Double) -> CPUTimes? {
        var values = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        var count = 0
        while count < 8, let field = fields.next() {
            guard let ticks = ASCIINumber.unsigned(bytes, field) else { return nil }
            let seconds = Double(ticks) / ticksPerSecond
            switch count {
            case 0: values.0 = seconds
            case 1: values.1 = seconds
            case 2: values.2 = seconds
            case 3: values.3 = seconds
            case 4: values.4 = seconds
            case 5: values.5 = seconds
            case 6: values.6 = seconds
            default: values.7 = seconds
            }
            count += 1
        }
        guard count >= 4 else { return nil }
        return CPUTimes(user: values.0, nice: values.1, system: values.2, idle: values.3,
                        iowait: values.4, irq: values.5, softirq: values.6, steal: values.7)
    }
}
