/// One sample, copied out of the body.
public struct PrometheusSample: Sendable, Equatable {
    public var name: String
    public var labels: [PrometheusLabel]
    public var value: Double
    /// As written: milliseconds in 0.0.4, seconds in OpenMetrics.
    public var timestamp: Double?

    public init(name: String, labels: [PrometheusLabel] = [], value: Double, timestamp: Double? = nil) {
        self.name = name; self.labels = labels; self.value = value; self.timestamp = timestamp
    }

    public subscript(label name: String) -> String? { labels.first { $0.name == name }?.value }

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.labels == b.labels && a.timestamp == b.timestamp
            && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
    }
}

/// A metric family: its HELP, TYPE and samples (for a histogram: `_bucket`, `_sum`, `_count`).
public struct PrometheusFamily: Sendable, Equatable {
    public var name: String
    public var type: PrometheusMetricType
    public var help: String?
    public var samples: [PrometheusSample]
    public init(name: String, type: PrometheusMetricType = .untyped, help: String? = nil, samples: [PrometheusSample] = []) {
        self.name = name; self.type = type; self.help = help; self.samples = samples
    }
}

/// A whole exposition body as families, for callers that want everything (tests, small bodies,
/// formats read once). Hot paths should use `PrometheusTextParser.forEachSample`.
public struct PrometheusDocument: Sendable, Equatable {
    public var families: [PrometheusFamily]
    public var summary: PrometheusParseSummary

    public init(parsing bytes: some Collection<UInt8>) {
        var families: [PrometheusFamily] = []
        var indexByName: [String: Int] = [:]
        func familyIndex(_ name: String) -> Int {
            if let index = indexByName[name] { return index }
            families.append(PrometheusFamily(name: name))
            indexByName[name] = families.count - 1
            return families.count - 1
        }
        var current: Int? = nil
        summary = PrometheusTextParser.forEachSample(in: bytes, onMetadata: { metadata in
            switch metadata {
            case let .help(name, text):
                current = familyIndex(name)
                families[current!].help = text
            case let .type(name, type):
                current = familyIndex(name)
                families[current!].type = type
            }
        }) { view in
            let name = view.name
            let sample = PrometheusSample(name: name, labels: view.labels, value: view.value, timestamp: view.timestamp)
            if let current, view.familyType != .untyped || families[current].name == name {
                families[current].samples.append(sample)
            } else {
                current = familyIndex(name)
                families[current!].samples.append(sample)
            }
        }
        self.families = families
    }

    public func family(_ name: String) -> PrometheusFamily? { families.first { $0.name == name } }
}

/// One histogram series of a family: cumulative buckets by upper bound (`le`), sum and count.
public struct PrometheusHistogram: Sendable, Equatable {
    /// Labels other than `le`.
    public var labels: [PrometheusLabel]
    /// (upper bound, cumulative count) in increasing bound order; the last bound is `+Inf`.
    public var buckets: [Bucket]
    public var sum: Double?
    public var count: Double?

    public struct Bucket: Sendable, Equatable {
        public var upperBound: Double
        public var cumulativeCount: Double
        public init(upperBound: Double, cumulativeCount: Double) {
            self.upperBound = upperBound; self.cumulativeCount = cumulativeCount
        }
    }
}

/// One summary series of a family: exporter-computed quantiles, sum and count.
public struct PrometheusSummary: Sendable, Equatable {
    public var labels: [PrometheusLabel]
    /// (quantile, value), as written.
    public var quantiles: [(quantile: Double, value: Double)]
    public var sum: Double?
    public var count: Double?

    public static func == (a: Self, b: Self) -> Bool {
        a.labels == b.labels && a.sum == b.sum && a.count == b.count
            && a.quantiles.count == b.quantiles.count
            && zip(a.quantiles, b.quantiles).allSatisfy {
                $0.quantile == $1.quantile && ($0.value == $1.value || ($0.value.isNaN && $1.value.isNaN))
            }
    }
}

extension PrometheusFamily {
    /// The family's histogram series, grouped by their labels other than `le`.
    public var histograms: [PrometheusHistogram] {
        var result = grouped(excluding: "le", \PrometheusHistogram.labels) {
            PrometheusHistogram(labels: $0, buckets: [], sum: nil, count: nil)
        } update: { histogram, sample in
            switch sample.name {
            case name + "_bucket":
                if let bound = sample[label: "le"].flatMap(Self.parseBound) {
                    histogram.buckets.append(.init(upperBound: bound, cumulativeCount: sample.value))
                }
            case name + "_sum": histogram.sum = sample.value
            case name + "_count": histogram.count = sample.value
            default: break
            }
        }
        for index in result.indices { result[index].buckets.sort { $0.upperBound < $1.upperBound } }
        return result
    }

    /// The family's summary series, grouped by their labels other than `quantile`.
    public var summaries: [PrometheusSummary] {
        grouped(excluding: "quantile", \PrometheusSummary.labels) {
            PrometheusSummary(labels: $0, quantiles: [], sum: nil, count: nil)
        } update: { summary, sample in
            switch sample.name {
            case name:
                if let quantile = sample[label: "quantile"].flatMap(Self.parseBound) {
                    summary.quantiles.append((quantile, sample.value))
                }
            case name + "_sum": summary.sum = sample.value
            case name + "_count": summary.count = sample.value
            default: break
            }
        }
    }

    /// Samples grouped into series by their labels other than `label`, in order of appearance.
    private func grouped<Series>(excluding label: String, _ labels: KeyPath<Series, [PrometheusLabel]>,
                                 make: ([PrometheusLabel]) -> Series,
                                 update: (inout Series, PrometheusSample) -> Void) -> [Series] {
        var result: [Series] = []
        for sample in samples {
            let key = sample.labels.filter { $0.name != label }
            if let index = result.firstIndex(where: { $0[keyPath: labels] == key }) {
                update(&result[index], sample)
            } else {
                result.append(make(key))
                update(&result[result.count - 1], sample)
            }
        }
        return result
    }

    private static func parseBound(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { ASCIINumber.double($0, 0..<$0.count) }
    }
}
