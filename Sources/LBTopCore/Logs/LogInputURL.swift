import Foundation

/// Where a request log comes from: `udp://127.0.0.1:5514` (syslog datagrams; binds exactly that
/// address), `unix:///run/lbtop/log.sock` (a datagram socket lbtop creates), or a file path
/// (`/var/log/haproxy.log`, `file:///…`) followed like `tail -F`.
public enum LogInputURL: Sendable, Equatable, CustomStringConvertible {
    case udp(host: String, port: Int)
    case unixDatagram(path: String)
    case file(path: String)

    public init(_ text: String) throws(CollectError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("udp://") {
            let rest = String(trimmed.dropFirst("udp://".count))
            guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]),
                  (1...65535).contains(port) else {
                throw CollectError(.unsupported, "log URL needs a host and a port: \(trimmed) (e.g. udp://127.0.0.1:5514)")
            }
            var host = String(rest[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty else {
                throw CollectError(.unsupported, "log URL needs a host to bind: \(trimmed) (udp://0.0.0.0:\(port) for every interface)")
            }
            self = .udp(host: host, port: port)
        } else if trimmed.hasPrefix("unix://") {
            let path = String(trimmed.dropFirst("unix://".count))
            guard path.hasPrefix("/") else { throw CollectError(.unsupported, "unix log socket needs an absolute path: \(trimmed)") }
            self = .unixDatagram(path: path)
        } else if trimmed.hasPrefix("file://") {
            self = .file(path: String(trimmed.dropFirst("file://".count)))
        } else if let scheme = trimmed.range(of: "://") {
            throw CollectError(.unsupported, "unsupported log scheme \(trimmed[..<scheme.lowerBound]):// in \(trimmed) (use udp://, unix:// or a file path)")
        } else {
            guard !trimmed.isEmpty else { throw CollectError(.unsupported, "empty log input") }
            self = .file(path: trimmed)
        }
    }

    public var description: String {
        switch self {
        case .udp(let host, let port): host.contains(":") ? "udp://[\(host)]:\(port)" : "udp://\(host):\(port)"
        case .unixDatagram(let path): "unix://\(path)"
        case .file(let path): path
        }
    }
}
