/// Reads the NGINX Plus API `GET /api/N/http/upstreams`: an object keyed by upstream name, each
/// with `peers`. Upstreams become backends (sorted by name), peers servers named as written in
/// the `server` directive. `response_time` is an average in milliseconds; `downtime` is in ms.
public enum NginxPlusUpstreamsParser {
    static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any], !object.isEmpty else { return false }
        return object.values.allSatisfy { ($0 as? [String: Any])?["peers"] is [Any] }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> BalancerSample {
        try parse(json: JSONBody.parse(bytes))
    }

    static func parse(json: Any) throws(CollectError) -> BalancerSample {
        guard let upstreams = json as? [String: Any] else {
            throw CollectError(.badPayload, "not the NGINX Plus upstreams API")
        }
        var rows: [StatRow] = []
        var skipped = 0
        for name in upstreams.keys.sorted() {
            guard let peers = (upstreams[name] as? [String: Any])?["peers"] as? [Any] else { skipped += 1; continue }
            var serving = false
            for case let item in peers {
                guard let peer = item as? [String: Any], let server = (peer["name"] ?? peer["server"]) as? String else {
                    skipped += 1
                    continue
                }
                var row = StatRow(proxy: name, name: server, kind: .server, status: state(peer["state"] as? String))
                row.address = peer["server"] as? String
                row[.weight] = JSONBody.integer(peer["weight"])
                row[.bck] = (peer["backup"] as? Bool) == true ? 1 : 0
                row[.scur] = JSONBody.integer(peer["active"])
                row[.reqTot] = JSONBody.integer(peer["requests"])
                if let responses = peer["responses"] as? [String: Any] {
                    for (code, field) in HAProxyExporterParser.responseClasses where code != "other" {
                        row[field] = JSONBody.integer(responses[code])
                    }
                }
                row[.eresp] = JSONBody.integer(peer["fails"])
                row[.rtime] = JSONBody.integer(peer["response_time"])
                row[.chkfail] = JSONBody.integer((peer["health_checks"] as? [String: Any])?["fails"])
                row[.downtime] = JSONBody.integer(peer["downtime"]).map { $0 / 1000 }
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
