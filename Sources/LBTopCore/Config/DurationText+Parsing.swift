extension DurationText {
    /// Reads a duration as people write one in a config file or on the command line — `500ms`,
    /// `1s`, `1.5s`, `2m`, `1h`, or a bare number of seconds — as seconds; nil when `text` is not a
    /// duration (negative values included).
    public static func parse(_ text: String) -> Double? {
        let text = text.trimmingWhitespace()
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingWhitespace()
            // `ms` also ends in `s`: the longer suffix is tried first, so `5ms` never reads as `5m`+`s`.
            guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
            return value * scale
        }
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }
}
