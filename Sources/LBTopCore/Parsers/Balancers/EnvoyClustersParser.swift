/// Reads Envoy's admin `GET /clusters?format=json` (`envoy.admin.v3.Clusters`): each cluster is a
/// backend, each of its hosts a server named by its address. `rq_total` counts requests and
/// `rq_error` (5xx, not part of `rq_total`) the errors; `cx_active` are the sessions. Stats with
/// default values are left out by Envoy and read as 0; uint64 values come as strings.
public enum EnvoyClustersParser {
    static func matches(_ json: Any) -> Bool {
        (json as? [String: Any])?["cluster_statuses"] is [Any]
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> BalancerSample {
        try parse(json: JSONBody.parse(bytes))
    }

    static func parse(json: Any) throws(CollectError) -> BalancerSample {
        guard let clusters = (json as? [String: Any])?["cluster_statuses"] as? [Any] else {
            throw CollectError(.badPayload, "not Envoy's /clusters?format=json")
        }
        var rows: [StatRow] = []
        var skipped = 0
        for case let cluster as [String: Any] in clusters {
            guard let name = cluster["name"] as? String else { skipped += 1; continue }
            var serving = false
            for case let host as [String: Any] in cluster["host_statuses"] as? [Any] ?? [] {
                guard let address = address(host["address"]) else { skipped += 1; continue }
                var row = StatRow(proxy: name, name: address, kind: .server, status: state(host["health_status"]))
                row.address = address
                var stats: [String: Int64] = [:]
                for case let stat as [String: Any] in host["stats"] as? [Any] ?? [] {
                    if let statName = stat["name"] as? String { stats[statName] = JSONBody.integer(stat["value"]) ?? 0 }
                }
                row[.reqTot] = stats["rq_total"] ?? 0
                row[.hrsp5xx] = stats["rq_error"] ?? 0
                row[.scur] = stats["cx_active"] ?? 0
                row[.econ] = stats["cx_connect_fail"] ?? 0
                row[.weight] = JSONBody.integer(host["weight"])
                serving = serving || row.serverState.isServing
                rows.append(row)
            }
            rows.append(StatRow(proxy: name, name: "BACKEND", kind: .backend, status: serving ? "UP" : "DOWN"))
        }
        return BalancerSample(format: PayloadFormat.envoyClusters.rawValue, rows: rows, skippedLines: skipped)
    }

    /// `ip:port`, `[v6]:port` or a pipe path.
    static func address(_ value: Any?) -> String? {
        guard let address = value as? [String: Any] else { return nil }
        if let socket = address["socket_address"] as? [String: Any], let ip = socket["address"] as? String {
            let port = JSONBody.integer(socket["port_value"]).map { ":\($0)" } ?? ""
            return (ip.contains(":") ? "[\(ip)]" : ip) + port
        }
        return (address["pipe"] as? [String: Any])?["path"] as? String
    }

    /// Failed checks are DOWN, draining or pending removal DRAIN, degraded UP (degraded); a host
    /// waiting for its first check is not in service yet.
    static func state(_ value: Any?) -> String {
        let health = value as? [String: Any] ?? [:]
        let flag = { (name: String) in health[name] as? Bool == true }
        if flag("failed_active_health_check") { return "DOWN (failed active check)" }
        if flag("failed_outlier_check") { return "DOWN (outlier)" }
        if flag("active_hc_timeout") { return "DOWN (check timeout)" }
        if flag("excluded_via_immediate_hc_fail") { return "DOWN (immediate check fail)" }
        switch health["eds_health_status"] as? String {
        case "UNHEALTHY"?, "TIMEOUT"?: return "DOWN (eds)"
        case "DRAINING"?: return "DRAIN"
        case "DEGRADED"?: return "UP (degraded)"
        default: break
        }
        if flag("pending_dynamic_removal") { return "DRAIN (pending removal)" }
        if flag("pending_active_hc") { return "pending first check" }
        if flag("failed_active_degraded_check") { return "UP (degraded)" }
        return "UP"
    }
}
