/// Turns the body of a balancer's HTTP status endpoint into rows, choosing the parser from the
/// bytes: HAProxy stats CSV or exporter, Traefik metrics, Envoy `/clusters?format=json`, Caddy's
/// upstreams, the NGINX Plus upstreams API, nginx `stub_status`. Anything else is an error that
/// says what arrived.
public enum BalancerBodyDecoder {
    public static func decode(_ body: ArraySlice<UInt8>) throws(CollectError) -> BalancerSample {
        switch FormatSniffer.detect(body) {
        case .prometheus:
            return try decodeMetrics(body)
        case .json:
            return try decodeJSON(body)
        case .nginxStubStatus:
            return try NginxStubStatusParser.parse(body)
        default:
            return try HAProxyStatsDecoder.decode(statsBody: body, process: nil)
        }
    }

    /// A `/metrics` body: the balancer families it holds pick the parser.
    static func decodeMetrics(_ body: ArraySlice<UInt8>) throws(CollectError) -> BalancerSample {
        if body.containsSequence("haproxy_frontend_") || body.containsSequence("haproxy_server_")
            || body.containsSequence("haproxy_backend_") {
            return HAProxyExporterParser.parse(body)
        }
        if body.containsSequence("traefik_service_") || body.containsSequence("traefik_entrypoint_") {
            return TraefikMetricsParser.parse(body)
        }
        if body.containsSequence("node_cpu_seconds_total") {
            throw CollectError(.badPayload, "got node_exporter metrics: pass this URL with --node")
        }
        throw CollectError(.badPayload, "Prometheus metrics without any balancer families (haproxy_*, traefik_*); for Envoy use /clusters?format=json, for Caddy /reverse_proxy/upstreams")
    }

    /// A JSON body: Envoy, Caddy or NGINX Plus, told by its shape.
    static func decodeJSON(_ body: ArraySlice<UInt8>) throws(CollectError) -> BalancerSample {
        let json = try JSONValue.parse(body)
        if EnvoyClustersParser.matches(json) { return try EnvoyClustersParser.parse(json: json) }
        if CaddyUpstreamsParser.matches(json) { return try CaddyUpstreamsParser.parse(json: json) }
        if NginxPlusUpstreamsParser.matches(json) { return try NginxPlusUpstreamsParser.parse(json: json) }
        throw CollectError(.badPayload, "JSON that is none of Envoy /clusters?format=json, Caddy /reverse_proxy/upstreams, NGINX Plus /api/N/http/upstreams")
    }
}

extension Collection<UInt8> {
    /// Whether the bytes contain `text` anywhere.
    func containsSequence(_ text: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        guard let first = needle.first, needle.count <= count else { return false }
        var index = startIndex
        while index != endIndex {
            if self[index] == first, self[index...].starts(with: needle) { return true }
            formIndex(after: &index)
        }
        return false
    }
}
