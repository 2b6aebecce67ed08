/// Renders the demo cluster as HAProxy 2.6.12's stats page (`;csv`): exactly its 128 columns,
/// rows in HAProxy's order (frontend, then each backend's servers and its BACKEND row), with
/// `addr` filled as `stats show-legends` would.
public enum DemoStatsCSV {
    /// HAProxy 2.6.12's column names, in order.
    public static let columns: [String] = [
        "pxname", "svname", "qcur", "qmax", "scur", "smax", "slim", "stot", "bin", "bout", "dreq", "dresp",
        "ereq", "econ", "eresp", "wretr", "wredis", "status", "weight", "act", "bck", "chkfail", "chkdown",
        "lastchg", "downtime", "qlimit", "pid", "iid", "sid", "throttle", "lbtot", "tracked", "type",
        "rate", "rate_lim", "rate_max", "check_status", "check_code", "check_duration", "hrsp_1xx",
        "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other", "hanafail", "req_rate",
        "req_rate_max", "req_tot", "cli_abrt", "srv_abrt", "comp_in", "comp_out", "comp_byp", "comp_rsp",
        "lastsess", "last_chk", "last_agt", "qtime", "ctime", "rtime", "ttime", "agent_status",
        "agent_code", "agent_duration", "check_desc", "agent_desc", "check_rise", "check_fall",
        "check_health", "agent_rise", "agent_fall", "agent_health", "addr", "cookie", "mode", "algo",
        "conn_rate", "conn_rate_max", "conn_tot", "intercepted", "dcon", "dses", "wrew", "connect", "reuse",
        "cache_lookups", "cache_hits", "srv_icur", "src_ilim", "qtime_max", "ctime_max", "rtime_max",
        "ttime_max", "eint", "idle_conn_cur", "safe_conn_cur", "used_conn_cur", "need_conn_est", "uweight",
        "agg_server_status", "agg_server_check_status", "agg_check_status", "-", "ssl_sess",
        "ssl_reused_sess", "ssl_failed_handshake", "h2_headers_rcvd", "h2_data_rcvd", "h2_settings_rcvd",
        "h2_rst_stream_rcvd", "h2_goaway_rcvd", "h2_detected_conn_protocol_errors",
        "h2_detected_strm_protocol_errors", "h2_rst_stream_resp", "h2_goaway_resp", "h2_open_connections",
        "h2_backend_open_streams", "h2_total_connections", "h2_backend_total_streams",
        "h1_open_connections", "h1_open_streams", "h1_total_connections", "h1_total_streams", "h1_bytes_in",
        "h1_bytes_out", "h1_spliced_bytes_in", "h1_spliced_bytes_out",
    ]

