/// Turns the answers of one fleet poll (`FleetAnswers`) into a `FleetSample`: balancer series
/// (HAProxy's exporter, Traefik, Envoy, Caddy) become each instance's rows with the rates
/// Prometheus computed, node_exporter series become node samples. The answers are read series by
/// series into the rows, with no sample built first. Any query that failed or answered something
/// else fails the whole poll with its reason.
public enum FleetMapper {
    public static func map(_ answers: FleetAnswers) throws(CollectError) -> FleetSample {
        var fleet = FleetSample()
        if let targets = answers["targets"] {
            let listed = try PrometheusTargetsAnswer.targets(targets)
            fleet.scrapeInterval = listed.compactMap(\.scrapeInterval).max()
            fleet.unscraped = listed.filter { $0.health == "down" }
                .map { FleetSample.Unscraped(instance: $0.instance, reason: "scrape failed: " + ($0.lastError.isEmpty ? "target down" : $0.lastError)) }
        }
        var balancers = FleetBalancerRows()
        var nodes = FleetNodeRows()
        for query in FleetQuery.allCases {
            if let failure = answers["error:" + query.rawValue] {
                throw CollectError(.unreachable, String(decoding: failure, as: UTF8.self))
            }
            guard let bytes = answers[query.rawValue] else {
                throw CollectError(.badPayload, "no answer to the \(query.rawValue) query")
            }
            do {
                try PrometheusQueryAnswer.forEachSeries(in: bytes) { series in
                    if query.isNodes { nodes.add(query, series) } else { balancers.add(query, series) }
                }
            } catch {
                throw CollectError(error.kind, "\(query.rawValue) query: \(error.message)")
            }
        }
        fleet.balancers = balancers.samples()
        fleet.nodes = nodes.samples()
        return fleet
    }
}
