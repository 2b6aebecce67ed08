@testable import LBTopCore

/// Fleet answers for tests: captured Prometheus answers (`Fixtures/prometheus/…`, Prometheus
/// 2.42.0 scraping HAProxy 2.6.12's exporter and node_exporter 1.5.0) or written vectors.
enum FleetAnswersSupport {
    static let empty = #"{"status":"success","data":{"resultType":"vector","result":[]}}"#

    /// A vector answer with one series per (labels, value).
    static func vector(_ series: [([String: String], String)]) -> String {
        let items = series.map { labels, value in
            let metric = labels.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
            return "{\"metric\":{\(metric)},\"value\":[1796172586.380,\"\(value)\"]}"
        }
        return #"{"status":"success","data":{"resultType":"vector","result":["# + items.joined(separator: ",") + "]}}"
    }

    /// Answers to every query: `given` where set (bytes), the empty vector elsewhere.
    static func answers(targets: [UInt8]? = nil, _ given: [FleetQuery: [UInt8]]) -> FleetAnswers {
        var parts: [(name: String, bytes: [UInt8])] = []
        if let targets { parts.append(("targets", targets)) }
        for query in FleetQuery.allCases { parts.append((query.rawValue, given[query] ?? Array(empty.utf8))) }
        return FleetAnswers(parts: parts)
    }

    static func fixture(_ name: String) throws -> [UInt8] { try Fixture.bytes("prometheus/" + name) }

    /// One series of an answer, copied out of the reader's view.
    struct Series: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double

        static func == (a: Series, b: Series) -> Bool {
            a.name == b.name && a.labels == b.labels && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
        }
    }

    /// Every series of a vector answer.
    static func series(_ bytes: [UInt8]) throws(CollectError) -> [Series] {
        var all: [Series] = []
        try PrometheusQueryAnswer.forEachSeries(in: bytes) { view in
            all.append(Series(name: view.name, labels: Dictionary(view.labels.map { ($0.name, $0.value) }) { a, _ in a },
                              value: view.value))
        }
        return all
    }
}
