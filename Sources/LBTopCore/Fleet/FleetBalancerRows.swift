/// The balancer rows of one fleet poll as its answers arrive: per `instance` label (in the order
/// the answers first name them), rows by identity and the rates Prometheus computed for them,
/// made `SourceRates` once every answer is in.
struct FleetBalancerRows {
    struct Instance {
        var rows = HAProxyExporterParser.RowCollector()
        var rates: [StatRow.Key: PendingRates] = [:]
    }

    struct PendingRates {
        var requests: Double?
        var responses = ResponseRates()
    }

    private var order: [String] = []
    private var instances: [String: Instance] = [:]

    mutating func add(_ query: FleetQuery, _ series: PrometheusSampleView) {
        switch query {
        case .proxyGauges: addProxyGauge(series)
        case .proxyRequests: addProxyRequests(series)
        default: addHAProxy(query, series)
        }
    }

    /// Runs `change` on the instance `series` names, made when new; nothing without an `instance` label.
    mutating func instance(of series: PrometheusSampleView, _ change: (inout Instance) -> Void) {
        guard let name = series.label("instance") else { return }
        if instances[name] == nil {
            instances[name] = Instance()
            order.append(name)
        }
        change(&instances[name]!)
    }

    func samples() -> [FleetSample.Balancer] {
        order.map { name in
            var instance = instances[name]!
            for (key, pending) in instance.rates {
                let rates = SourceRates(requests: pending.requests ?? pending.responses.total, responses: pending.responses)
                instance.rows.update(key) { $0.sourceRates = rates }
            }
            let rows = Self.withStates(instance.rows.ordered())
            return FleetSample.Balancer(instance: name, sample: BalancerSample(format: PayloadFormat.prometheusFleet.rawValue, rows: rows))
        }
    }

    /// A frontend without a state is OPEN; a backend without one is UP while one of its servers
    /// serves (or it lists none), DOWN when none does.
    private static func withStates(_ rows: [StatRow]) -> [StatRow] {
        var serving: [String: Bool] = [:]
        for row in rows where row.kind == .server {
            serving[row.proxy] = (serving[row.proxy] ?? false) || row.serverState.isServing
        }
        var rows = rows
        for index in rows.indices where rows[index].status.isEmpty {
            switch rows[index].kind {
            case .frontend: rows[index].status = "OPEN"
            case .backend: rows[index].status = serving[rows[index].proxy] ?? true ? "UP" : "DOWN"
            default: break
            }
        }
        return rows
    }
}

extension ResponseRates {
    /// Adds `rate` to the class a code label names: HAProxy's `1xx` … `5xx` and `other`, or the
    /// first digit alone (Traefik's code as `class`, Envoy's `envoy_response_code_class`).
    mutating func add(code: String, _ rate: Double) {
        func plus(_ known: Double?) -> Double { (known ?? 0) + rate }
        switch code.first {
        case "1": r1xx = plus(r1xx)
        case "2": r2xx = plus(r2xx)
        case "3": r3xx = plus(r3xx)
        case "4": r4xx = plus(r4xx)
        case "5": r5xx = plus(r5xx)
        default: other = plus(other)
        }
    }
}
