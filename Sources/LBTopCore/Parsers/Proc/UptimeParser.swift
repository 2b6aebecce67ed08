/// `/proc/uptime`: seconds since boot, and idle seconds summed over all CPUs.
public struct Uptime: Sendable, Equatable {
    public var seconds: Double
    public var idleSeconds: Double?
}

/// Parses `/proc/uptime` (`747.11 845.96`).
public enum UptimeParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> Uptime? {
        withBytes(bytes) { bytes in
            var fields = ByteFields(bytes, 0..<bytes.count)
            guard let up = fields.next().flatMap({ ASCIINumber.double(bytes, $0) }) else { return nil }
            let idle = fields.next().flatMap { ASCIINumber.double(bytes, $0) }
            return Uptime(seconds: up, idleSeconds: idle)
        }
    }
}
