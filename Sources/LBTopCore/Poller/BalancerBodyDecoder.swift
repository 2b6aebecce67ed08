/// Turns the body of a balancer's HTTP status endpoint into rows, choosing the parser from the
/// bytes: HAProxy stats CSV, HAProxy's Prometheus exporter. Anything else is an error that says
/// what arrived.
public enum BalancerBodyDecoder {
    public static func decode(_ body: ArraySlice<UInt8>) throws(CollectError) -> BalancerSample {
        switch FormatSniffer.detect(body) {
        case .prometheus:
            return try decodeMetrics(body)
        default:
            return try HAProxyCollector.decode(statsBody: body, process: nil)
        }
    }

    /// A `/metrics` body: the balancer families it holds pick the parser.
    static func decodeMetrics(_ body: ArraySlice<UInt8>) throws(CollectError) -> BalancerSample {
        if body.containsSequence("haproxy_frontend_") || body.containsSequence("haproxy_server_")
            || body.containsSequence("haproxy_backend_") {
            return HAProxyExporterParser.parse(body)
        }
        if body.containsSequence("node_cpu_seconds_total") {
            throw CollectError(.badPayload, "got node_exporter metrics: pass this URL with --node")
        }
        throw CollectError(.badPayload, "Prometheus metrics without any balancer families (haproxy_frontend_, haproxy_backend_, haproxy_server_)")
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