    private static let columnIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })

    public static func render(_ cluster: DemoCluster) -> String {
        var rows: [[String: String]] = []
        var backendRows: [[String: String]] = []
        for (proxyIndex, backend) in DemoCluster.backends.enumerated() {
            let members = cluster.servers.filter { $0.backend == backend }
            for (serverIndex, server) in members.enumerated() {
                rows.append(serverRow(server, second: cluster.second, iid: proxyIndex + 3, sid: serverIndex + 1))
            }
            let row = backendRow(backend, members, second: cluster.second, iid: proxyIndex + 3)
            backendRows.append(row)
            rows.append(row)
        }
        var out = "# " + columns.map { $0 + "," }.joined() + "\n"
        out += line(frontendRow(backendRows))
        for row in rows { out += line(row) }
        return out
    }

    private static func line(_ fields: [String: String]) -> String {
        var values = [String](repeating: "", count: columns.count)
        for (name, value) in fields { if let index = columnIndex[name] { values[index] = value } }
        values[columnIndex["-"]!] = "-"
        return values.map { $0 + "," }.joined() + "\n"
    }

    private static func serverRow(_ server: DemoCluster.Server, second: Int, iid: Int, sid: Int) -> [String: String] {
        let c = server.counters
        let down = server.status.hasPrefix("DOWN")
        let checkStatus = server.checkFailing ? "L7TOUT" : "L7OK"
        var row: [String: String] = [
            "pxname": server.backend, "svname": server.name, "qcur": "\(server.queue)", "qmax": "\(server.queue)",
            "scur": "\(server.sessions)", "smax": "\(c.maxSessions)", "stot": "\(c.requests)",
            "bin": "\(c.bytesIn)", "bout": "\(c.bytesOut)", "dresp": "0", "econ": "0",
            "eresp": "\(c.responses5xx / 10)", "wretr": "0", "wredis": "0", "status": server.status,
            "weight": "\(server.weight)", "act": "1", "bck": "0", "chkfail": "\(c.checkFailures)",
            "chkdown": "\(c.checkDowns)", "lastchg": "\(second - server.lastChangeSecond)",
            "downtime": "\(c.downtime)", "pid": "1", "iid": "\(iid)", "sid": "\(sid)",
            "lbtot": "\(c.requests)", "type": "2", "rate": "\(server.rate)", "rate_max": "\(c.maxRate)",
            "check_status": checkStatus, "check_code": server.checkFailing ? "" : "200",
            "check_duration": server.checkFailing ? "1001" : "2",
            "hrsp_1xx": "0", "hrsp_2xx": "\(c.responses2xx)", "hrsp_3xx": "0", "hrsp_4xx": "\(c.responses4xx)",
            "hrsp_5xx": "\(c.responses5xx)", "hrsp_other": "0", "req_tot": "\(c.requests)",
            "cli_abrt": "0", "srv_abrt": "0", "lastsess": down ? "\(second - server.lastChangeSecond)" : "0",
            "qtime": "0", "ctime": "1", "rtime": "\(Int(server.rtimeMs))", "ttime": "\(Int(server.ttimeMs))",
            "check_desc": server.checkFailing ? "Layer7 timeout" : "Layer7 check passed",
            "check_rise": "2", "check_fall": "3", "check_health": down ? "0" : "4",
            "addr": server.address, "mode": "http", "wrew": "0", "connect": "\(c.requests / 20)",
            "reuse": "\(c.requests - c.requests / 20)", "srv_icur": "2", "qtime_max": "0", "ctime_max": "3",
            "rtime_max": "\(Int(server.rtimeMs) + 40)", "ttime_max": "\(Int(server.ttimeMs) + 40)", "eint": "0",
            "idle_conn_cur": "1", "safe_conn_cur": "1", "used_conn_cur": "\(server.sessions)",
            "need_conn_est": "\(server.sessions)", "uweight": "\(server.weight)",
        ]
        if server.checkFailing { row["last_chk"] = "Layer7 timeout after 1001ms" }
        return row
    }

    private static func backendRow(_ backend: String, _ members: [DemoCluster.Server], second: Int, iid: Int) -> [String: String] {
        func sum(_ value: (DemoCluster.Server) -> Int) -> String { "\(members.reduce(0) { $0 + value($1) })" }
        let up = members.filter { !$0.status.hasPrefix("DOWN") }
        let requests = members.reduce(0) { $0 + $1.counters.requests }
        let rate = members.reduce(0) { $0 + $1.rate }
        let rtime = rate > 0 ? Int(members.reduce(0.0) { $0 + Double($1.rate) * $1.rtimeMs } / Double(rate)) : 0
        return [
            "pxname": backend, "svname": "BACKEND", "qcur": "0", "qmax": sum { $0.queue }, "scur": sum { $0.sessions },
            "smax": sum { $0.counters.maxSessions }, "slim": "200", "stot": sum { $0.counters.requests },
            "bin": sum { $0.counters.bytesIn }, "bout": sum { $0.counters.bytesOut }, "dreq": "0", "dresp": "0",
            "econ": "0", "eresp": sum { $0.counters.responses5xx / 10 }, "wretr": "0", "wredis": "0",
            "status": up.isEmpty ? "DOWN" : "UP", "weight": "\(up.reduce(0) { $0 + $1.weight })",
            "act": "\(up.count)", "bck": "0", "chkdown": "0", "lastchg": "\(second)", "downtime": "0",
            "pid": "1", "iid": "\(iid)", "sid": "0", "lbtot": sum { $0.counters.requests }, "type": "1",
            "rate": sum { $0.rate }, "rate_max": sum { $0.counters.maxRate },
            "hrsp_1xx": "0", "hrsp_2xx": sum { $0.counters.responses2xx }, "hrsp_3xx": "0",
            "hrsp_4xx": sum { $0.counters.responses4xx }, "hrsp_5xx": sum { $0.counters.responses5xx },
            "hrsp_other": "0", "req_tot": "\(requests)", "cli_abrt": "0", "srv_abrt": "0",
            "comp_in": "0", "comp_out": "0", "comp_byp": "0", "comp_rsp": "0", "lastsess": "0",
            "qtime": "0", "ctime": "1", "rtime": "\(rtime)", "ttime": "\(rtime + 3)", "mode": "http",
            "algo": "roundrobin", "intercepted": "0", "wrew": "0", "connect": sum { $0.counters.requests / 20 },
            "reuse": sum { $0.counters.requests - $0.counters.requests / 20 }, "cache_lookups": "0",
            "cache_hits": "0", "qtime_max": "0", "ctime_max": "3", "rtime_max": "\(rtime + 40)",
            "ttime_max": "\(rtime + 43)", "eint": "0", "uweight": "\(members.reduce(0) { $0 + $1.weight })",
            "agg_server_status": "0", "agg_server_check_status": "0", "agg_check_status": "0",
        ]
    }

    private static func frontendRow(_ backends: [[String: String]]) -> [String: String] {
        func sum(_ key: String) -> String { "\(backends.reduce(0) { $0 + (Int($1[key] ?? "") ?? 0) })" }
        return [
            "pxname": "www", "svname": "FRONTEND", "scur": sum("scur"), "smax": sum("smax"), "slim": "2000",
            "stot": sum("stot"), "bin": sum("bin"), "bout": sum("bout"), "dreq": "0", "dresp": "0", "ereq": "0",
            "status": "OPEN", "pid": "1", "iid": "2", "sid": "0", "type": "0", "rate": sum("rate"),
            "rate_lim": "0", "rate_max": sum("rate_max"), "hrsp_1xx": "0", "hrsp_2xx": sum("hrsp_2xx"),
            "hrsp_3xx": "0", "hrsp_4xx": sum("hrsp_4xx"), "hrsp_5xx": sum("hrsp_5xx"), "hrsp_other": "0",
            "req_rate": sum("rate"), "req_rate_max": sum("rate_max"), "req_tot": sum("req_tot"),
            "comp_in": "0", "comp_out": "0", "comp_byp": "0", "comp_rsp": "0", "mode": "http",
            "conn_rate": sum("rate"), "conn_rate_max": sum("rate_max"), "conn_tot": sum("stot"),
            "intercepted": "0", "dcon": "0", "dses": "0", "wrew": "0", "cache_lookups": "0", "cache_hits": "0",
            "eint": "0",
        ]
    }
}
