/// Turns the answers of one fleet poll (`FleetAnswers`) into a `FleetSample`: HAProxy exporter
/// series become each instance's rows as `HAProxyExporterParser` would make them from the exporter
/// itself, with the rates Prometheus computed; node_exporter series become node samples. Any
/// query that failed or answered something else fails the whole poll with its reason.
public enum FleetMapper {
    public static func map(_ answers: FleetAnswers) throws(CollectError) -> FleetSample {
        var fleet = FleetSample()
        if let targets = answers["targets"] {
            let listed = try PrometheusTargetsAnswer.targets(targets)
            fleet.scrapeInterval = listed.compactMap(\.scrapeInterval).max()
            fleet.unscraped = listed.filter { $0.health == "down" }
                .map { FleetSample.Unscraped(instance: $0.instance, reason: "scrape failed: " + ($0.lastError.isEmpty ? "target down" : $0.lastError)) }
        }
        var vectors: [FleetQuery: [PrometheusSeries]] = [:]
        for query in FleetQuery.allCases {
            if let failure = answers["error:" + query.rawValue] {
                throw CollectError(.unreachable, String(decoding: failure, as: UTF8.self))
            }
            guard let bytes = answers[query.rawValue] else {
                throw CollectError(.badPayload, "no answer to the \(query.rawValue) query")
            }
            do {
                vectors[query] = try PrometheusQueryAnswer.vector(bytes)
            } catch {
                throw CollectError(error.kind, "\(query.rawValue) query: \(error.message)")
            }
        }
        fleet.balancers = balancers(vectors)
        fleet.nodes = nodes(vectors)
        return fleet
    }

    /// Rows per balancer instance, instances in the order the answers first name them.
    static func balancers(_ vectors: [FleetQuery: [PrometheusSeries]]) -> [FleetSample.Balancer] {
        var order: [String] = []
        var collectors: [String: HAProxyExporterParser.RowCollector] = [:]
        var requests: [String: [StatRow.Key: Double]] = [:]
        var errors: [String: [StatRow.Key: Double]] = [:]
        var classes: [String: [StatRow.Key: ResponseRates]] = [:]

        func key(_ series: PrometheusSeries, _ kind: StatRow.Kind) -> (String, StatRow.Key)? {
            guard let instance = series["instance"], let proxy = series["proxy"] else { return nil }
            let name: String
            switch kind {
            case .server:
                guard let server = series["server"] else { return nil }
                name = server
            case .backend: name = "BACKEND"
            case .frontend, .listener: name = "FRONTEND"
            }
            if collectors[instance] == nil {
                collectors[instance] = HAProxyExporterParser.RowCollector()
                order.append(instance)
            }
            return (instance, StatRow.Key(proxy: proxy, name: name, kind: kind))
        }
        func status(_ query: FleetQuery, _ kind: StatRow.Kind) {
            for series in vectors[query] ?? [] {
                guard series.value == 1, let state = series["state"], let (instance, key) = key(series, kind) else { continue }
                collectors[instance]!.update(key) { $0.status = state }
            }
        }
        func gauges(_ query: FleetQuery, prefix: String, _ kind: StatRow.Kind) {
            for series in vectors[query] ?? [] {
                guard let name = series["__name__"], name.hasPrefix(prefix),
                      let mapping = HAProxyExporterParser.mappings[String(name.dropFirst(prefix.count))],
                      let (instance, key) = key(series, kind) else { continue }
                let value = HAProxyExporterParser.RowCollector.integer(series.value, scale: mapping.scale)
                collectors[instance]!.update(key) { $0[mapping.field] = value }
            }
        }
        func rates(_ query: FleetQuery, _ kind: StatRow.Kind, into table: inout [String: [StatRow.Key: Double]]) {
            for series in vectors[query] ?? [] {
                guard series.value.isFinite, let (instance, key) = key(series, kind) else { continue }
                collectors[instance]!.update(key) { _ in }
                table[instance, default: [:]][key] = series.value
            }
        }

        status(.serverStatus, .server)
        gauges(.serverGauges, prefix: "haproxy_server_", .server)
        rates(.serverRequests, .server, into: &requests)
        rates(.serverErrors, .server, into: &errors)
        status(.backendStatus, .backend)
        gauges(.backendGauges, prefix: "haproxy_backend_", .backend)
        for series in vectors[.backendResponses] ?? [] {
            guard series.value.isFinite, let code = series["code"], let (instance, key) = key(series, .backend) else { continue }
            collectors[instance]!.update(key) { _ in }
            classes[instance, default: [:]][key, default: ResponseRates()].set(code: code, series.value)
        }
        rates(.frontendRequests, .frontend, into: &requests)

        return order.map { instance in
            var collector = collectors[instance]!
            let serverErrors = errors[instance] ?? [:]
            for (key, rate) in requests[instance] ?? [:] {
                let responses = ResponseRates(r5xx: key.kind == .server ? serverErrors[key] ?? 0 : nil)
                collector.update(key) { $0.sourceRates = SourceRates(requests: rate, responses: responses) }
            }
            for (key, responses) in classes[instance] ?? [:] {
                collector.update(key) { $0.sourceRates = SourceRates(requests: responses.total, responses: responses) }
            }
            var rows = collector.ordered()
            for index in rows.indices where rows[index].kind == .frontend && rows[index].status.isEmpty {
                rows[index].status = "OPEN"
            }
            return FleetSample.Balancer(instance: instance,
                                        sample: BalancerSample(format: PayloadFormat.prometheusFleet.rawValue, rows: rows))
        }
    }

