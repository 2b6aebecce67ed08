import Foundation

/// A node to watch, as given on the command line (`--node local`, `--node web1=http://h:9100/metrics`)
/// or in the config file (`[[node]] name = "app1" url = "…" servers = ["app/app1"]`).
public struct NodeTargetSpec: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        /// This machine's `/proc` (or another root, for tests).
        case local(procRoot: String)
        /// A node_exporter (or compatible) `/metrics` URL.
        case exporter(url: String)
    }

    public var id: NodeID
    /// Display name: given, else the URL's host (with its port unless 9100), else `local`.
    public var name: String
    public var location: Location
    /// Explicit joins, `backend/server`: when given, the node joins exactly these servers and no
    /// address matching is done for it.
    public var servers: [String]

    public init(name: String, location: Location, servers: [String] = []) {
        self.id = NodeID(name); self.name = name; self.location = location; self.servers = servers
    }

    /// Host used to join the node to balancer servers by address.
    public var host: String? {
        switch location {
        case .local: return "localhost"
        case .exporter(let url): return URLParts(url)?.host
        }
    }

    /// Parses `local`, `URL`, `NAME=local` or `NAME=URL`.
    public static func parse(_ argument: String, servers: [String] = []) throws(NodeSpecError) -> NodeTargetSpec {
        var name: String? = nil
        var rest = Substring(argument)
        if let equals = argument.firstIndex(of: "="), !argument[..<equals].contains(":") {
            name = String(argument[..<equals])
            rest = argument[argument.index(after: equals)...]
            guard !(name ?? "").isEmpty else { throw NodeSpecError(argument: argument, reason: "empty name before `=`") }
        }
        if rest == "local" {
            return NodeTargetSpec(name: name ?? "local", location: .local(procRoot: "/proc"), servers: servers)
        }
        guard let parts = URLParts(String(rest)), parts.scheme == "http" || parts.scheme == "https" else {
            throw NodeSpecError(argument: argument, reason: "expected `local` or an http(s):// node_exporter URL")
        }
        let defaultName = parts.port == nil || parts.port == 9100 ? parts.host : "\(parts.host):\(parts.port!)"
        return NodeTargetSpec(name: name ?? defaultName, location: .exporter(url: String(rest)), servers: servers)
    }
}

/// A `--node` argument or `[[node]]` entry that cannot be used.
public struct NodeSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var argument: String
    public var reason: String
    public var description: String { "node `\(argument)`: \(reason)" }
}

/// The scheme, host and port of a URL, enough to name and join a node (IPv6 hosts lose their brackets).
struct URLParts: Equatable {
    var scheme: String
    var host: String
    var port: Int?

    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        var authority = url[schemeEnd.upperBound...]
        if let slash = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<slash]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard let parts = HostAddress.split(String(authority)), !parts.host.isEmpty else { return nil }
        self.host = parts.host
        self.port = parts.port
    }
}

/// Host matching between a balancer server's address and a node.
enum HostAddress {
    /// Splits `host:port`, `[v6]:port`, `[v6]`, a bare IPv6 address or a bare host.
    static func split(_ address: String) -> (host: String, port: Int?)? {
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else { return nil }
            let host = String(address[address.index(after: address.startIndex)..<close])
            let after = address[address.index(after: close)...]
            return (host, after.hasPrefix(":") ? Int(after.dropFirst()) : nil)
        }
        let colons = address.filter { $0 == ":" }.count
        if colons == 1, let colon = address.firstIndex(of: ":") {
            return (String(address[..<colon]), Int(address[address.index(after: colon)...]))
        }
        return (address, nil)
    }

    /// The key two hosts must share to be the same machine: lowercased, and every loopback name
    /// (`localhost`, `127.x.x.x`, `::1`) folded into one.
    static func joinKey(_ host: String) -> String {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower.hasPrefix("127.") || lower == "0:0:0:0:0:0:0:1" {
            return "loopback"
        }
        return lower
    }

    /// Join key of a balancer server's `addr` (`10.0.0.5:8080`, `[::1]:80`); nil for `unix` or empty.
    static func serverJoinKey(_ address: String?) -> String? {
        guard let address, !address.isEmpty, address != "unix", let parts = split(address), !parts.host.isEmpty else {
            return nil
        }
        return joinKey(parts.host)
    }
}
