import Foundation

/// A node to watch, as given on the command line (`--node local`, `--node web1=http://h:9100/metrics`)
/// or in the config file (`[[node]] name = "app1" url = "…" servers = ["app/app1"]`).
public struct NodeTargetSpec: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        /// This machine's `/proc` (or another root, for tests).
        case local(procRoot: String)
        /// A node_exporter (or compatible) `/metrics` URL.
        case exporter(url: String)
        /// `/proc` on another machine through the system ssh client.
        case ssh(SSHDestination)
    }

    public var id: NodeID
    /// Display name: given, else the URL's host (with its port unless 9100, or unless 22 for ssh),
    /// else `local`.
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
        case .exporter(let url): return (try? TargetURL(url))?.host.map(HostAddress.unbracketed)
        case .ssh(let destination): return destination.host
        }
    }

    /// Parses `local`, `URL`, `NAME=local` or `NAME=URL` (`http(s)://` node_exporter or `ssh://`).
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
        if rest.lowercased().hasPrefix("ssh://") {
            let destination: SSHDestination
            do {
                destination = try SSHDestination(url: String(rest))
            } catch {
                throw NodeSpecError(argument: argument, reason: error.message)
            }
            return NodeTargetSpec(name: name ?? destination.defaultName, location: .ssh(destination), servers: servers)
        }
        let url: TargetURL
        do {
            url = try TargetURL(String(rest))
        } catch {
            throw NodeSpecError(argument: argument, reason: error.message)
        }
        guard url.scheme == .http || url.scheme == .https, let host = url.host.map(HostAddress.unbracketed) else {
            throw NodeSpecError(argument: argument, reason: "expected `local`, an http(s):// node_exporter URL or ssh://[user@]host[:port]")
        }
        let defaultName = url.port == nil || url.port == 9100 ? host : "\(host):\(url.port!)"
        return NodeTargetSpec(name: name ?? defaultName, location: .exporter(url: url.text), servers: servers)
    }
}

/// A `--node` argument or `[[node]]` entry that cannot be used.
extension [NodeTargetSpec] {
    /// The specs with exact repeats dropped; throws when two different nodes share a name (their
    /// readings would land on one node, each poll overwriting the other's).
    public func withUniqueNames() throws(NodeSpecError) -> [NodeTargetSpec] {
        var seen: [String: NodeTargetSpec] = [:]
        var result: [NodeTargetSpec] = []
        for spec in self {
            if let earlier = seen[spec.name] {
                if earlier.location == spec.location && earlier.servers == spec.servers { continue }
                throw NodeSpecError(argument: spec.name, reason: "two different nodes are named '\(spec.name)' "
                    + "(\(earlier.location.text) and \(spec.location.text)); name each one with NAME=URL")
            }
            seen[spec.name] = spec
            result.append(spec)
        }
        return result
    }
}

extension NodeTargetSpec.Location {
    /// `local` or the URL, as written.
    var text: String {
        switch self {
        case .local: "local"
        case .exporter(let url): url
        case .ssh(let destination): destination.url
        }
    }
}

public struct NodeSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var argument: String
    public var reason: String
    public var description: String { "node `\(argument)`: \(reason)" }
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

    /// `::1` for `[::1]`; other hosts unchanged.
    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// The key two hosts must share to be the same machine: lowercased, and every loopback name
    /// (`localhost`, `127.x.x.x`, `::1`) folded into one.
    static func joinKey(_ host: String) -> String {
        let lower = unbracketed(host).lowercased()
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
