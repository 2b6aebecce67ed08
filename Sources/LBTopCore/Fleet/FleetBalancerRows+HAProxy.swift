/// HAProxy exporter series of a fleet's answers (`FleetQuery.serverStatus` … `frontendRequests`),
/// read into rows as `HAProxyExporterParser` reads the exporter itself.
extension FleetBalancerRows {
    mutating func addHAProxy(_ query: FleetQuery, _ series: PrometheusSampleView) {
        let kind: StatRow.Kind
        switch query {
        case .serverStatus, .serverGauges, .serverRequests, .serverErrors: kind = .server
        case .backendStatus, .backendGauges, .backendResponses: kind = .backend
        case .frontendRequests: kind = .frontend
        default: return
        }
        guard let proxy = series.label("proxy") else { return }
        let name: String
        switch kind {
        case .server:
            guard let server = series.label("server") else { return }
            name = server
        case .backend: name = "BACKEND"
        default: name = "FRONTEND"
        }
        let key = StatRow.Key(proxy: proxy, name: name, kind: kind)
        let value = series.value
        switch query {
        case .serverStatus, .backendStatus:
            guard value == 1, let state = series.label("state") else { return }
            instance(of: series) { $0.rows.update(key) { $0.status = state } }
        case .serverGauges, .backendGauges:
            guard let suffix = series.nameAfter(kind == .server ? "haproxy_server_" : "haproxy_backend_"),
                  let mapping = HAProxyExporterParser.mappings[suffix] else { return }
            let number = HAProxyExporterParser.RowCollector.integer(value, scale: mapping.scale)
            instance(of: series) { $0.rows.update(key) { $0[mapping.field] = number } }
        case .serverRequests, .frontendRequests:
            guard value.isFinite else { return }
            instance(of: series) { instance in
                instance.rows.update(key) { _ in }
                instance.rates[key, default: PendingRates()].requests = value
                // The 5xx query sends only servers that answer any.
                if kind == .server { instance.rates[key]!.responses.r5xx = 0 }
            }
        case .serverErrors:
            guard value.isFinite else { return }
            instance(of: series) { instance in
                guard instance.rates[key]?.requests != nil else { return }
                instance.rates[key]!.responses.r5xx = value
            }
        case .backendResponses:
            guard value.isFinite, let code = series.label("code") else { return }
            instance(of: series) { instance in
                instance.rows.update(key) { _ in }
                instance.rates[key, default: PendingRates()].responses.add(code: code, value)
            }
        default: return
        }
    }
}
