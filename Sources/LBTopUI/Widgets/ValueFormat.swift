/// Compact, fixed-spirit number formatting for table cells (no Foundation formatters on the render
/// path). Every function returns a short ASCII string; nil values are the caller's `missing` glyph.
public enum ValueFormat {
    /// A rate or count: `0`, `0.3`, `9.5`, `120`, `1.2k`, `34k`, `1.2M`.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "?" : (value > 0 ? "inf" : "-inf") }
        if value < 0 { return "-" + compact(-value) }
        if value == 0 { return "0" }
        if value < 9.95 { return tenths(value) }
        if value < 999.5 { return String(Int(value.rounded())) }
        if value < 9_950 { return tenths(value / 1_000) + "k" }
        if value < 999_500 { return String(Int((value / 1_000).rounded())) + "k" }
        if value < 9_950_000 { return tenths(value / 1_000_000) + "M" }
        if value < 999_500_000 { return String(Int((value / 1_000_000).rounded())) + "M" }
        return tenths(value / 1_000_000_000) + "G"
    }

    /// A fraction 0…1 as a whole percentage: `0%`, `33%`, `100%`; below 1% but not zero: `<1%`.
    public static func percent(fraction: Double) -> String {
        percent(fraction * 100)
    }

    /// A percentage 0…100: `45%`; small non-zero values keep a decimal (`0.4%`).
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        if value > 0, value < 0.95 { return tenths(value) + "%" }
        return String(Int(value.rounded())) + "%"
    }

    /// Milliseconds: `0ms`, `12ms`, `850ms`, `1.2s`, `35s`.
    public static func milliseconds(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        if value < 999.5 { return String(Int(value.rounded())) + "ms" }
        if value < 9_950 { return tenths(value / 1_000) + "s" }
        return String(Int((value / 1_000).rounded())) + "s"
    }

    /// An age or duration: `0s`, `12s`, `3m12s`, `2h05m`, `3d04h`.
    public static func age(seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = max(0, Int(seconds))
        if s < 60 { return String(s) + "s" }
        if s < 3_600 { return String(s / 60) + "m" + two(s % 60) + "s" }
        if s < 86_400 { return String(s / 3_600) + "h" + two(s % 3_600 / 60) + "m" }
        return String(s / 86_400) + "d" + two(s % 86_400 / 3_600) + "h"
    }

    /// A load average: `0.42`, `3.10`, `12.5`, `124`.
    public static func load(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "?" }
        if value < 9.995 {
            let hundredths = Int((value * 100).rounded())
            return String(hundredths / 100) + "." + two(hundredths % 100)
        }
        if value < 99.95 { return tenths(value) }
        return String(Int(value.rounded()))
    }

    /// One decimal: `0.3`, `9.5`.
    private static func tenths(_ value: Double) -> String {
        let t = Int((value * 10).rounded())
        return String(t / 10) + "." + String(t % 10)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}
