/// Traefik, Envoy and Caddy series of a fleet's answers (`FleetQuery.proxyGauges`,
/// `proxyRequests`), read into rows as their own parsers name them: Traefik's services and
/// Envoy's clusters are backends, Traefik's entry points and Caddy's servers frontends, Traefik's
/// server URLs and Caddy's upstreams servers. Envoy's Prometheus stats are per cluster only, so
/// its backends have no server rows (`../shared/FORMATS.md` §6).
extension FleetBalancerRows {
    mutating func addProxyGauge(_ series: PrometheusSampleView) {
        let value = series.value
        guard value.isFinite else { return }
        if series.nameIs("traefik_service_server_up") {
            guard let service = series.label("service"), let url = series.label("url") else { return }
            addServer(series, backend: service, name: url, address: TraefikMetricsParser.address(of: url), up: value == 1)
        } else if series.nameIs("caddy_reverse_proxy_upstreams_healthy") {
            guard let upstream = series.label("upstream") else { return }
            addServer(series, backend: CaddyUpstreamsParser.backend, name: upstream, address: upstream, up: value == 1)
        } else if series.nameIs("envoy_cluster_membership_healthy") {
            guard let cluster = series.label("envoy_cluster_name") else { return }
            let key = StatRow.Key(proxy: cluster, name: "BACKEND", kind: .backend)
            instance(of: series) { $0.rows.update(key) { $0.status = value > 0 ? "UP" : "DOWN"; $0[.act] = Int64(exactly: value.rounded()) } }
        } else if let key = Self.connectionsRow(series) {
            instance(of: series) { $0.rows.update(key) { $0[.scur] = Int64(exactly: value.rounded()) } }
        }
    }

    mutating func addProxyRequests(_ series: PrometheusSampleView) {
        let value = series.value
        guard value.isFinite else { return }
        let key: StatRow.Key
        let code: String?
        if let cluster = series.label("envoy_cluster_name") {
            key = StatRow.Key(proxy: cluster, name: "BACKEND", kind: .backend)
            code = series.label("envoy_response_code_class")
        } else if let service = series.label("service") {
            key = StatRow.Key(proxy: service, name: "BACKEND", kind: .backend)
            code = series.label("class") ?? ""
        } else if let entrypoint = series.label("entrypoint") {
            key = StatRow.Key(proxy: entrypoint, name: "FRONTEND", kind: .frontend)
            code = series.label("class") ?? ""
        } else if let server = series.label("server") {
            key = StatRow.Key(proxy: server, name: "FRONTEND", kind: .frontend)
            code = nil
        } else {
            return
        }
        instance(of: series) { instance in
            instance.rows.update(key) { _ in }
            // A series with a class is one class of the responses; one without is all the requests.
            if let code { instance.rates[key, default: PendingRates()].responses.add(code: code, value) }
            else { instance.rates[key, default: PendingRates()].requests = value }
        }
    }

    private mutating func addServer(_ series: PrometheusSampleView, backend: String, name: String, address: String?, up: Bool) {
        let server = StatRow.Key(proxy: backend, name: name, kind: .server)
        let backendKey = StatRow.Key(proxy: backend, name: "BACKEND", kind: .backend)
        instance(of: series) { instance in
            instance.rows.update(server) { $0.status = up ? "UP" : "DOWN"; $0.address = address }
            instance.rows.update(backendKey) { _ in }
        }
    }

    /// The row whose open connections (in flight requests for Caddy) `series` counts.
    private static func connectionsRow(_ series: PrometheusSampleView) -> StatRow.Key? {
        if series.nameIs("traefik_service_open_connections"), let service = series.label("service") {
            return StatRow.Key(proxy: service, name: "BACKEND", kind: .backend)
        }
        if series.nameIs("traefik_entrypoint_open_connections"), let entrypoint = series.label("entrypoint") {
            return StatRow.Key(proxy: entrypoint, name: "FRONTEND", kind: .frontend)
        }
        if series.nameIs("caddy_http_requests_in_flight"), let server = series.label("server") {
            return StatRow.Key(proxy: server, name: "FRONTEND", kind: .frontend)
        }
        if series.nameIs("envoy_cluster_upstream_cx_active"), let cluster = series.label("envoy_cluster_name") {
            return StatRow.Key(proxy: cluster, name: "BACKEND", kind: .backend)
        }
        return nil
    }
}
