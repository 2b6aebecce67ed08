import Foundation

/// The instant queries one poll of a Prometheus server sends: a fixed set, whatever the size of
/// the fleet (never one per server). Balancer queries take the user's `match` selector; rates come
/// from PromQL `rate()` over `range` seconds, chosen from the scrape interval.
public enum FleetQuery: String, Sendable, CaseIterable {
    /// `haproxy_server_status == 1`: one series per server, `state` its current state.
    case serverStatus = "server-status"
    /// Weight, sessions, queue and the average-time gauges of every server.
    case serverGauges = "server-gauges"
    /// Requests/s per server: Σ over `code` of `http_responses_total` (2.6 has no server request counter).
    case serverRequests = "server-requests"
    case serverErrors = "server-5xx"
    case backendStatus = "backend-status"
    /// Responses/s per backend by class.
    case backendResponses = "backend-responses"
    case backendGauges = "backend-gauges"
    case frontendRequests = "frontend-requests"
    /// Busy CPU % per node (idle and iowait count as idle, as for `/proc`).
    case nodeCPU = "node-cpu"
    case nodeCPUCount = "node-cpus"
    case nodeGauges = "node-gauges"
    case nodeReceive = "node-rx"
    case nodeTransmit = "node-tx"
    case nodeUname = "node-uname"

    /// The PromQL text. `match` is the inside of a selector (`job="haproxy"`, possibly empty).
    public func promQL(match: String, range: Int) -> String {
        let m = match.isEmpty ? "" : match
        let comma = match.isEmpty ? "" : "," + match
        let r = "[\(range)s]"
        switch self {
        case .serverStatus:
            return "haproxy_server_status{\(m)} == 1"
        case .serverGauges:
            return "{__name__=~\"haproxy_server_(weight|current_sessions|current_queue|limit_sessions"
                + "|response_time_average_seconds|total_time_average_seconds)\"\(comma)}"
        case .serverRequests:
            return "sum by (instance, proxy, server) (rate(haproxy_server_http_responses_total{\(m)}\(r)))"
        case .serverErrors:
            return "sum by (instance, proxy, server) (rate(haproxy_server_http_responses_total{code=\"5xx\"\(comma)}\(r)))"
        case .backendStatus:
            return "haproxy_backend_status{\(m)} == 1"
        case .backendResponses:
            return "sum by (instance, proxy, code) (rate(haproxy_backend_http_responses_total{\(m)}\(r)))"
        case .backendGauges:
            return "{__name__=~\"haproxy_backend_(current_sessions|current_queue|limit_sessions"
                + "|response_time_average_seconds|total_time_average_seconds)\"\(comma)}"
        case .frontendRequests:
            return "sum by (instance, proxy) (rate(haproxy_frontend_http_requests_total{\(m)}\(r)))"
        case .nodeCPU:
            return "100 * (1 - sum by (instance) (rate(node_cpu_seconds_total{mode=~\"idle|iowait\"}\(r)))"
                + " / count by (instance) (node_cpu_seconds_total{mode=\"idle\"}))"
        case .nodeCPUCount:
            return "count by (instance) (node_cpu_seconds_total{mode=\"idle\"})"
        case .nodeGauges:
            return "{__name__=~\"node_memory_MemTotal_bytes|node_memory_MemAvailable_bytes|node_load1|node_load5|node_load15\"}"
        case .nodeReceive:
            return "sum by (instance) (rate(node_network_receive_bytes_total{device!=\"lo\"}\(r)))"
        case .nodeTransmit:
            return "sum by (instance) (rate(node_network_transmit_bytes_total{device!=\"lo\"}\(r)))"
        case .nodeUname:
            return "node_uname_info"
        }
    }

    /// The rate range for a scrape interval: four scrapes (PromQL's `rate()` needs two samples
    /// inside the range; four tolerate a missed scrape), at least 2 s.
    public static func range(scrapeInterval: Double?) -> Int {
        max(2, Int((4 * (scrapeInterval ?? 15)).rounded(.up)))
    }

    /// The inside of a `{…}` selector as the user wrote it (`{job="haproxy"}` or `job="haproxy"`);
    /// nil when it is not one.
    public static func matchInside(_ selector: String) -> String? {
        var text = selector.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("{") {
            guard text.hasSuffix("}") else { return nil }
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        if text.contains("{") || text.contains("}") { return nil }
        return text
    }
}
