#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a remote node says about itself once, in the hello answer.
public struct RemoteHostIdentity: Sendable, Equatable {
    public var hostname: String?
    /// IPv4 addresses marked local in `/proc/net/fib_trie`, then the IPv6 ones of `/proc/net/if_inet6`.
    public var addresses: [String]

    public init(hostname: String? = nil, addresses: [String] = []) {
        self.hostname = hostname; self.addresses = addresses
    }
}

extension RemoteAnswer {
    /// The hello answer read as the host's identity; nil when this is not the script's hello
    /// (another program answered on the remote's stdout).
    public var hostIdentity: RemoteHostIdentity? {
        guard parts.first?.name == RemoteProcScript.helloMarker else { return nil }
        var identity = RemoteHostIdentity()
        if let bytes = bytes(of: RemoteProcScript.hostnameFile) {
            let name = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
            if !name.isEmpty { identity.hostname = name }
        }
        for line in lines(of: RemoteProcScript.ipv4Part) {
            let address = line.trimmingWhitespace
            if !address.isEmpty, !identity.addresses.contains(address) { identity.addresses.append(address) }
        }
        for line in lines(of: RemoteProcScript.ipv6File) {
            guard let hex = line.split(separator: " ").first, let address = Self.ipv6(hex),
                  !identity.addresses.contains(address) else { continue }
            identity.addresses.append(address)
        }
        return identity
    }

    /// The poll answer as the files `ProcNodeReader` reads.
    public var procFiles: ProcFiles {
        ProcFiles(stat: bytes(of: "/proc/stat"), meminfo: bytes(of: "/proc/meminfo"),
                  loadavg: bytes(of: "/proc/loadavg"), netDev: bytes(of: "/proc/net/dev"),
                  uptime: bytes(of: "/proc/uptime"))
    }

    private func lines(of name: String) -> [String] {
        guard let bytes = bytes(of: name) else { return [] }
        return bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `fe80000000000000021122fffe334455` (if_inet6's 32 hex digits) as `fe80::211:22ff:fe33:4455`.
    static func ipv6(_ hex: Substring) -> String? {
        let digits = Array(hex.utf8)
        guard digits.count == 32 else { return nil }
        var raw = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            guard let high = hexValue(digits[2 * index]), let low = hexValue(digits[2 * index + 1]) else { return nil }
            raw[index] = high << 4 | low
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, raw, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
