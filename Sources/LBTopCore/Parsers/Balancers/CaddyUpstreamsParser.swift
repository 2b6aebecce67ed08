/// Reads Caddy's admin `GET /reverse_proxy/upstreams`: one object per upstream of Caddy's global
/// pool, `{"address", "num_requests", "fails"}` (2021 builds add `healthy`). They become the
/// servers of one backend `reverse_proxy`, sorted by address (Caddy lists them in no fixed order).
/// `num_requests` is in flight now (sessions); `fails` are failures the passive health check
/// still remembers, so an upstream with any is DOWN. Caddy gives no request totals.
public enum CaddyUpstreamsParser {
    public static let backend = "reverse_proxy"

    /// Whether a parsed JSON body looks like the upstreams list.
    static func matches(_ json: JSONValue) -> Bool {
        guard let list = json.array else { return false }
        return list.allSatisfy { $0["address"]?.string != nil }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> BalancerSample {
        try parse(json: JSONValue.parse(bytes))
    }

    static func parse(json: JSONValue) throws(CollectError) -> BalancerSample {
        guard let list = json.array else { throw CollectError(.badPayload, "not Caddy's upstreams list") }
        var servers: [StatRow] = []
        var skipped = 0
        for upstream in list {
            guard let address = upstream["address"]?.string else {
                skipped += 1
                continue
            }
            let fails = upstream["fails"]?.integer
            var state = "UP"
            if upstream["healthy"]?.bool == false { state = "DOWN" }
            if let fails, fails > 0 { state = "DOWN (passive check)" }
            var row = StatRow(proxy: backend, name: address, kind: .server, status: state)
            row.address = address
            row[.scur] = upstream["num_requests"]?.integer
            servers.append(row)
        }
        servers.sort { $0.name < $1.name }
        let serving = servers.contains { $0.serverState.isServing }
        let backendRow = StatRow(proxy: backend, name: "BACKEND", kind: .backend, status: serving ? "UP" : "DOWN")
        return BalancerSample(format: PayloadFormat.caddyUpstreams.rawValue, rows: servers + [backendRow],
                              skippedLines: skipped)
    }
}
