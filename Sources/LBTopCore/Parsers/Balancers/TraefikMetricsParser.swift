/// Reads Traefik's `/metrics` (v2/v3): entry points become frontends and services backends, each
/// with requests and response classes summed over `code`, `method` and `protocol` and open
/// connections (v2 only). Per server Traefik has only `traefik_service_server_up{service,url}`,
/// present when the service has a health check: a server row with its state and nothing else.
public enum TraefikMetricsParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> BalancerSample {
        var frontends = ProxyTotals(kind: .frontend)
        var backends = ProxyTotals(kind: .backend)
        var servers: [StatRow] = []
        let summary = PrometheusTextParser.forEachSample(in: bytes) { sample in
            if sample.nameIs("traefik_service_server_up") {
                guard let service = sample.label("service"), let url = sample.label("url") else { return }
                var row = StatRow(proxy: service, name: url, kind: .server, status: sample.value == 1 ? "UP" : "DOWN")
                row.address = address(of: url)
                servers.append(row)
                backends.touch(service)
            } else if sample.nameIs("traefik_service_requests_total") {
                if let service = sample.label("service") { backends.addRequests(service, code: sample.label("code"), sample.value) }
            } else if sample.nameIs("traefik_service_open_connections") {
                if let service = sample.label("service") { backends.addConnections(service, sample.value) }
            } else if sample.nameIs("traefik_entrypoint_requests_total") {
                if let entrypoint = sample.label("entrypoint") { frontends.addRequests(entrypoint, code: sample.label("code"), sample.value) }
            } else if sample.nameIs("traefik_entrypoint_open_connections") {
                if let entrypoint = sample.label("entrypoint") { frontends.addConnections(entrypoint, sample.value) }
            }
        }
        var rows = frontends.rows()
        for backend in backends.rows() {
            rows += servers.filter { $0.proxy == backend.proxy }
            var backend = backend
            let members = servers.filter { $0.proxy == backend.proxy }
            backend.status = members.isEmpty || members.contains { $0.status == "UP" } ? "UP" : "DOWN"
            rows.append(backend)
        }
        return BalancerSample(format: PayloadFormat.traefik.rawValue, rows: rows, skippedLines: summary.skippedLines)
    }

    /// `host:port` of a server URL such as `http://10.0.0.3:80`.
    static func address(of url: String) -> String? {
        let parts = url.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return String(parts[2])
    }

    /// Per entry point or service: counters summed over the labels lbtop does not split by.
    struct ProxyTotals {
        let kind: StatRow.Kind
        private var order: [String] = []
        private var totals: [String: StatRow] = [:]

        init(kind: StatRow.Kind) { self.kind = kind }

        mutating func touch(_ name: String) {
            if totals[name] == nil {
                order.append(name)
                totals[name] = StatRow(proxy: name, name: kind == .frontend ? "FRONTEND" : "BACKEND", kind: kind,
                                       status: kind == .frontend ? "OPEN" : "UP")
            }
        }

        mutating func addRequests(_ name: String, code: String?, _ value: Double) {
            guard let count = Self.count(value) else { return }
            touch(name)
            add(count, to: .reqTot, of: name)
            let field: StatField = switch code?.first {
            case "1"?: .hrsp1xx
            case "2"?: .hrsp2xx
            case "3"?: .hrsp3xx
            case "4"?: .hrsp4xx
            case "5"?: .hrsp5xx
            default: .hrspOther
            }
            add(count, to: field, of: name)
        }

        mutating func addConnections(_ name: String, _ value: Double) {
            guard let count = Self.count(value) else { return }
            touch(name)
            add(count, to: .scur, of: name)
        }

        /// A sample as a count; nil when negative, not finite or past Int64 (`1e19` trapped).
        private static func count(_ value: Double) -> Int64? {
            guard value.isFinite, value >= 0 else { return nil }
            return Int64(exactly: value.rounded(.towardZero))
        }

        /// A sample whose sum with the others would pass Int64 is left out, not a trap.
        private mutating func add(_ value: Int64, to field: StatField, of name: String) {
            let sum = (totals[name]![field] ?? 0).addingReportingOverflow(value)
            if !sum.overflow { totals[name]![field] = sum.partialValue }
        }

        func rows() -> [StatRow] { order.map { totals[$0]! } }
    }
}
