import LBTopCore

/// Answers of a Prometheus server for a fleet of `instances` HAProxy exporters with
/// `backends` x `serversPerBackend` servers each and `nodes` node_exporters, as `/api/v1/query`
/// writes them (labels as Prometheus keeps them, values as strings).
struct FleetAnswersGenerator {
    var instances = 100
    var backends = 10
    var serversPerBackend = 10
    var nodes = 100
    /// Answers as plain selectors would give them: every label Prometheus keeps (`__name__`,
    /// `job`), `NaN` gauges and zero 5xx rates. What the queries' `by` and filters save.
    var plainSelectors = false

    func answers(poll: Int) -> FleetAnswers {
        var parts: [(name: String, bytes: [UInt8])] = [("targets", targets())]
        for query in FleetQuery.allCases { parts.append((query.rawValue, Array(vector(query, poll: poll).utf8))) }
        return FleetAnswers(parts: parts)
    }

    private func targets() -> [UInt8] {
        let items = (0..<instances).map { "{\"labels\":{\"instance\":\"lb\($0):8405\",\"job\":\"haproxy\"},\"health\":\"up\",\"lastError\":\"\",\"scrapeInterval\":\"1s\"}" }
            + (0..<nodes).map { "{\"labels\":{\"instance\":\"web\($0):9100\",\"job\":\"node\"},\"health\":\"up\",\"lastError\":\"\",\"scrapeInterval\":\"1s\"}" }
        return Array(("{\"status\":\"success\",\"data\":{\"activeTargets\":[" + items.joined(separator: ",") + "],\"droppedTargets\":[]}}").utf8)
    }

    private func series(_ labels: String, _ value: String) -> String {
        "{\"metric\":{\(labels)},\"value\":[1796172586.380,\"\(value)\"]}"
    }

    /// Every server's identity labels.
    private func eachServer(_ body: (String, Int) -> String) -> [String] {
        var out: [String] = []
        out.reserveCapacity(instances * backends * serversPerBackend)
        for instance in 0..<instances {
            for backend in 0..<backends {
                for server in 0..<serversPerBackend {
                    let labels = "\"instance\":\"lb\(instance):8405\",\"proxy\":\"be\(backend)\",\"server\":\"web\(backend * serversPerBackend + server)\""
                    out.append(body(labels, instance * 7 + server))
                }
            }
        }
        return out
    }

    /// The answer to `query` as Prometheus gives it: the labels its `by` clause keeps, no `NaN`
    /// gauge (`> -Inf`), 5xx rates only where above 0.
    private func vector(_ query: FleetQuery, poll: Int) -> String {
        var items: [String] = []
        let job = plainSelectors ? ",\"job\":\"haproxy\"" : ""
        switch query {
        case .serverStatus:
            let name = plainSelectors ? "\"__name__\":\"haproxy_server_status\"," : ""
            items = eachServer { labels, n in series(name + labels + job + ",\"state\":\"\(n % 50 == 0 ? "DOWN" : "UP")\"", "1") }
        case .serverGauges:
            // The servers have no maxconn: their limit_sessions is NaN, sent only by a plain selector.
            for (name, value) in [("weight", "1"), ("current_sessions", "3"), ("current_queue", "0"), ("limit_sessions", "NaN"),
                                  ("response_time_average_seconds", "0.012"), ("total_time_average_seconds", "0.015")]
                where plainSelectors || value != "NaN" {
                items += eachServer { labels, _ in series("\"__name__\":\"haproxy_server_\(name)\"," + labels + job, value) }
            }
        case .serverRequests:
            items = eachServer { labels, n in series(labels, "\(Double(n % 40) + Double(poll % 5) / 10)") }
        case .serverErrors:
            items = eachServer { labels, n in n % 9 == 0 ? series(labels, "0.2") : plainSelectors ? series(labels, "0") : "" }
                .filter { !$0.isEmpty }
        case .backendStatus, .backendResponses, .backendGauges, .frontendRequests:
            for instance in 0..<instances {
                for backend in 0..<backends {
                    let labels = "\"instance\":\"lb\(instance):8405\",\"proxy\":\"be\(backend)\""
                    switch query {
                    case .backendStatus: items.append(series(labels + job + ",\"state\":\"UP\"", "1"))
                    case .backendResponses:
                        for code in ["1xx", "2xx", "3xx", "4xx", "5xx", "other"] { items.append(series("\"code\":\"\(code)\"," + labels, code == "2xx" ? "200" : "1")) }
                    case .backendGauges:
                        items.append(series("\"__name__\":\"haproxy_backend_current_sessions\"," + labels + job, "30"))
                    default:
                        if backend == 0 { items.append(series("\"instance\":\"lb\(instance):8405\",\"proxy\":\"fe\"", "2000")) }
                    }
                }
            }
        case .proxyGauges, .proxyRequests:
            break  // an HAProxy fleet: no Traefik, Envoy or Caddy series
        case .nodeCPU, .nodeCPUCount, .nodeGauges, .nodeReceive, .nodeTransmit, .nodeUname:
            for node in 0..<nodes {
                let labels = "\"instance\":\"web\(node):9100\""
                let job = plainSelectors ? ",\"job\":\"node\"" : ""
                switch query {
                case .nodeCPU: items.append(series(labels, "\(20 + node % 50).5"))
                case .nodeCPUCount: items.append(series(labels, "8"))
                case .nodeGauges:
                    items.append(series("\"__name__\":\"node_memory_MemTotal_bytes\"," + labels + job, "16777216000"))
                    items.append(series("\"__name__\":\"node_memory_MemAvailable_bytes\"," + labels + job, "8388608000"))
                    items.append(series("\"__name__\":\"node_load1\"," + labels + job, "1.5"))
                case .nodeUname:
                    let name = plainSelectors ? "\"__name__\":\"node_uname_info\"," : ""
                    items.append(series(name + labels + job + ",\"nodename\":\"web\(node)\"", "1"))
                default: items.append(series(labels, "125000.5"))
                }
            }
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + items.joined(separator: ",") + "]}}"
    }
}
