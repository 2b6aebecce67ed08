/// One series of an instant query's answer: its labels and its value (`NaN` kept as NaN).
public struct PrometheusSeries: Sendable, Equatable {
    public var labels: [String: String]
    public var value: Double

    public init(labels: [String: String], value: Double) {
        self.labels = labels; self.value = value
    }

    public subscript(label: String) -> String? { labels[label] }
}

/// Reads the answer of Prometheus's `/api/v1/query` (an instant query): the `vector` result lbtop
/// asks for. An error envelope, a partial answer (`warnings`), another result type or malformed
/// JSON is a `CollectError` that says which — the fleet goes stale with that reason rather than
/// showing half of it. (`../shared/FORMATS.md` §15: values are strings, `"NaN"` included.)
public enum PrometheusQueryAnswer {
    public static func vector(_ bytes: some Collection<UInt8>) throws(CollectError) -> [PrometheusSeries] {
        guard let envelope = CompactJSON.parse(bytes) else { throw CollectError(.badPayload, "malformed JSON") }
        guard envelope.members != nil else {
            throw CollectError(.badPayload, "not a Prometheus API answer (no JSON object)")
        }
        guard let status = envelope["status"]?.string else {
            throw CollectError(.badPayload, "not a Prometheus API answer (no status)")
        }
        guard status == "success" else {
            let kind = envelope["errorType"]?.string ?? status
            let message = envelope["error"]?.string ?? "no error text"
            throw CollectError(.http, "Prometheus \(kind): \(message)")
        }
        if let warnings = envelope["warnings"]?.array, !warnings.isEmpty {
            let texts = warnings.map { $0.string ?? "a warning" }
            throw CollectError(.badPayload, "partial answer from Prometheus: \(texts.joined(separator: "; "))")
        }
        guard let data = envelope["data"], data.members != nil else {
            throw CollectError(.badPayload, "Prometheus answer without data")
        }
        let type = data["resultType"]?.string ?? "nothing"
        guard type == "vector" else {
            throw CollectError(.badPayload, "Prometheus answered a \(type), not a vector")
        }
        guard let result = data["result"]?.array else {
            throw CollectError(.badPayload, "Prometheus vector without a result list")
        }
        var series: [PrometheusSeries] = []
        series.reserveCapacity(result.count)
        for item in result {
            guard let metric = item["metric"]?.members, let pair = item["value"]?.array, pair.count == 2,
                  let text = pair[1].string else {
                throw CollectError(.badPayload, "malformed sample in a Prometheus vector")
            }
            var labels: [String: String] = [:]
            labels.reserveCapacity(metric.count)
            for (name, value) in metric {
                if let value = value.string { labels[name] = value }
            }
            series.append(PrometheusSeries(labels: labels, value: Self.value(text)))
        }
        return series
    }

    /// Go float text as Prometheus writes it: decimals, exponents, `NaN`, `+Inf`, `-Inf`.
    static func value(_ text: String) -> Double {
        if let value = Double(text) { return value }
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default: return .nan
        }
    }
}
