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
        let listed: [PrometheusTarget]? = withBytes(bytes) { buffer in
            var scanner = JSONScanner(buffer)
            var status: String?
            var targets: [PrometheusTarget]?
            guard scanner.peek() == .object, var members = scanner.object() else { return nil }
            while let key = scanner.nextKey(&members) {
                if scanner.matches(key, "status") {
                    status = scanner.stringValue()
                } else if scanner.matches(key, "data"), scanner.peek() == .object, var data = scanner.object() {
                    while let key = scanner.nextKey(&data) {
                        if scanner.matches(key, "activeTargets"), scanner.peek() == .array, var items = scanner.array() {
                            targets = []
                            while scanner.nextItem(&items) {
                                if let item = target(&scanner) { targets?.append(item) }
                            }
                        } else {
                            scanner.skip()
                        }
                    }
                } else {
                    scanner.skip()
                }
            }
            return scanner.atEnd() && status == "success" ? targets : nil
        }
        guard let listed else { throw CollectError(.badPayload, "not a Prometheus targets answer") }
        return listed
    }

    /// One `activeTargets` item; nil (stepped over) without an `instance` label.
    private static func target(_ scanner: inout JSONScanner) -> PrometheusTarget? {
        guard scanner.peek() == .object, var members = scanner.object() else {
            scanner.skip()
            return nil
        }
        var target = PrometheusTarget(instance: "", health: "unknown")
        var instance: String?
        while let key = scanner.nextKey(&members) {
            if scanner.matches(key, "labels"), scanner.peek() == .object, var labels = scanner.object() {
                while let label = scanner.nextKey(&labels) {
                    if scanner.matches(label, "instance") { instance = scanner.stringValue() }
                    else if scanner.matches(label, "job") { target.job = scanner.stringValue() }
                    else { scanner.skip() }
                }
            } else if scanner.matches(key, "health") {
                target.health = scanner.stringValue() ?? "unknown"
            } else if scanner.matches(key, "lastError") {
                target.lastError = scanner.stringValue() ?? ""
            } else if scanner.matches(key, "scrapeInterval") {
                target.scrapeInterval = scanner.stringValue().flatMap(duration)
            } else {
                scanner.skip()
            }
        }
        guard let instance else { return nil }
        target.instance = instance
        return target
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
