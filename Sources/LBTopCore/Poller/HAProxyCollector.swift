/// Polls one balancer over HTTP(S) — HAProxy's stats page or exporter, or another balancer's status
/// endpoint, its format found from the bytes (`BalancerBodyDecoder`) — or HAProxy's stats socket
/// (`unix:///…`, which also answers `show info`, so a reload is recognised by the process id and
/// start time).
public struct HAProxyCollector: Collector {
    public enum Endpoint: Sendable {
        case http(HTTPTransport)
        case socket(UnixSocketTransport)
    }

    public let id: TargetID
    public let displayURL: String
    public let endpoint: Endpoint
    public var role: TargetStatus.Role { .balancer }

    /// The socket command: process identity first, then the stats, in one connection.
    static let socketCommand = "show info;show stat"

    public init(id: TargetID, displayURL: String, endpoint: Endpoint) {
        self.id = id
        self.displayURL = displayURL
        self.endpoint = endpoint
    }

    /// A collector for `url` (`http`, `https` or `unix`).
    public init(url: TargetURL, limits: TransportLimits = .init(), credentials: HTTPCredentials? = nil,
                caFile: String? = nil) throws {
        switch url.scheme {
        case .http, .https:
            let transport = try HTTPTransport(url: url.text, limits: limits, credentials: credentials, caFile: caFile)
            self.init(id: TargetID(url.text), displayURL: url.text, endpoint: .http(transport))
        case .unix:
            self.init(id: TargetID(url.text), displayURL: url.text,
                      endpoint: .socket(UnixSocketTransport(path: url.path, limits: limits)))
        case .local:
            throw CollectError(.unsupported, "`local` is a node, not a balancer: pass it as --node local")
        case .redis, .memcached:
            throw CollectError(.unsupported, "\(url.text) is a cache or session tier, not a balancer")
        }
    }

    public var decoder: PayloadDecoder {
        switch endpoint {
        case .http: return .balancerHTTP
        case .socket: return .haproxySocket
        }
    }

    public func fetch() async throws -> [UInt8] {
        switch endpoint {
        case .http(let transport): return try await transport.fetch()
        case .socket(let transport): return try await transport.fetch(command: Self.socketCommand)
        }
    }
}
