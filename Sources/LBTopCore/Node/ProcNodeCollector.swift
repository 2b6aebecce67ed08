#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects this machine's resources from `/proc` (`stat`, `meminfo`, `loadavg`, `net/dev`,
/// `uptime`). The root is injectable so tests can point it at a folder of captured files.
public struct ProcNodeCollector: Collector {
    public let id: TargetID
    public let role = TargetStatus.Role.node
    public let displayURL: String
    public let spec: NodeTargetSpec
    private let root: String
    private let maxBytesPerFile: Int
    private let ticksPerSecond: Double

    /// - Parameters:
    ///   - root: folder holding `stat`, `meminfo`, … (default `/proc`).
    ///   - maxBytesPerFile: a file larger than this fails the poll (default 1 MiB).
    public init(spec: NodeTargetSpec, root: String = "/proc", maxBytesPerFile: Int = 1 << 20) {
        self.spec = spec
        self.id = TargetID(spec.id.rawValue)
        self.root = root
        self.displayURL = root == "/proc" ? "local" : "local:\(root)"
        self.maxBytesPerFile = maxBytesPerFile
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        self.ticksPerSecond = ticks > 0 ? Double(ticks) : 100
    }

    public var name: String { spec.name }
    public var host: String? { spec.host }

    public var decoder: PayloadDecoder { .proc }

    /// Reads the files (`stat` and `meminfo` are required; the rest is shown when present).
    public func fetch() async throws -> [UInt8] {
        do {
            let files = ProcFiles(
                stat: try LocalFileReader.read(root + "/stat", maxBytes: maxBytesPerFile),
                meminfo: try LocalFileReader.read(root + "/meminfo", maxBytes: maxBytesPerFile),
                loadavg: try? LocalFileReader.read(root + "/loadavg", maxBytes: maxBytesPerFile),
                netDev: try? LocalFileReader.read(root + "/net/dev", maxBytes: maxBytesPerFile),
                uptime: try? LocalFileReader.read(root + "/uptime", maxBytes: maxBytesPerFile))
            return ProcFiles.Framed(files: files, hostname: Self.hostname(), addresses: Self.interfaceAddresses(),
                                    ticksPerSecond: ticksPerSecond).bytes
        } catch {
            throw CollectError(.unreachable, error.description)
        }
    }

    /// The IPv4 and IPv6 addresses of this machine's interfaces (`getifaddrs`).
    static func interfaceAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr else { continue }
            let family = Int32(address.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(address, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // Drop an IPv6 zone (`fe80::1%eth0`): HAProxy writes addresses without it.
            let bare = String(name.split(separator: "%", maxSplits: 1).first ?? "")
            if !bare.isEmpty, !addresses.contains(bare) { addresses.append(bare) }
        }
        return addresses
    }

    private static func hostname() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
