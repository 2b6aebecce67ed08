#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in a recording as people write it: `14:02:10` or `14:02` (local time, on the day of the
/// recording's start, or the next day when that is over 12 hours before the start), `+5m` / `+90s` from the
/// start, or a full `2026-11-25T14:02:10`.
public enum ReplayTime {
    /// Unix seconds for `text` in a recording that starts at `start` (Unix seconds); nil when unreadable.
    public static func parse(_ text: String, start: Double) -> Double? {
        if text.hasPrefix("+") {
            return DurationText.parse(String(text.dropFirst()).lowercased()).map { start + $0 }
        }
        var parts = tm()
        var seconds = time_t(start)
        localtime_r(&seconds, &parts)
        let dateAndTime = text.split(separator: "T", maxSplits: 1)
        var clock = Substring(text)
        if dateAndTime.count == 2 {
            let date = dateAndTime[0].split(separator: "-").compactMap { Int32($0) }
            guard date.count == 3 else { return nil }
            parts.tm_year = date[0] - 1900; parts.tm_mon = date[1] - 1; parts.tm_mday = date[2]
            clock = dateAndTime[1]
        }
        let fields = clock.split(separator: ":").map { Int32($0) }
        guard (2...3).contains(fields.count), !fields.contains(nil) else { return nil }
        parts.tm_hour = fields[0]!; parts.tm_min = fields[1]!; parts.tm_sec = fields.count == 3 ? fields[2]! : 0
        parts.tm_isdst = -1
        var result = Double(mktime(&parts))
        if dateAndTime.count == 1, result < start - 43_200 { result += 86_400 }
        return result
    }
}
