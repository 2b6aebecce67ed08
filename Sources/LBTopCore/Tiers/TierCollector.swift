/// Polls one Redis (`redis://host:6379`, plain `INFO`) or memcached (`memcached://host:11211`,
/// `stats`) over TCP, through `TCPTransport`'s timeout and byte cap. The answer is read by a pure
/// parser, so a recording of the bytes replays through the same code.
public struct TierCollector: Collector {
    public let id: TargetID
    /// The configured name, else the URL's `host:port`.
    public let name: String
    public let displayURL: String
    public let kind: TierSample.Kind
    public let tierRole: TierRole
    public let transport: TCPTransport
    public let credentials: TierCredentials?
    public var role: TargetStatus.Role { .tier }
    public var host: String? { transport.host }

    public static let defaultRedisPort = 6379
    public static let defaultMemcachedPort = 11211
    /// A Redis `INFO` is about 5 KB, memcached's `stats` 2 KB: 1 MiB is plenty, and bounds a port
    /// that streams something else.
    public static let byteCap = 1 << 20

    public init(id: TargetID, name: String, displayURL: String, kind: TierSample.Kind, tierRole: TierRole = .cache,
                transport: TCPTransport, credentials: TierCredentials? = nil) {
        self.id = id; self.name = name; self.displayURL = displayURL; self.kind = kind; self.tierRole = tierRole
        self.transport = transport; self.credentials = credentials
    }

    /// A collector for a `redis://` or `memcached://` URL.
    public init(url: TargetURL, name: String? = nil, tierRole: TierRole = .cache, limits: TransportLimits = .init(),
                credentials: TierCredentials? = nil) throws(CollectError) {
        let kind: TierSample.Kind
        switch url.scheme {
        case .redis: kind = .redis
        case .memcached: kind = .memcached
        default: throw CollectError(.unsupported, "\(url.text) is not a redis:// or memcached:// URL")
        }
        guard let host = url.host else { throw CollectError(.unsupported, "URL without host: \(url.text)") }
        if kind == .memcached, credentials != nil {
            throw CollectError(.unsupported, "memcached's text protocol has no password: \(url.text) is polled without one")
        }
        let port = url.port ?? (kind == .redis ? Self.defaultRedisPort : Self.defaultMemcachedPort)
        var capped = limits
        capped.byteCap = min(limits.byteCap, Self.byteCap)
        let transport = TCPTransport(host: host, port: port, limits: capped)
        self.init(id: TargetID(name ?? url.text), name: name ?? transport.endpoint, displayURL: url.text, kind: kind,
                  tierRole: tierRole, transport: transport, credentials: credentials)
    }

    /// What is written: `AUTH` first when there is a password (as a RESP array, so any byte of
    /// it is sent as it is), then `INFO`; or memcached's `stats`.
    public var request: [UInt8] {
        switch kind {
        case .redis:
            var arguments: [[UInt8]] = []
            if let credentials {
                arguments = [Array("AUTH".utf8)] + (credentials.username.map { [Array($0.utf8)] } ?? []) + [Array(credentials.password.utf8)]
            }
            var bytes = arguments.isEmpty ? [] : Self.respCommand(arguments)
            bytes += Self.respCommand([Array("INFO".utf8)])
            return bytes
        case .memcached:
            return Array("stats\r\n".utf8)
        }
    }

    public var decoder: PayloadDecoder { kind == .redis ? .redisInfo : .memcachedStats }

    /// The answer as received: the transport stops reading once it is whole (or shows another
    /// protocol), so a healthy tier costs one round trip.
    public func fetch() async throws -> [UInt8] {
        let replies = credentials == nil ? 1 : 2
        let kind = self.kind
        return try await transport.exchange(request) { received in
            kind == .redis ? RedisInfoParser.isComplete(received, replies: replies) : MemcachedStatsParser.isComplete(received)
        }
    }

    private static func respCommand(_ arguments: [[UInt8]]) -> [UInt8] {
        var bytes = Array("*\(arguments.count)\r\n".utf8)
        for argument in arguments {
            bytes += Array("$\(argument.count)\r\n".utf8) + argument + Array("\r\n".utf8)
        }
        return bytes
    }
}
