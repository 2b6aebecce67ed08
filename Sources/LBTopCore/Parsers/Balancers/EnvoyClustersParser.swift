/// Reads Envoy's admin `GET /clusters?format=json` (`envoy.admin.v3.Clusters`): each cluster is a
/// backend, each of its hosts a server named by its address. `rq_total` counts requests and
/// `rq_error` (5xx, not part of `rq_total`) the errors; `cx_active` are the sessions. Stats with
/// default values are left out by Envoy and read as 0; uint64 values come as strings.
public enum EnvoyClustersParser {
    static func matches(_ json: JSONValue) -> Bool {
        json["cluster_statuses"]?.array != nil
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> BalancerSample {
        try parse(json: JSONValue.parse(bytes))
    }

    static func parse(json: JSONValue) throws(CollectError) -> BalancerSample {
        guard let clusters = json["cluster_statuses"]?.array else {
            throw CollectError(.badPayload, "not Envoy's /clusters?format=json")
        }
        var rows: [StatRow] = []
        var skipped = 0
        for cluster in clusters {
            guard let name = cluster["name"]?.string else { skipped += 1; continue }
            var serving = false
            for host in cluster["host_statuses"]?.array ?? [] {
                guard let address = address(host["address"]) else { skipped += 1; continue }
                var row = StatRow(proxy: name, name: address, kind: .server, status: state(host["health_status"]))
                row.address = address
                var stats: [String: Int64] = [:]
                for stat in host["stats"]?.array ?? [] {
                    if let statName = stat["name"]?.string { stats[statName] = stat["value"]?.integer ?? 0 }
                }
                row[.reqTot] = stats["rq_total"] ?? 0
                row[.hrsp5xx] = stats["rq_error"] ?? 0
                row[.scur] = stats["cx_active"] ?? 0
                row[.econ] = stats["cx_connect_fail"] ?? 0
                row[.weight] = host["weight"]?.integer
                serving = serving || row.serverState.isServing
                rows.append(row)
            }
            rows.append(StatRow(proxy: name, name: "BACKEND", kind: .backend, status: serving ? "UP" : "DOWN"))
        }
        return BalancerSample(format: PayloadFormat.envoyClusters.rawValue, rows: rows, skippedLines: skipped)
    }

    /// `ip:port`, `[v6]:port` or a pipe path.
    static func address(_ address: JSONValue?) -> String? {
        if let socket = address?["socket_address"], let ip = socket["address"]?.string {
            let port = socket["port_value"]?.integer.map { ":\($0)" } ?? ""
            return (ip.contains(":") ? "[\(ip)]" : ip) + port
        }
        return address?["pipe"]?["path"]?.string
    }

    /// Failed checks are DOWN, draining or pending removal DRAIN, degraded UP (degraded); a host
    /// waiting for its first check is not in service yet.
    static func state(_ health: JSONValue?) -> String {
        let flag = { (name: String) in health?[name]?.bool == true }
        if flag("failed_active_health_check") { return "DOWN (failed active check)" }
        if flag("failed_outlier_check") { return "DOWN (outlier)" }
        if flag("active_hc_timeout") { return "DOWN (check timeout)" }
        if flag("excluded_via_immediate_hc_fail") { return "DOWN (immediate check fail)" }
        switch health?["eds_health_status"]?.string {
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
