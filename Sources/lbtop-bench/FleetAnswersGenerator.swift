import LBTopCore

/// Answers of a Prometheus server for a fleet of `instances` HAProxy exporters with
/// `backends` x `serversPerBackend` servers each and `nodes` node_exporters, as `/api/v1/query`
/// writes them (labels as Prometheus keeps them, values as strings).
struct FleetAnswersGenerator {
    var instances = 100
    var backends = 10
    var serversPerBackend = 10
    var nodes = 100

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

    /// Every server's labels (name and job only where Prometheus keeps them).
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

    private func vector(_ query: FleetQuery, poll: Int) -> String {
        var items: [String] = []
        switch query {
        case .serverStatus:
            items = eachServer { labels, n in
                series("\"__name__\":\"haproxy_server_status\"," + labels + ",\"job\":\"haproxy\",\"state\":\"\(n % 50 == 0 ? "DOWN" : "UP")\"", "1")
            }
        case .serverGauges:
            for (name, value) in [("weight", "1"), ("current_sessions", "3"), ("current_queue", "0"), ("limit_sessions", "NaN"),
                                  ("response_time_average_seconds", "0.012"), ("total_time_average_seconds", "0.015")] {
                items += eachServer { labels, _ in series("\"__name__\":\"haproxy_server_\(name)\"," + labels + ",\"job\":\"haproxy\"", value) }
            }
        case .serverRequests:
            items = eachServer { labels, n in series(labels, "\(Double(n % 40) + Double(poll % 5) / 10)") }
        case .serverErrors:
            items = eachServer { labels, n in series(labels, n % 9 == 0 ? "0.2" : "0") }
        case .backendStatus, .backendResponses, .backendGauges, .frontendRequests:
            for instance in 0..<instances {
                for backend in 0..<backends {
                    let labels = "\"instance\":\"lb\(instance):8405\",\"proxy\":\"be\(backend)\""
                    switch query {
                    case .backendStatus: items.append(series("\"__name__\":\"haproxy_backend_status\"," + labels + ",\"job\":\"haproxy\",\"state\":\"UP\"", "1"))
                    case .backendResponses:
                        for code in ["1xx", "2xx", "3xx", "4xx", "5xx", "other"] { items.append(series("\"code\":\"\(code)\"," + labels, code == "2xx" ? "200" : "1")) }
                    case .backendGauges:
                        items.append(series("\"__name__\":\"haproxy_backend_current_sessions\"," + labels + ",\"job\":\"haproxy\"", "30"))
                    default:
                        if backend == 0 { items.append(series("\"instance\":\"lb\(instance):8405\",\"proxy\":\"fe\"", "2000")) }
                    }
                }
            }
        case .nodeCPU, .nodeCPUCount, .nodeGauges, .nodeReceive, .nodeTransmit, .nodeUname:
            for node in 0..<nodes {
                let labels = "\"instance\":\"web\(node):9100\""
                switch query {
                case .nodeCPU: items.append(series(labels, "\(20 + node % 50).5"))
                case .nodeCPUCount: items.append(series(labels, "8"))
                case .nodeGauges:
                    items.append(series("\"__name__\":\"node_memory_MemTotal_bytes\"," + labels + ",\"job\":\"node\"", "16777216000"))
                    items.append(series("\"__name__\":\"node_memory_MemAvailable_bytes\"," + labels + ",\"job\":\"node\"", "8388608000"))
                    items.append(series("\"__name__\":\"node_load1\"," + labels + ",\"job\":\"node\"", "1.5"))
                case .nodeUname: items.append(series("\"__name__\":\"node_uname_info\"," + labels + ",\"job\":\"node\",\"nodename\":\"web\(node)\"", "1"))
                default: items.append(series(labels, "125000.5"))
                }
            }
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + items.joined(separator: ",") + "]}}"
    }
}
