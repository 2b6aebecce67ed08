import Foundation

/// The instant queries one poll of a Prometheus server sends: a fixed set, whatever the size of
/// the fleet (never one per server). Balancer queries take the user's `match` selector; rates come
/// from PromQL `rate()` over `range` seconds, chosen from the scrape interval. Each asks for one
/// series per row and value where it can, aggregated `by` the labels lbtop reads, so answers carry
/// no other label (a Kubernetes target's pod, namespace… labels stay in Prometheus).
public enum FleetQuery: String, Sendable, CaseIterable {
    /// `haproxy_server_status == 1`: one series per server, `state` its current state.
    case serverStatus = "server-status"
    /// Weight, sessions, queue and the average-time gauges of every server that has them
    /// (`NaN`, HAProxy's empty field, is not sent).
    case serverGauges = "server-gauges"
    /// Requests/s per server: Σ over `code` of `http_responses_total` (2.6 has no server request counter).
    case serverRequests = "server-requests"
    /// 5xx/s of the servers that answer any: a server with requests and no series here has none.
    case serverErrors = "server-5xx"
    case backendStatus = "backend-status"
    /// Responses/s per backend by class.
    case backendResponses = "backend-responses"
    case backendGauges = "backend-gauges"
    case frontendRequests = "frontend-requests"
    /// Traefik's servers up or down and open connections, Envoy's cluster membership and
    /// connections, Caddy's upstreams healthy or not and requests in flight (names kept).
    case proxyGauges = "proxy-gauges"
    /// Requests/s of Traefik's services and entry points and Envoy's clusters by class (`class`,
    /// `envoy_response_code_class`; Envoy's total has neither), and of Caddy's servers.
    case proxyRequests = "proxy-requests"
    /// Busy CPU % per node (idle and iowait count as idle, as for `/proc`).
    case nodeCPU = "node-cpu"
    case nodeCPUCount = "node-cpus"
    case nodeGauges = "node-gauges"
    case nodeReceive = "node-rx"
    case nodeTransmit = "node-tx"
    case nodeUname = "node-uname"

    /// Whether the answer holds nodes (node_exporter) rather than balancers.
    public var isNodes: Bool {
        switch self {
        case .nodeCPU, .nodeCPUCount, .nodeGauges, .nodeReceive, .nodeTransmit, .nodeUname: true
        default: false
        }
    }

    /// The PromQL text. `match` is the inside of a selector (`job="haproxy"`, possibly empty).
    public func promQL(match: String, range: Int) -> String {
        let m = match.isEmpty ? "" : match
        let comma = match.isEmpty ? "" : "," + match
        let r = "[\(range)s]"
        /// Series whose name matches `names`, with the match.
        func named(_ names: String) -> String { "{__name__=~\"\(names)\"\(comma)}" }
        switch self {
        case .serverStatus:
            return "max by (instance, proxy, server, state) (haproxy_server_status{\(m)} == 1)"
        case .serverGauges:
            return "max by (__name__, instance, proxy, server) (" + named("haproxy_server_(weight|current_sessions"
                + "|current_queue|limit_sessions|response_time_average_seconds|total_time_average_seconds)") + ") > -Inf"
        case .serverRequests:
            return "sum by (instance, proxy, server) (rate(haproxy_server_http_responses_total{\(m)}\(r)))"
        case .serverErrors:
            return "sum by (instance, proxy, server) (rate(haproxy_server_http_responses_total{code=\"5xx\"\(comma)}\(r))) > 0"
        case .backendStatus:
            return "max by (instance, proxy, state) (haproxy_backend_status{\(m)} == 1)"
        case .backendResponses:
            return "sum by (instance, proxy, code) (rate(haproxy_backend_http_responses_total{\(m)}\(r)))"
        case .backendGauges:
            return "max by (__name__, instance, proxy) (" + named("haproxy_backend_(current_sessions|current_queue"
                + "|limit_sessions|response_time_average_seconds|total_time_average_seconds)") + ") > -Inf"
        case .frontendRequests:
            return "sum by (instance, proxy) (rate(haproxy_frontend_http_requests_total{\(m)}\(r)))"
        case .proxyGauges:
            return "sum by (__name__, instance, service, entrypoint, url) ("
                + named("traefik_service_server_up|traefik_(service|entrypoint)_open_connections") + ")"
                + " or sum by (__name__, instance, envoy_cluster_name) ("
                + named("envoy_cluster_(upstream_cx_active|membership_healthy)") + ")"
                // Every Caddy handler counts the same request: the most of them, not their sum.
                + " or max by (__name__, instance, upstream, server) ("
                + named("caddy_reverse_proxy_upstreams_healthy|caddy_http_requests_in_flight") + ")"
        case .proxyRequests:
            return "sum by (instance, service, entrypoint, class) (label_replace(rate("
                + named("traefik_(service|entrypoint)_requests_total") + r + "), \"class\", \"$1\", \"code\", \"(.).*\"))"
                + " or sum by (instance, envoy_cluster_name, envoy_response_code_class) (rate("
                + named("envoy_cluster_upstream_rq_(total|xx)") + r + "))"
                + " or max by (instance, server) (rate(caddy_http_requests_total{\(m)}\(r)))"
        case .nodeCPU:
            return "100 * (1 - sum by (instance) (rate(node_cpu_seconds_total{mode=~\"idle|iowait\"}\(r)))"
                + " / count by (instance) (node_cpu_seconds_total{mode=\"idle\"}))"
        case .nodeCPUCount:
            return "count by (instance) (node_cpu_seconds_total{mode=\"idle\"})"
        case .nodeGauges:
            return "max by (__name__, instance) ({__name__=~\"node_memory_MemTotal_bytes|node_memory_MemAvailable_bytes"
                + "|node_load1|node_load5|node_load15\"})"
        case .nodeReceive:
            return "sum by (instance) (rate(node_network_receive_bytes_total{device!=\"lo\"}\(r)))"
        case .nodeTransmit:
            return "sum by (instance) (rate(node_network_transmit_bytes_total{device!=\"lo\"}\(r)))"
        case .nodeUname:
            return "max by (instance, nodename) (node_uname_info)"
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
