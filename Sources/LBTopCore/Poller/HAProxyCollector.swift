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

    /// The socket command: process identity first, then the stats and the stick tables' fill, in
    /// one connection.
    static let socketCommand = "show info;show stat;show table"

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
        case .socket(let transport):
            let answer = try await transport.fetch(command: Self.socketCommand)
            guard let dump = StickTableDump.command(after: answer) else { return answer }
            // The contents are extra: a failure here leaves the stats and the tables' fill.
            guard let contents = try? await transport.fetch(command: dump) else { return answer }
            return answer + contents
        }
    }
}

/// Which stick tables' contents a poll reads (`show table NAME`, for entries per server): those
/// the summary lists, smallest first, while their entries together stay under `entryLimit`, so a
/// poll reads a bounded answer however large the tables grow.
enum StickTableDump {
    static let entryLimit = 5_000

    /// `show table a;show table b` for the tables of the first answer worth reading; nil for none.
    static func command(after answer: [UInt8]) -> String? {
        let (_, rest) = HAProxyStatsDecoder.splitInfoAndStats(answer)
        let (_, tables) = HAProxyStatsDecoder.splitStatsAndTables(rest)
        guard !tables.isEmpty else { return nil }
        var budget = entryLimit
        var names: [String] = []
        for table in ShowTableParser.parse(tables).sorted(by: { $0.used < $1.used }) where table.used > 0 {
            guard table.used <= budget else { break }
            // A name goes into a command line: one that could split it is never sent.
            guard table.name.utf8.allSatisfy(isNameByte) else { continue }
            budget -= table.used
            names.append(table.name)
        }
        return names.isEmpty ? nil : names.map { "show table " + $0 }.joined(separator: ";")
    }

    /// Letters, digits and `-_.:`, the characters HAProxy allows in a proxy or table name.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
             UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
