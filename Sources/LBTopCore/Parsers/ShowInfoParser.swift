/// Parses HAProxy's `show info`: `Key: value` lines (keys may contain spaces, so each line splits
/// at the first `": "`), ending with an empty line.
public enum ShowInfoParser {
    /// Every key and value, in order of appearance.
    public static func fields(_ bytes: some Collection<UInt8>) -> [(key: String, value: String)] {
        let text = String(decoding: bytes, as: UTF8.self)
        var result: [(key: String, value: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            guard let separator = trimmed.firstRange(of: ": ") else { continue }
            result.append((String(trimmed[..<separator.lowerBound]), String(trimmed[separator.upperBound...])))
        }
        return result
    }

    /// The process identity lbtop needs; nil when the text holds neither `Pid` nor `Name`.
    public static func parse(_ bytes: some Collection<UInt8>) -> BalancerProcess? {
        let pairs = fields(bytes)
        var values: [String: String] = [:]
        for (key, value) in pairs where values[key] == nil { values[key] = value }
        guard values["Pid"] != nil || values["Name"] != nil else { return nil }
        return BalancerProcess(
            pid: values["Pid"].flatMap { Int($0) },
            startTime: values["Start_time_sec"].flatMap { Int($0) },
            uptimeSeconds: values["Uptime_sec"].flatMap { Int($0) },
            version: values["Version"],
            node: values["node"],
            stopping: values["Stopping"] == "1"
        )
    }
}
