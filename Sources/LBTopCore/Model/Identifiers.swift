/// A polled endpoint as the user named it (URL string or configured name).
public struct TargetID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: TargetID, b: TargetID) -> Bool { a.rawValue < b.rawValue }
}

/// A frontend or backend of one target (`pxname`).
public struct ProxyID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var target: TargetID
    public var proxy: String
    public init(target: TargetID, proxy: String) { self.target = target; self.proxy = proxy }
    public var description: String { proxy }
    public static func < (a: ProxyID, b: ProxyID) -> Bool { (a.target, a.proxy) < (b.target, b.proxy) }
}

/// One server of one backend of one target: (`target`, `pxname`, `svname`).
public struct ServerID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var target: TargetID
    public var backend: String
    public var server: String
    public init(target: TargetID, backend: String, server: String) {
        self.target = target; self.backend = backend; self.server = server
    }
    public var proxyID: ProxyID { ProxyID(target: target, proxy: backend) }
    /// Same target and backend, compared in place (no `ProxyID` built).
    public func sameBackend(as other: ServerID) -> Bool { backend == other.backend && target == other.target }
    /// `backend/server`, as HAProxy's CLI names it.
    public var description: String { "\(backend)/\(server)" }
    public static func < (a: ServerID, b: ServerID) -> Bool {
        (a.target, a.backend, a.server) < (b.target, b.backend, b.server)
    }
}

/// A machine whose resources are watched (`--node local`, a node_exporter URL).
public struct NodeID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.rawValue < b.rawValue }
}

// Identifiers made of one string read and write as that string in JSON (`"target": "http://…"`).
extension TargetID {
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension NodeID {
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
