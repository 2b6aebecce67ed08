import Foundation

/// Polls a Prometheus server standing in for a fleet (`--prometheus http://prom:9090`): each
/// poll reads `/api/v1/targets` (scrape interval and scrape health) and then sends every
/// `FleetQuery` as an instant query, concurrently. The answers are kept whole, framed
/// (`FleetAnswers`), so a recording replays them through the same mapper.
public struct PrometheusFleetCollector: Collector {
    public let id: TargetID
    public let displayURL: String
    /// The server's base URL without a trailing slash.
    public let baseURL: String
    /// The inside of the `match` selector, applied to the balancer queries.
    public let match: String
    public let limits: TransportLimits
    public let credentials: HTTPCredentials?
    public let caFile: String?
    /// Explicit joins by node instance (`10.0.0.5:9100` → `["app/web1"]`), from `[[prometheus.node]]`.
    public let nodeServers: [String: [String]]
    public var role: TargetStatus.Role { .fleet }
    public var decoder: PayloadDecoder { .prometheusFleet }

    /// A fleet's answers are large (six gauges of 10,000 servers are about 11 MB): each may take 64 MiB.
    static let byteCap = 64 << 20

    public init(url: String, name: String? = nil, match: String = "", limits: TransportLimits = .init(),
                credentials: HTTPCredentials? = nil, caFile: String? = nil, nodeServers: [String: [String]] = [:]) throws {
        let parsed = try TargetURL(url)
        guard parsed.scheme == .http || parsed.scheme == .https else {
            throw CollectError(.unsupported, "--prometheus takes the server's http(s):// URL, e.g. http://prom:9090")
        }
        guard let inside = FleetQuery.matchInside(match) else {
            throw CollectError(.unsupported, "match must be a series selector such as {job=\"haproxy\"}, got \(match)")
        }
        var base = parsed.text
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.displayURL = base
        self.id = TargetID(name ?? base)
        self.match = inside
        var own = limits
        own.byteCap = max(limits.byteCap, Self.byteCap)
        self.limits = own
        self.credentials = credentials
        self.caFile = caFile
        self.nodeServers = nodeServers
        _ = try HTTPTransport(url: base, limits: own, credentials: credentials, caFile: caFile)
    }

    public func fetch() async throws -> [UInt8] {
        let targets = try await get("/api/v1/targets?state=active")
        let interval = (try? PrometheusTargetsAnswer.targets(targets))?.compactMap(\.scrapeInterval).max()
        let range = FleetQuery.range(scrapeInterval: interval)
        let answers = try await withThrowingTaskGroup(of: (Int, String, [UInt8]).self) { group in
            for (index, query) in FleetQuery.allCases.enumerated() {
                group.addTask {
                    let path = "/api/v1/query?query=" + Self.encoded(query.promQL(match: match, range: range))
                    let answer = try await transport(path).fetchAnswer()
                    // Prometheus explains a 4xx/5xx in a JSON body; anything else is named by its status.
                    if !(200..<300).contains(answer.status), answer.body.first != UInt8(ascii: "{") {
                        let endpoint = TargetURL.hostAndPort(of: baseURL) ?? baseURL
                        return (index, "error:" + query.rawValue, Array("HTTP \(answer.status) \(answer.reason) from \(endpoint)".utf8))
                    }
                    return (index, query.rawValue, answer.body)
                }
            }
            var parts = [(name: String, bytes: [UInt8])?](repeating: nil, count: FleetQuery.allCases.count)
            for try await (index, name, body) in group { parts[index] = (name, body) }
            return parts.compactMap { $0 }
        }
        return FleetAnswers(parts: [("targets", targets)] + answers).framed
    }

    private func transport(_ path: String) throws -> HTTPTransport {
        try HTTPTransport(url: baseURL + path, limits: limits, credentials: credentials, caFile: caFile)
    }

    private func get(_ path: String) async throws -> [UInt8] {
        try await transport(path).fetch()
    }

    /// PromQL as a query-string value.
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
