/// The `/proc/meminfo` (or node_exporter `node_memory_*_bytes`) fields lbtop uses, in bytes.
public struct MemInfo: Sendable, Equatable {
    public var totalBytes: Double?
    public var freeBytes: Double?
    public var buffersBytes: Double?
    public var cachedBytes: Double?
    public var swapTotalBytes: Double?
    public var swapFreeBytes: Double?
    /// `MemAvailable` as the kernel reports it (since 3.14); nil on older kernels.
    public var reportedAvailableBytes: Double?

    public init(totalBytes: Double? = nil, freeBytes: Double? = nil, buffersBytes: Double? = nil,
                cachedBytes: Double? = nil, swapTotalBytes: Double? = nil, swapFreeBytes: Double? = nil,
                reportedAvailableBytes: Double? = nil) {
        self.totalBytes = totalBytes; self.freeBytes = freeBytes; self.buffersBytes = buffersBytes
        self.cachedBytes = cachedBytes; self.swapTotalBytes = swapTotalBytes
        self.swapFreeBytes = swapFreeBytes; self.reportedAvailableBytes = reportedAvailableBytes
    }

    /// MemAvailable, or MemFree + Buffers + Cached where the kernel predates it.
    public var availableBytes: Double? {
        if let reportedAvailableBytes { return reportedAvailableBytes }
        guard let freeBytes else { return nil }
        return freeBytes + (buffersBytes ?? 0) + (cachedBytes ?? 0)
    }

    /// Used = MemTotal − available, as procps-ng `free` prints it.
    public var usedBytes: Double? {
        guard let totalBytes, let availableBytes else { return nil }
        return max(0, totalBytes - availableBytes)
    }
}

/// Parses `/proc/meminfo`: `Name:   <n> kB` lines (kB = KiB); lines without a unit are counts.
public enum MemInfoParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> MemInfo {
        withBytes(bytes) { parse(buffer: $0) }
    }

    static func parse(buffer bytes: UnsafeBufferPointer<UInt8>) -> MemInfo {
        var info = MemInfo()
        for line in ByteLines(bytes) {
            var fields = ByteFields(bytes, line)
            guard let key = fields.next(), let number = fields.next(),
                  let raw = ASCIINumber.unsigned(bytes, number) else { continue }
            let unit = fields.next()
            let value = Double(raw) * (unit.map { bytes.matches($0, "kB") } == true ? 1024 : 1)
            if bytes.matches(key, "MemTotal:") { info.totalBytes = value }
            else if bytes.matches(key, "MemFree:") { info.freeBytes = value }
            else if bytes.matches(key, "MemAvailable:") { info.reportedAvailableBytes = value }
            else if bytes.matches(key, "Buffers:") { info.buffersBytes = value }
            else if bytes.matches(key, "Cached:") { info.cachedBytes = value }
            else if bytes.matches(key, "SwapTotal:") { info.swapTotalBytes = value }
            else if bytes.matches(key, "SwapFree:") { info.swapFreeBytes = value }
        }
        return info
    }
}
