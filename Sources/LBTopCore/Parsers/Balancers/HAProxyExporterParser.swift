/// Reads HAProxy's built-in Prometheus exporter (`http-request use-service prometheus-exporter`)
/// into the same rows as the stats CSV: `haproxy_frontend_*`, `haproxy_backend_*` and
/// `haproxy_server_*` families keyed by the `proxy` and `server` labels. Times in seconds become
/// the CSV's milliseconds; `NaN` (an empty CSV field) stays unknown. The exporter has no server
/// address and, before 3.2, no server request counter: a server's requests are the sum of its
/// `http_responses_total` over `code`.
public enum HAProxyExporterParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> BalancerSample {
        var rows = RowCollector()
        var process = BalancerProcess()
        var sawProcess = false
        let summary = PrometheusTextParser.forEachSample(in: bytes) { sample in
            if let suffix = sample.nameAfter("haproxy_server_") {
                guard let proxy = sample.label("proxy"), let server = sample.label("server") else { return }
                rows.apply(suffix, sample, to: StatRow.Key(proxy: proxy, name: server, kind: .server))
            } else if let suffix = sample.nameAfter("haproxy_backend_") {
                guard let proxy = sample.label("proxy") else { return }
                rows.apply(suffix, sample, to: StatRow.Key(proxy: proxy, name: "BACKEND", kind: .backend))
            } else if let suffix = sample.nameAfter("haproxy_frontend_") {
                guard let proxy = sample.label("proxy") else { return }
                rows.apply(suffix, sample, to: StatRow.Key(proxy: proxy, name: "FRONTEND", kind: .frontend))
            } else if sample.nameHasPrefix("haproxy_process_") {
                sawProcess = true
                readProcess(sample, into: &process)
            }
        }
        return BalancerSample(format: PayloadFormat.haproxyExporter.rawValue, rows: rows.ordered(),
                              skippedLines: summary.skippedLines, process: sawProcess ? process : nil)
    }

    private static func readProcess(_ sample: PrometheusSampleView, into process: inout BalancerProcess) {
        guard sample.value.isFinite else { return }
        if sample.nameIs("haproxy_process_start_time_seconds") {
            process.startTime = Int(sample.value)
        } else if sample.nameIs("haproxy_process_uptime_seconds") {
            process.uptimeSeconds = Int(sample.value)
        } else if sample.nameIs("haproxy_process_stopping") {
            process.stopping = sample.value == 1
        } else if sample.nameIs("haproxy_process_build_info") {
            process.version = sample.label("version")
        }
    }

    /// How a metric suffix maps to a CSV column; `scale` turns seconds into milliseconds.
    struct Mapping {
        var field: StatField
        var scale: Double = 1
    }

    static let mappings: [String: Mapping] = [
        "current_sessions": .init(field: .scur), "max_sessions": .init(field: .smax),
        "limit_sessions": .init(field: .slim), "sessions_total": .init(field: .stot),
        "bytes_in_total": .init(field: .bin), "bytes_out_total": .init(field: .bout),
        "current_queue": .init(field: .qcur), "max_queue": .init(field: .qmax),
        "queue_limit": .init(field: .qlimit), "requests_denied_total": .init(field: .dreq),
        "responses_denied_total": .init(field: .dresp), "request_errors_total": .init(field: .ereq),
        "connection_errors_total": .init(field: .econ), "response_errors_total": .init(field: .eresp),
        "retry_warnings_total": .init(field: .wretr), "redispatch_warnings_total": .init(field: .wredis),
        "weight": .init(field: .weight), "uweight": .init(field: .uweight),
        "active_servers": .init(field: .act), "backup_servers": .init(field: .bck),
        "check_failures_total": .init(field: .chkfail), "check_up_down_total": .init(field: .chkdown),
        "check_last_change_seconds": .init(field: .lastchg), "downtime_seconds_total": .init(field: .downtime),
        "current_throttle": .init(field: .throttle), "loadbalanced_total": .init(field: .lbtot),
        "max_session_rate": .init(field: .rateMax), "check_code": .init(field: .checkCode),
        "check_duration_seconds": .init(field: .checkDuration, scale: 1000),
        "http_requests_total": .init(field: .reqTot), "client_aborts_total": .init(field: .cliAbrt),
        "server_aborts_total": .init(field: .srvAbrt), "last_session_seconds": .init(field: .lastsess),
        "queue_time_average_seconds": .init(field: .qtime, scale: 1000),
        "connect_time_average_seconds": .init(field: .ctime, scale: 1000),
        "response_time_average_seconds": .init(field: .rtime, scale: 1000),
        "total_time_average_seconds": .init(field: .ttime, scale: 1000),
        "connections_total": .init(field: .connTot), "internal_errors_total": .init(field: .eint),
    ]

    static let responseClasses: [String: StatField] = [
        "1xx": .hrsp1xx, "2xx": .hrsp2xx, "3xx": .hrsp3xx, "4xx": .hrsp4xx, "5xx": .hrsp5xx, "other": .hrspOther,
    ]

    /// Rows by identity, in the order their proxies first appear.
    struct RowCollector {
        private var rows: [StatRow] = []
        private var index: [StatRow.Key: Int] = [:]
        private var proxyOrder: [String] = []

        mutating func apply(_ suffix: String, _ sample: PrometheusSampleView, to key: StatRow.Key) {
            let position = position(of: key)
            switch suffix {
            case "status":
                if sample.value == 1, let state = sample.label("state") { rows[position].status = state }
            case "check_status":
                if sample.value == 1, let state = sample.label("state") { rows[position].checkStatus = state }
            case "http_responses_total":
                if let code = sample.label("code"), let field = HAProxyExporterParser.responseClasses[code] {
                    rows[position][field] = Self.integer(sample.value, scale: 1)
                }
            default:
                guard let mapping = HAProxyExporterParser.mappings[suffix] else { return }
                rows[position][mapping.field] = Self.integer(sample.value, scale: mapping.scale)
            }
        }

        /// Changes the row `key` names, made empty when it is new.
        mutating func update(_ key: StatRow.Key, _ change: (inout StatRow) -> Void) {
            change(&rows[position(of: key)])
        }

        private mutating func position(of key: StatRow.Key) -> Int {
            if let position = index[key] { return position }
            if !proxyOrder.contains(key.proxy) { proxyOrder.append(key.proxy) }
            rows.append(StatRow(proxy: key.proxy, name: key.name, kind: key.kind))
            index[key] = rows.count - 1
            return rows.count - 1
        }

        /// Per proxy as the CSV lists them: frontend, servers, backend. A server without a request
        /// counter gets the sum of its response classes.
        func ordered() -> [StatRow] {
            var byProxy: [String: [StatRow]] = [:]
            for var row in rows {
                if row.kind == .server, row[.reqTot] == nil {
                    let classes = HAProxyExporterParser.responseClasses.values.compactMap { row[$0] }
                    if !classes.isEmpty { row[.reqTot] = classes.reduce(0, +) }
                }
                byProxy[row.proxy, default: []].append(row)
            }
            return proxyOrder.flatMap { proxy in
                let group = byProxy[proxy] ?? []
                return group.filter { $0.kind == .frontend } + group.filter { $0.kind == .server }
                    + group.filter { $0.kind == .backend }
            }
        }

        static func integer(_ value: Double, scale: Double) -> Int64? {
            let scaled = value * scale
            guard scaled.isFinite, abs(scaled) < 9e18 else { return nil }
            return Int64(scaled.rounded())
        }
    }
}
