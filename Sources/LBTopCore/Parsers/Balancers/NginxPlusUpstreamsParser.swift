/// Reads the NGINX Plus API `GET /api/N/http/upstreams`: an object keyed by upstream name, each
/// with `peers`. Upstreams become backends (sorted by name), peers servers named as written in
/// the `server` directive. `response_time` is an average in milliseconds; `downtime` is in ms.
public enum NginxPlusUpstreamsParser {
    static func matches(_ json: JSONValue) -> Bool {
        guard let object = json.object, !object.isEmpty else { return false }
        return object.values.allSatisfy { $0["peers"]?.array != nil }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> BalancerSample {
        try parse(json: JSONValue.parse(bytes))
    }

    static func parse(json: JSONValue) throws(CollectError) -> BalancerSample {
        guard let upstreams = json.object else {
            throw CollectError(.badPayload, "not the NGINX Plus upstreams API")
        }
        var rows: [StatRow] = []
        var skipped = 0
        for name in upstreams.keys.sorted() {
            guard let peers = upstreams[name]?["peers"]?.array else { skipped += 1; continue }
            var serving = false
            for peer in peers {
                guard let server = (peer["name"] ?? peer["server"])?.string else {
                    skipped += 1
                    continue
                }
                var row = StatRow(proxy: name, name: server, kind: .server, status: state(peer["state"]?.string))
                row.address = peer["server"]?.string
                row[.weight] = peer["weight"]?.integer
                row[.bck] = peer["backup"]?.bool == true ? 1 : 0
                row[.scur] = peer["active"]?.integer
                row[.reqTot] = peer["requests"]?.integer
                if let responses = peer["responses"] {
                    for (code, field) in HAProxyExporterParser.responseClasses where code != "other" {
                        row[field] = responses[code]?.integer
                    }
                }
                row[.eresp] = peer["fails"]?.integer
                row[.rtime] = peer["response_time"]?.integer
                row[.chkfail] = peer["health_checks"]?["fails"]?.integer
                row[.downtime] = peer["downtime"]?.integer.map { $0 / 1000 }
                serving = serving || row.serverState.isServing
                rows.append(row)
            }
            rows.append(StatRow(proxy: name, name: "BACKEND", kind: .backend, status: serving ? "UP" : "DOWN"))
        }
        return BalancerSample(format: PayloadFormat.nginxPlus.rawValue, rows: rows, skippedLines: skipped)
    }

    /// `up`, `draining`, `down` (set by the admin), `unavail` (max_fails reached), `checking`
    /// (waiting for its first mandatory check), `unhealthy` (active check failing).
    static func state(_ text: String?) -> String {
        switch text {
        case "up"?: "UP"
        case "draining"?: "DRAIN"
        case "down"?: "MAINT"
        case "unavail"?: "DOWN (unavail)"
        case "unhealthy"?: "DOWN (unhealthy)"
        case "checking"?: "NOLB (checking)"
        default: text ?? ""
        }
    }
}