    /// A node sample per node_exporter instance.
    static func nodes(_ vectors: [FleetQuery: [PrometheusSeries]]) -> [FleetSample.Node] {
        var order: [String] = []
        var samples: [String: NodeSample] = [:]
        func update(_ series: PrometheusSeries, _ change: (inout NodeSample) -> Void) {
            guard let instance = series["instance"] else { return }
            if samples[instance] == nil {
                var sample = NodeSample()
                sample.sourceRates = NodeSourceRates()
                samples[instance] = sample
                order.append(instance)
            }
            change(&samples[instance]!)
        }
        func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
        for series in vectors[.nodeCPU] ?? [] { update(series) { $0.sourceRates?.cpuPercent = finite(series.value) } }
        for series in vectors[.nodeCPUCount] ?? [] { update(series) { $0.cpuCount = finite(series.value).map { Int($0) } } }
        for series in vectors[.nodeReceive] ?? [] { update(series) { $0.sourceRates?.receiveBytesPerSecond = finite(series.value) } }
        for series in vectors[.nodeTransmit] ?? [] { update(series) { $0.sourceRates?.transmitBytesPerSecond = finite(series.value) } }
        for series in vectors[.nodeUname] ?? [] { update(series) { $0.hostname = series["nodename"] } }
        for series in vectors[.nodeGauges] ?? [] {
            let value = finite(series.value)
            switch series["__name__"] {
            case "node_memory_MemTotal_bytes": update(series) { $0.memoryTotalBytes = value }
            case "node_memory_MemAvailable_bytes": update(series) { $0.memoryAvailableBytes = value }
            case "node_load1": update(series) { $0.load1 = value }
            case "node_load5": update(series) { $0.load5 = value }
            case "node_load15": update(series) { $0.load15 = value }
            default: break
            }
        }
        return order.map { FleetSample.Node(instance: $0, sample: samples[$0]!) }
    }
}

extension ResponseRates {
    /// Sets the class HAProxy's `code` label names (`1xx` … `5xx`, `other`).
    mutating func set(code: String, _ rate: Double) {
        switch code {
        case "1xx": r1xx = rate
        case "2xx": r2xx = rate
        case "3xx": r3xx = rate
        case "4xx": r4xx = rate
        case "5xx": r5xx = rate
        case "other": other = rate
        default: break
        }
    }
}
