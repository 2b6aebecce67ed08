/// One scrape target as Prometheus's `/api/v1/targets` lists it.
public struct PrometheusTarget: Sendable, Equatable {
    /// The `instance` label: what the fleet's rows are named by.
    public var instance: String
    public var job: String?
    /// `up`, `down` or `unknown`.
    public var health: String
    public var lastError: String
    /// Seconds between scrapes (`scrapeInterval`, e.g. `1s`, `1m30s`).
    public var scrapeInterval: Double?

    public init(instance: String, job: String? = nil, health: String = "up", lastError: String = "",
                scrapeInterval: Double? = nil) {
        self.instance = instance; self.job = job; self.health = health; self.lastError = lastError
        self.scrapeInterval = scrapeInterval
    }
}

/// Reads `/api/v1/targets`: which targets Prometheus scrapes, how often, and whether the last
/// scrape worked (`../shared/FORMATS.md` §15; the list is empty for a few seconds after start).
public enum PrometheusTargetsAnswer {
    public static func targets(_ bytes: some Collection<UInt8>) throws(CollectError) -> [PrometheusTarget] {
        guard let envelope = CompactJSON.parse(bytes), envelope["status"]?.string == "success",
              let active = envelope["data"]?["activeTargets"]?.array else {
            throw CollectError(.badPayload, "not a Prometheus targets answer")
        }
        return active.compactMap { item in
            guard let labels = item["labels"], let instance = labels["instance"]?.string else { return nil }
            return PrometheusTarget(instance: instance, job: labels["job"]?.string,
                                    health: item["health"]?.string ?? "unknown",
                                    lastError: item["lastError"]?.string ?? "",
                                    scrapeInterval: item["scrapeInterval"]?.string.flatMap(duration))
        }
    }

    /// Prometheus duration text (`500ms`, `15s`, `1m30s`, `1h`) in seconds; nil when malformed.
    public static func duration(_ text: String) -> Double? {
        var total = 0.0
        var digits = ""
        var index = text.startIndex
        guard !text.isEmpty else { return nil }
        while index < text.endIndex {
            let character = text[index]
            if character.isNumber {
                digits.append(character)
                index = text.index(after: index)
                continue
            }
            guard let number = Double(digits) else { return nil }
            digits = ""
            let rest = text[index...]
            let unit: Double
            if rest.hasPrefix("ms") { unit = 0.001; index = text.index(index, offsetBy: 2) }
            else {
                switch character {
                case "s": unit = 1
                case "m": unit = 60
                case "h": unit = 3600
                case "d": unit = 86_400
                case "w": unit = 604_800
                case "y": unit = 31_536_000
                default: return nil
                }
                index = text.index(after: index)
            }
            total += number * unit
        }
        return digits.isEmpty ? total : nil
    }
}
